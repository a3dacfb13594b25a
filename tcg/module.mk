# tcg/: IR, optimizer, TB cache, exec loop, soft-MMU (every .c here)
mosaic-srcs += $(patsubst $(S)/%,%,$(wildcard $(S)/tcg/*.c))
