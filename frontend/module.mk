# frontend/: guest ISAs.  Decoders are generated from *.decode specs by
# scripts/decodetree.py into obj/frontend/<isa>/<name>-decode.c.inc, which
# the translator includes as "frontend/<isa>/<name>-decode.c.inc" (obj/ is
# on the include path).
mosaic-srcs += $(patsubst $(S)/%,%,$(wildcard $(S)/frontend/*/*.c))
decode-specs := $(patsubst $(S)/%,%,$(wildcard $(S)/frontend/*/*.decode))
gen-files += $(decode-specs:%.decode=obj/%-decode.c.inc)

obj/%-decode.c.inc: $(S)/%.decode $(S)/scripts/decodetree.py
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GEN     $@")
	$(Q)python3 $(S)/scripts/decodetree.py -o $@ $<

# Translators include the generated decoders: generate them first.
$(patsubst %.c,obj/%.o,$(filter frontend/%,$(mosaic-srcs))): | $(gen-files)
