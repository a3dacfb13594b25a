/* SPDX-License-Identifier: MIT */
/*
 * The ARM `virt` board, with QEMU's memory map so one bare-metal binary
 * runs on both: RAM at 0x40000000, PL011 UART at 0x09000000.  Built from
 * a MachineConfig: address space, RAM, UART, TB cache with the chosen
 * backend, an ARM CPU, then the -kernel image.  Not yet here: GIC,
 * timers, flash, virtio, the device tree (so the UART interrupt is left
 * unconnected and the CPU can only poll).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frontend/arm/cpu.h"
#include "hw/char/pl011.h"
#include "hw/core/loader.h"
#include "hw/core/log.h"
#include "machines/machine.h"
#include "tcg/backend.h"
#include "tcg/exec.h"

#define VIRT_TB_CODE_SIZE (32u << 20)

/* The board's memory map (QEMU hw/arm/virt.c numbers). */
enum {
    VIRT_UART_BASE = 0x09000000,
    VIRT_UART_SIZE = 0x1000,
    VIRT_RAM_BASE = 0x40000000,
};
/* Below 4 GiB: a 32-bit CPU without LPAE reaches no further. */
#define VIRT_RAM_MAX (3ull << 30)

/*
 * A raw (non-ELF) -kernel is treated as QEMU treats it: a Linux-style
 * image at RAM + 0x10000, entered through a stub at the base of RAM that
 * sets r0 = 0, r1 = machine id (~0: use the device tree), r2 = device
 * tree address.  Mosaic writes no device tree yet; r2 still holds the
 * address QEMU would use so register state matches.
 */
#define VIRT_RAW_OFFSET 0x10000u

typedef struct VirtMachine {
    Machine m;                  /* must be first */
    PL011State uart;
    ARMCPU *cpu;
} VirtMachine;

static void virt_free(Machine *m)
{
    VirtMachine *vm = (VirtMachine *)m;

    if (vm->cpu) {
        arm_cpu_free(vm->cpu);
    }
    if (m->tbc) {
        tbc_free(m->tbc);
    }
    if (m->as) {
        as_free(m->as);
    }
    if (m->serial) {
        chardev_free(m->serial);
    }
    free(vm);
}

static Chardev *virt_serial(const MachineConfig *cfg)
{
    if (cfg->serial_chr) {
        return cfg->serial_chr;
    }
    switch (cfg->serial) {
    case SERIAL_STDIO:
        return chardev_new_stdio(false);
    case SERIAL_MUX:
        return chardev_new_stdio(true);
    case SERIAL_NULL:
    default:
        return chardev_new_null();
    }
}

/* Semihosting console: stderr, as qemu-system-arm 7.2 does by default. */
static void virt_semihost_write(void *opaque, const char *buf, size_t len)
{
    fflush(stdout);
    while (len > 0) {
        ssize_t n = write(STDERR_FILENO, buf, len);
        if (n <= 0) {
            return;
        }
        buf += n;
        len -= (size_t)n;
    }
}

static int virt_semihost_readc(void *opaque)
{
    VirtMachine *vm = opaque;

    return vm->m.serial ? chardev_read_wait(vm->m.serial) : -1;
}

static void virt_setup_semihosting(VirtMachine *vm, const MachineConfig *cfg,
                                   uint64_t ram_size)
{
    ARMCPU *cpu = vm->cpu;

    cpu->semihosting = cfg->semihosting;
    cpu->semihost_write = virt_semihost_write;
    cpu->semihost_readc = virt_semihost_readc;
    cpu->semihost_opaque = vm;
    cpu->ram_base = VIRT_RAM_BASE;
    cpu->ram_size = (uint32_t)ram_size;
}

static void put_le32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}

/* The Linux-style entry stub for a raw image (see VIRT_RAW_OFFSET). */
static void virt_write_boot_stub(VirtMachine *vm, uint64_t ram_size)
{
    static const uint32_t stub[] = {
        0xe3a00000,             /* mov r0, #0 */
        0xe59f1004,             /* ldr r1, [pc, #4]  -> machine id */
        0xe59f2004,             /* ldr r2, [pc, #4]  -> dtb address */
        0xe59ff004,             /* ldr pc, [pc, #4]  -> kernel entry */
    };
    uint64_t half = ram_size / 2;
    uint32_t dtb = VIRT_RAM_BASE + (uint32_t)(half < (128u << 20)
                                              ? half : (128u << 20));
    uint8_t *p = as_ram_ptr(vm->m.as, VIRT_RAM_BASE, 7 * 4);

    for (int i = 0; i < 4; i++) {
        put_le32(p + 4 * i, stub[i]);
    }
    put_le32(p + 16, 0xffffffffu);
    put_le32(p + 20, dtb);
    put_le32(p + 24, VIRT_RAM_BASE + VIRT_RAW_OFFSET);
}

/* Load -kernel; returns the entry pc or -1 after reporting why. */
static int64_t virt_load_kernel(VirtMachine *vm, const char *path,
                                uint64_t ram_size)
{
    char err[256];
    size_t len;
    uint8_t *buf = loader_read_file(path, &len, err, sizeof(err));
    ElfInfo info;
    int64_t entry = -1;

    if (!buf) {
        error_report("could not load kernel '%s': %s", path, err);
        return -1;
    }
    if (loader_is_elf(buf, len)) {
        if (loader_load_elf(vm->m.as, buf, len, EM_ARM, &info, err,
                            sizeof(err)) < 0) {
            error_report("could not load kernel '%s': %s", path, err);
        } else if (info.is64 || info.big_endian) {
            error_report("could not load kernel '%s': %s ELF images are "
                         "not supported", path,
                         info.is64 ? "64-bit" : "big-endian");
        } else {
            entry = (int64_t)(uint32_t)info.entry;
        }
    } else if (ram_size < VIRT_RAW_OFFSET ||
               len > ram_size - VIRT_RAW_OFFSET) {
        error_report("could not load kernel '%s': %zu bytes do not fit in "
                     "RAM at 0x%x (try a larger -m)", path, len,
                     VIRT_RAM_BASE + VIRT_RAW_OFFSET);
    } else if (loader_load_raw(vm->m.as, buf, len,
                               VIRT_RAM_BASE + VIRT_RAW_OFFSET, err,
                               sizeof(err)) < 0) {
        error_report("could not load kernel '%s': %s", path, err);
    } else {
        virt_write_boot_stub(vm, ram_size);
        entry = VIRT_RAM_BASE;
    }
    free(buf);
    return entry;
}

/* Memory map and devices; false after reporting the problem. */
static bool virt_build(VirtMachine *vm, const MachineConfig *cfg,
                       uint64_t ram_size)
{
    Machine *m = &vm->m;

    m->as = as_new("system");
    if (!as_add_ram(m->as, "virt.ram", VIRT_RAM_BASE, ram_size)) {
        return false;
    }
    pl011_init(&vm->uart, NULL);    /* backend attached once all is well */
    if (!as_add_mmio(m->as, "pl011", VIRT_UART_BASE, VIRT_UART_SIZE,
                     &pl011_ops, &vm->uart)) {
        return false;
    }
    m->tbc = tbc_new(cfg->backend, VIRT_TB_CODE_SIZE);
    return m->tbc != NULL;
}

static Machine *virt_init(const MachineConfig *cfg)
{
    VirtMachine *vm = calloc(1, sizeof(*vm));
    uint64_t ram_size = cfg->ram_size ? cfg->ram_size
                                      : virt_machine.default_ram;
    const char *model = cfg->cpu_model ? cfg->cpu_model
                                       : virt_machine.default_cpu;
    int64_t entry;

    if (!vm) {
        die("out of memory");
    }
    vm->m.info = &virt_machine;
    vm->m.free = virt_free;
    if (!virt_build(vm, cfg, ram_size)) {
        goto fail;
    }
    vm->cpu = arm_cpu_new(model, vm->m.as, vm->m.tbc);
    if (!vm->cpu) {
        error_report("unknown CPU model '%s' for virt (-cpu help lists "
                     "them)", model);
        goto fail;
    }
    vm->m.cpu = &vm->cpu->common;
    virt_setup_semihosting(vm, cfg, ram_size);
    entry = virt_load_kernel(vm, cfg->kernel, ram_size);
    if (entry < 0) {
        goto fail;
    }
    arm_cpu_set_pc(vm->cpu, (uint32_t)entry);
    /* Last, so that errors above leave the terminal alone. */
    vm->m.serial = virt_serial(cfg);
    chardev_set_quit_handler(vm->m.serial, machine_request_quit, &vm->m);
    vm->uart.chr = vm->m.serial;
    return &vm->m;

fail:
    chardev_free(cfg->serial_chr);      /* ours even when init fails */
    virt_free(&vm->m);
    return NULL;
}

const MachineInfo virt_machine = {
    .name = "virt",
    .desc = "ARM Virtual Machine (RAM at 0x40000000, PL011 at 0x09000000)",
    .default_cpu = "cortex-a15",
    .default_ram = 128u << 20,
    .max_ram = VIRT_RAM_MAX,
    .init = virt_init,
    .cpu_list = arm_cpu_list,
};
