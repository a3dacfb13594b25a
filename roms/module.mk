# SPDX-License-Identifier: MIT
# roms/: guest programs the project writes itself, built with the ARM
# cross compiler found by configure (ARM_CC).  `make demo` runs
# roms/demo/hello.elf on the virt board.
DEMO_CFLAGS := -marm -mcpu=cortex-a15 -O2 -ffreestanding -nostdlib \
               -fno-builtin -Wall -Wextra
demo-objs := roms/demo/start.o roms/demo/hello.o

roms/demo/%.o: $(S)/roms/demo/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  ARMCC   $<")
	$(Q)$(if $(ARM_CC),$(ARM_CC),$(error arm-none-eabi-gcc not found; \
	    install it: apt-get install -y gcc-arm-none-eabi)) \
	    $(DEMO_CFLAGS) -c -o $@ $<

roms/demo/%.o: $(S)/roms/demo/%.S
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  ARMAS   $<")
	$(Q)$(ARM_CC) $(DEMO_CFLAGS) -c -o $@ $<

roms/demo/hello.elf: $(demo-objs) $(S)/roms/demo/link.ld
	@$(if $(Q),echo "  ARMLD   $@")
	$(Q)$(ARM_CC) $(DEMO_CFLAGS) -T $(S)/roms/demo/link.ld -o $@ \
	    $(demo-objs) -lgcc
