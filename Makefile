# SPDX-License-Identifier: MIT
# Mosaic: one non-recursive Makefile.  Each module lists its sources in
# <dir>/module.mk:
#   mosaic-srcs  += files linked into the emulator (and the unit tests)
#   unit-tests   += tests/unit/<name>_test.c (one binary each)
#   gen-files    += generated sources (with their own rules)
# Objects go to obj/ under the build directory; V=1 shows commands.

MAKEFILE_DIR := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
-include config.mk
S := $(or $(SRC_DIR),$(MAKEFILE_DIR))

# First use, or configure changed since: (re)configure with the same flags.
config.mk: $(S)/configure
	$(S)/configure $(CONFIGURE_ARGS)

.DEFAULT_GOAL := all
Q := $(if $(V),,@)
ALL_CFLAGS = $(CFLAGS) $(PKG_CFLAGS) -I. -I$(S) -Iobj -MMD -MP

mosaic-srcs :=
main-srcs :=
unit-tests :=
gen-files :=

include $(S)/hw/module.mk
include $(S)/tcg/module.mk
include $(S)/backend/module.mk
include $(S)/frontend/module.mk
include $(S)/machines/module.mk
include $(S)/tests/module.mk
-include $(S)/roms/module.mk

mosaic-objs := $(mosaic-srcs:%.c=obj/%.o)
main-objs := $(main-srcs:%.c=obj/%.o)
unit-bins := $(unit-tests:tests/unit/%.c=tests/bin/%)

.SECONDARY:
.PHONY: all check check-unit check-guest check-boot bench demo demo-baremetal clean \
        distclean
all: mosaic

obj/%.o: $(S)/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

obj/libmosaic.a: $(mosaic-objs)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

mosaic: $(main-objs) obj/libmosaic.a
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS) -o $@ $(main-objs) obj/libmosaic.a $(LIBS)

tests/bin/%: obj/tests/unit/%.o obj/tests/unit/test-main.o obj/libmosaic.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS) -o $@ $< obj/tests/unit/test-main.o obj/libmosaic.a $(LIBS)

check: mosaic $(unit-bins)
	$(Q)MOSAIC=$(CURDIR)/mosaic BUILD_DIR=$(CURDIR)/build-tests ARM_CC="$(ARM_CC)" QEMU_ARM="$(QEMU_ARM)" \
	    $(S)/tests/run.sh $(unit-bins)

# Workloads of ../shared/bench on mosaic and qemu-system-arm, side by side.
BENCH_DIR ?= $(S)/../shared/bench
bench: mosaic
	$(S)/scripts/bench.sh ./mosaic $(S) $(BENCH_DIR)
	$(S)/scripts/bench-boot.sh ./mosaic || \
	    echo "boot benchmark: mosaic did not reach the shell (see above)"

# Real firmware and kernels from Debian (fetched into a cache) to a marker.
check-boot: mosaic
	$(S)/tests/boot/run.sh --emulator mosaic

# Build mosaic, fetch Debian's armmp kernel and busybox (into a cache),
# and boot them to an interactive shell (leave with poweroff -f or C-a x).
GUESTS ?= $(HOME)/.cache/mosaic/guests
demo: mosaic
	$(S)/scripts/fetch-guests.sh $(GUESTS)
	./mosaic -M virt -cpu cortex-a15 -m 512M -nographic \
	    -kernel $(GUESTS)/boot/armmp-vmlinuz \
	    -initrd $(GUESTS)/boot/busybox-initramfs.cpio.gz \
	    -append "console=ttyAMA0 rdinit=/bin/sh"

# The project's own bare-metal ARM program (no download needed).
demo-baremetal: mosaic roms/demo/hello.elf
	./mosaic -M virt -cpu cortex-a15 -nographic -semihosting \
	    -kernel roms/demo/hello.elf

clean:
	rm -rf obj tests/bin mosaic build-tests

distclean: clean
	rm -f config.mk config.h

-include $(mosaic-objs:.o=.d) $(main-objs:.o=.d)
-include $(unit-tests:tests/unit/%.c=obj/tests/unit/%.d)
