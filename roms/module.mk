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

# The Linux boot stub (roms/boot-arm/boot.S) becomes a C array that
# machines/virt-boot.c includes: obj/roms/boot-arm/boot-arm.inc.
ARM_OBJCOPY = $(patsubst %gcc,%objcopy,$(ARM_CC))
BOOT_ARM_INC := obj/roms/boot-arm/boot-arm.inc

$(BOOT_ARM_INC): $(S)/roms/boot-arm/boot.S
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  ARMAS   $<")
	$(Q)$(if $(ARM_CC),$(ARM_CC),$(error arm-none-eabi-gcc not found (the \
	    boot stub needs it); install it: apt-get install -y \
	    gcc-arm-none-eabi)) -marm -mcpu=cortex-a15 -nostdlib -c -o $@.o $<
	$(Q)$(ARM_OBJCOPY) -O binary -j .text $@.o $@.bin
	$(Q){ echo "/* Generated from roms/boot-arm/boot.S: do not edit */"; \
	    od -An -v -tx1 $@.bin | sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; } \
	    > $@.tmp && mv $@.tmp $@

obj/machines/virt-boot.o: $(BOOT_ARM_INC)
