/* SPDX-License-Identifier: MIT */
/*
 * The ARM `virt` board's pieces shared by machines/virt.c (devices and
 * CPUs), virt-fdt.c (the device tree describing them) and virt-boot.c
 * (-kernel, -initrd, -dtb, -bios).  Addresses and interrupt numbers are
 * QEMU's (hw/arm/virt.c), so one guest image runs on both.
 */
#ifndef MACHINES_VIRT_H
#define MACHINES_VIRT_H

#include <stddef.h>
#include <stdint.h>

#include "frontend/arm/cpu.h"
#include "hw/block/blockdev.h"
#include "hw/block/pflash.h"
#include "hw/char/pl011.h"
#include "hw/core/irq.h"
#include "hw/core/timer.h"
#include "hw/intc/gic.h"
#include "hw/rtc/pl031.h"
#include "hw/virtio/virtio-mmio.h"
#include "machines/machine.h"

/* The memory map. */
enum {
    VIRT_FLASH_BASE = 0x00000000,
    VIRT_FLASH_BANK_SIZE = 0x04000000,      /* two banks of 64M */
    VIRT_GIC_DIST_BASE = 0x08000000,
    VIRT_GIC_CPU_BASE = 0x08010000,
    VIRT_UART_BASE = 0x09000000,
    VIRT_UART_SIZE = 0x1000,
    VIRT_RTC_BASE = 0x09010000,
    VIRT_RTC_SIZE = 0x1000,
    VIRT_MMIO_BASE = 0x0a000000,            /* virtio-mmio transports */
    VIRT_MMIO_SIZE = 0x200,
    VIRT_NUM_MMIO = 32,
    VIRT_RAM_BASE = 0x40000000,
};

/* GIC SPIs (INTID - 32) and PPIs (INTID - 16). */
enum {
    VIRT_SPI_UART = 1,
    VIRT_SPI_RTC = 2,
    VIRT_SPI_MMIO = 16,                     /* + transport index */
    VIRT_GIC_NUM_IRQS = 288,                /* 256 SPIs + 32 */
    VIRT_PPI_HYP_TIMER = 10,
    VIRT_PPI_VIRT_TIMER = 11,
    VIRT_PPI_SEC_TIMER = 13,
    VIRT_PPI_PHYS_TIMER = 14,
};

typedef struct VirtBoot VirtBoot;     /* virt-boot.c */

typedef struct VirtMachine {
    Machine m;                  /* must be first */
    PL011State uart;
    ARMCPU *cpus[MACHINE_MAX_CPUS];
    int smp;
    uint64_t ram_size;
    GICState *gic;              /* NULL: no interrupt controller */
    bool has_bios;              /* firmware in flash at address 0 */
    bool no_reboot;             /* -no-reboot: a guest reset ends the run */
    VirtBoot *boot;             /* what virt_boot_load puts in RAM */
    char *kernel_path;          /* -kernel, for messages */
    bool psci;                  /* the CPU routes HVC to virt_psci_call */
    PL031State *rtc;
    PFlashState *flash[2];
    VirtIOMMIO *mmio[VIRT_NUM_MMIO];
    BlockDev *disks[MACHINE_MAX_VIRTIO];
    /* Generic timers: one host timer per CPU, re-armed at every sync. */
    int64_t clock_base;         /* clock_ns() at guest time 0 */
    Timer gt_timer[MACHINE_MAX_CPUS];
    uint64_t gt_deadline[MACHINE_MAX_CPUS];
    IrqLine gt_lines[MACHINE_MAX_CPUS][ARM_GT_NUM];
} VirtMachine;

/* virt-boot.c: write the boot images into RAM again and set CPU 0's
 * entry (at start and at every reset); false after error_report. */
bool virt_boot_load(VirtMachine *vm);
void virt_boot_free(VirtBoot *b);

/* virt-fdt.c: the board's device tree (malloc'd, *size bytes), or NULL
 * after error_report. */
void *virt_fdt_build(VirtMachine *vm, size_t *size);

/* virt-boot.c: load what the command line names and set the boot CPU's
 * entry; false after error_report.  With -machine dumpdtb, writes the
 * tree and sets *dumped instead. */
bool virt_boot_setup(VirtMachine *vm, const MachineConfig *cfg,
                     bool *dumped);

/* virt-devices.c: PL031, flash banks, virtio-mmio transports with the
 * configured devices; false after error_report.  -bios goes into flash
 * bank 0 and is entered at 0. */
void virt_add_rtc(VirtMachine *vm);
bool virt_add_flash(VirtMachine *vm);
bool virt_load_bios(VirtMachine *vm, const char *path);
void virt_free_flash(VirtMachine *vm);
bool virt_add_virtio(VirtMachine *vm, const MachineConfig *cfg);
void virt_free_virtio(VirtMachine *vm);
void virt_reset_devices(VirtMachine *vm);

/* virt-initrd.c: is this a complete initramfs/initrd image?  (gzip is
 * inflated to the end; other formats are checked by their framing.)
 * false with err filled. */
bool virt_check_initrd(const uint8_t *buf, size_t len, char *err,
                       size_t errlen);

/* virt-psci.c: one PSCI call from cpu (function in r0, result in r0);
 * true: handled.  For the CPU frontend's HVC/SMC hook. */
bool virt_psci_call(void *opaque, ARMCPU *cpu);

#endif
