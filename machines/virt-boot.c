/* SPDX-License-Identifier: MIT */
/*
 * Booting the virt board as qemu-system-arm 7.2 does: an ELF -kernel is
 * a bare-metal program (segments at their addresses, entered directly);
 * anything else is a Linux image (zImage or raw Image) at RAM + 64K,
 * with the initrd at RAM + min(RAM/2, 128M) (or above the kernel), the
 * device tree right after it, and our boot stub (roms/boot-arm) at the
 * base of RAM.  -bios puts firmware in the flash at 0 and the device
 * tree at the base of RAM.  Every file is checked before the guest
 * starts: a truncated or corrupt one is a one-line error.
 *
 * Setup reads and checks everything and decides where it goes (VirtBoot,
 * kept for the machine's life); virt_boot_load writes it into RAM and
 * sets CPU 0's entry, at start and again at every reset, as QEMU
 * reloads its ROM blobs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hw/core/bytes.h"
#include "hw/core/fdt.h"
#include "hw/core/loader.h"
#include "hw/core/log.h"
#include "machines/virt.h"

#define VIRT_KERNEL_OFFSET 0x10000u     /* QEMU's KERNEL_LOAD_ADDR */
#define VIRT_INITRD_MAX_OFFSET (128u << 20)
#define VIRT_DTB_ALIGN 0x1000u

/* The stub, assembled from roms/boot-arm/boot.S at build time. */
static const uint8_t boot_arm_stub[] = {
#include "roms/boot-arm/boot-arm.inc"
};

/* zImage header words (arch/arm/boot/compressed/head.S). */
#define ZIMAGE_MAGIC_OFF 0x24
#define ZIMAGE_MAGIC 0x016f2818u

static uint64_t align_up(uint64_t v, uint64_t a)
{
    return (v + a - 1) & ~(a - 1);
}

/* A zImage must hold all the bytes its header says it has. */
static bool virt_check_zimage(const uint8_t *buf, size_t len, char *err,
                              size_t errlen)
{
    uint32_t start, end;

    if (len < 0x30 ||
        get_le_bytes(buf + ZIMAGE_MAGIC_OFF, 4) != ZIMAGE_MAGIC) {
        return true;        /* not a zImage: a raw image, taken as is */
    }
    start = (uint32_t)get_le_bytes(buf + 0x28, 4);
    end = (uint32_t)get_le_bytes(buf + 0x2c, 4);
    if (end <= start) {
        snprintf(err, errlen, "corrupt zImage header (start 0x%x, end "
                 "0x%x)", start, end);
        return false;
    }
    if (end - start > len) {
        snprintf(err, errlen, "truncated zImage (%zu bytes, its header "
                 "says %u)", len, end - start);
        return false;
    }
    return true;
}

struct VirtBoot {
    uint8_t *kernel, *initrd;
    size_t kernel_len, initrd_len;
    void *dtb;
    size_t dtb_len;
    uint64_t initrd_addr, dtb_addr;
    bool elf;                       /* kernel is a bare-metal ELF */
    bool stub;                      /* Linux: the boot stub at RAM base */
};

void virt_boot_free(VirtBoot *b)
{
    if (b) {
        free(b->kernel);
        free(b->initrd);
        free(b->dtb);
        free(b);
    }
}

static uint8_t *virt_read(const char *what, const char *path, size_t *len)
{
    char err[256];
    uint8_t *buf = loader_read_file(path, len, err, sizeof(err));

    if (!buf) {
        error_report("could not load %s '%s': %s", what, path, err);
    }
    return buf;
}

/* An ELF -kernel: a bare-metal program, segments at their addresses. */
static bool virt_load_elf(VirtMachine *vm, const VirtBoot *b)
{
    char err[256];
    ElfInfo info;

    if (loader_load_elf(vm->m.as, b->kernel, b->kernel_len, EM_ARM, &info,
                        err, sizeof(err)) < 0) {
        error_report("could not load kernel '%s': %s", vm->kernel_path, err);
        return false;
    }
    if (info.is64 || info.big_endian) {
        error_report("could not load kernel '%s': %s ELF images are not "
                     "supported", vm->kernel_path,
                     info.is64 ? "64-bit" : "big-endian");
        return false;
    }
    arm_cpu_set_pc(vm->cpus[0], (uint32_t)info.entry);
    return true;
}

/* A Linux image goes at RAM + 64K; sets where the initrd goes. */
static bool virt_check_linux(VirtMachine *vm, VirtBoot *b, const char *path)
{
    char err[256];
    uint64_t half = vm->ram_size / 2;
    uint64_t high = VIRT_KERNEL_OFFSET + b->kernel_len;

    if (b->kernel_len == 0) {
        error_report("could not load kernel '%s': image is empty", path);
        return false;
    }
    if (!virt_check_zimage(b->kernel, b->kernel_len, err, sizeof(err))) {
        error_report("could not load kernel '%s': %s", path, err);
        return false;
    }
    if (high > vm->ram_size) {
        error_report("could not load kernel '%s': %zu bytes do not fit in "
                     "RAM at 0x%x (try a larger -m)", path, b->kernel_len,
                     VIRT_RAM_BASE + VIRT_KERNEL_OFFSET);
        return false;
    }
    b->initrd_addr = half < VIRT_INITRD_MAX_OFFSET ? half
                                                   : VIRT_INITRD_MAX_OFFSET;
    if (b->initrd_addr < high) {
        b->initrd_addr = high;
    }
    b->initrd_addr = VIRT_RAM_BASE + align_up(b->initrd_addr, 0x1000);
    return true;
}

static bool virt_read_initrd(VirtMachine *vm, VirtBoot *b, const char *path)
{
    char err[256];
    uint64_t end = VIRT_RAM_BASE + vm->ram_size;

    b->initrd = virt_read("initrd", path, &b->initrd_len);
    if (!b->initrd) {
        return false;
    }
    if (!virt_check_initrd(b->initrd, b->initrd_len, err, sizeof(err))) {
        error_report("could not load initrd '%s': %s", path, err);
        return false;
    }
    if (b->initrd_addr + b->initrd_len > end) {
        error_report("could not load initrd '%s': %zu bytes do not fit in "
                     "RAM at 0x%llx (try a larger -m)", path, b->initrd_len,
                     (unsigned long long)b->initrd_addr);
        return false;
    }
    return true;
}

/* -dtb file or the generated tree, with /chosen filled in. */
static bool virt_make_dtb(VirtMachine *vm, VirtBoot *b,
                          const MachineConfig *cfg)
{
    char err[256];
    uint64_t istart = b->initrd_len ? b->initrd_addr : 0;

    if (cfg->dtb) {
        b->dtb = virt_read("device tree", cfg->dtb, &b->dtb_len);
        if (!b->dtb) {
            return false;
        }
        if (fdt_validate(b->dtb, b->dtb_len, err, sizeof(err)) < 0) {
            error_report("could not load device tree '%s': %s", cfg->dtb,
                         err);
            return false;
        }
    } else {
        b->dtb = virt_fdt_build(vm, &b->dtb_len);
        if (!b->dtb) {
            return false;
        }
    }
    if (fdt_set_chosen(&b->dtb, &b->dtb_len,
                       cfg->append && *cfg->append ? cfg->append : NULL,
                       istart, istart + b->initrd_len, err,
                       sizeof(err)) < 0) {
        error_report("cannot update the device tree: %s", err);
        return false;
    }
    return true;
}

static bool virt_check_dtb_room(VirtMachine *vm, const VirtBoot *b)
{
    if (b->dtb_addr + b->dtb_len > VIRT_RAM_BASE + vm->ram_size) {
        error_report("no room for the device tree (%zu bytes at 0x%llx): "
                     "try a larger -m", b->dtb_len,
                     (unsigned long long)b->dtb_addr);
        return false;
    }
    return true;
}

/* The boot stub at the base of RAM, its parameters filled in. */
static void virt_write_stub(VirtMachine *vm, const VirtBoot *b)
{
    size_t n = sizeof(boot_arm_stub);
    uint8_t p[sizeof(boot_arm_stub)];

    memcpy(p, boot_arm_stub, n);
    put_le_bytes(p + n - 12, 0xffffffffu, 4);
    put_le_bytes(p + n - 8, b->dtb_addr, 4);
    put_le_bytes(p + n - 4, VIRT_RAM_BASE + VIRT_KERNEL_OFFSET, 4);
    as_write_bytes(vm->m.as, VIRT_RAM_BASE, p, n);
    arm_cpu_set_pc(vm->cpus[0], VIRT_RAM_BASE);
}

static bool virt_dump_dtb(const VirtBoot *b, const char *path)
{
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(b->dtb, 1, b->dtb_len, f) == b->dtb_len;

    if (f && fclose(f) != 0) {
        ok = false;
    }
    if (!ok) {
        error_report("dumpdtb: cannot write '%s'", path);
    }
    return ok;
}

/* Linux (or firmware): where the initrd and device tree go. */
static bool virt_prepare_linux(VirtMachine *vm, VirtBoot *b,
                               const MachineConfig *cfg)
{
    if (cfg->kernel && !virt_check_linux(vm, b, cfg->kernel)) {
        return false;
    }
    if (!cfg->kernel) {
        b->initrd_addr = VIRT_RAM_BASE + align_up(
            vm->ram_size / 2 < VIRT_INITRD_MAX_OFFSET
                ? vm->ram_size / 2 : VIRT_INITRD_MAX_OFFSET, 0x1000);
    }
    if (cfg->initrd && !virt_read_initrd(vm, b, cfg->initrd)) {
        return false;
    }
    if (!virt_make_dtb(vm, b, cfg)) {
        return false;
    }
    b->dtb_addr = cfg->kernel ? align_up(b->initrd_addr + b->initrd_len,
                                         VIRT_DTB_ALIGN)
                              : VIRT_RAM_BASE;
    b->stub = cfg->kernel != NULL;
    return cfg->dumpdtb || virt_check_dtb_room(vm, b);
}

static bool virt_load_blob(VirtMachine *vm, const char *what,
                           const void *buf, size_t len, uint64_t addr)
{
    char err[256];

    if (len && loader_load_raw(vm->m.as, buf, len, addr, err,
                               sizeof(err)) < 0) {
        error_report("cannot place the %s: %s", what, err);
        return false;
    }
    return true;
}

bool virt_boot_load(VirtMachine *vm)
{
    const VirtBoot *b = vm->boot;

    if (vm->has_bios) {
        arm_cpu_set_pc(vm->cpus[0], VIRT_FLASH_BASE);
    }
    if (b->elf) {
        return virt_load_elf(vm, b);
    }
    if (!virt_load_blob(vm, "kernel", b->kernel, b->kernel_len,
                        VIRT_RAM_BASE + VIRT_KERNEL_OFFSET) ||
        !virt_load_blob(vm, "initrd", b->initrd, b->initrd_len,
                        b->initrd_addr) ||
        !virt_load_blob(vm, "device tree", b->dtb, b->dtb_len,
                        b->dtb_addr)) {
        return false;
    }
    if (b->stub) {
        virt_write_stub(vm, b);
    }
    return true;
}

static bool virt_boot_prepare(VirtMachine *vm, VirtBoot *b,
                              const MachineConfig *cfg, bool *dumped)
{
    if (cfg->bios && cfg->kernel) {
        error_report("-bios with -kernel is not supported (use one)");
        return false;
    }
    if (cfg->bios && !virt_load_bios(vm, cfg->bios)) {
        return false;
    }
    if (cfg->kernel) {
        b->kernel = virt_read("kernel", cfg->kernel, &b->kernel_len);
        if (!b->kernel) {
            return false;
        }
        b->elf = loader_is_elf(b->kernel, b->kernel_len);
    }
    if (b->elf) {
        /* dumpdtb loads it anyway, to report a bad ELF too. */
        if (cfg->dumpdtb &&
            (!virt_load_elf(vm, b) || !virt_make_dtb(vm, b, cfg))) {
            return false;
        }
    } else if (!virt_prepare_linux(vm, b, cfg)) {
        return false;
    }
    if (cfg->dumpdtb) {
        *dumped = true;
        return virt_dump_dtb(b, cfg->dumpdtb);
    }
    return true;
}

bool virt_boot_setup(VirtMachine *vm, const MachineConfig *cfg,
                     bool *dumped)
{
    *dumped = false;
    vm->kernel_path = cfg->kernel ? strdup(cfg->kernel) : NULL;
    vm->boot = calloc(1, sizeof(VirtBoot));
    if (!vm->boot || (cfg->kernel && !vm->kernel_path)) {
        die("out of memory");
    }
    if (!virt_boot_prepare(vm, vm->boot, cfg, dumped)) {
        return false;
    }
    return *dumped || virt_boot_load(vm);
}
