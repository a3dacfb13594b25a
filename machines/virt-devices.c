/* SPDX-License-Identifier: MIT */
/*
 * The virt board's optional and secondary devices: the PL031 RTC, the two
 * CFI flash banks at 0 (-bios goes into bank 0), and the 32 virtio-mmio
 * transports with the -drive/-device virtio devices plugged from the
 * last slot down, as QEMU does (so Linux finds the first one first).
 */
#include <stdlib.h>

#include "hw/block/blockdev.h"
#include "hw/block/pflash.h"
#include "hw/core/log.h"
#include "hw/rtc/pl031.h"
#include "hw/virtio/virtio-mmio.h"
#include "machines/virt.h"
#include "tcg/softmmu.h"
#include "tcg/tb.h"

void virt_add_rtc(VirtMachine *vm)
{
    vm->rtc = pl031_new(vm->m.loop, gic_spi(vm->gic, VIRT_SPI_RTC));
    as_add_mmio(vm->m.as, "pl031", VIRT_RTC_BASE, PL031_MMIO_SIZE,
                &pl031_ops, vm->rtc);
}

/* ---- flash ---- */

static void virt_flash_mode_changed(void *opaque)
{
    VirtMachine *vm = opaque;

    for (int i = 0; i < vm->m.ncpus; i++) {
        tlb_flush(vm->m.cpus[i]);
    }
}

static void virt_flash_written(void *opaque, uint64_t addr, uint64_t len)
{
    VirtMachine *vm = opaque;

    tb_invalidate_phys_range(vm->m.tbc, addr, addr + len);
}

bool virt_add_flash(VirtMachine *vm)
{
    static const char *const names[2] = { "virt.flash0", "virt.flash1" };

    for (int i = 0; i < 2; i++) {
        vm->flash[i] = pflash_new(names[i], VIRT_FLASH_BANK_SIZE);
        pflash_set_hooks(vm->flash[i], virt_flash_mode_changed,
                         virt_flash_written, vm);
        if (!pflash_map(vm->flash[i], vm->m.as,
                        VIRT_FLASH_BASE + i * VIRT_FLASH_BANK_SIZE)) {
            return false;
        }
    }
    return true;
}

bool virt_load_bios(VirtMachine *vm, const char *path)
{
    if (pflash_load(vm->flash[0], path) < 0) {
        return false;
    }
    vm->has_bios = true;            /* virt_boot_load enters at 0 */
    return true;
}

void virt_free_flash(VirtMachine *vm)
{
    for (int i = 0; i < 2; i++) {
        if (vm->flash[i]) {
            pflash_free(vm->flash[i]);
        }
    }
}

/* ---- virtio ---- */

static VirtIODevice *virt_virtio_dev(VirtMachine *vm, const MachineVirtio *d,
                                     int n)
{
    char err[256];

    if (d->kind == VIRTIO_KIND_RNG) {
        return virtio_rng_new();
    }
    vm->disks[n] = blockdev_open(d->file, d->read_only, d->snapshot, err,
                                 sizeof(err));
    if (!vm->disks[n]) {
        error_report("-drive file=%s: %s", d->file, err);
        return NULL;
    }
    return virtio_blk_new(vm->disks[n]);
}

bool virt_add_virtio(VirtMachine *vm, const MachineConfig *cfg)
{
    for (int i = 0; i < VIRT_NUM_MMIO; i++) {
        vm->mmio[i] = virtio_mmio_new(vm->m.as,
                                      gic_spi(vm->gic, VIRT_SPI_MMIO + i));
        as_add_mmio(vm->m.as, "virtio-mmio",
                    VIRT_MMIO_BASE + (uint64_t)i * VIRT_MMIO_SIZE,
                    VIRTIO_MMIO_SIZE, &virtio_mmio_ops, vm->mmio[i]);
    }
    for (int n = 0; n < cfg->nvirtio; n++) {
        VirtIODevice *dev = virt_virtio_dev(vm, &cfg->virtio[n], n);
        if (!dev) {
            return false;
        }
        virtio_mmio_plug(vm->mmio[VIRT_NUM_MMIO - 1 - n], dev);
    }
    return true;
}

void virt_free_virtio(VirtMachine *vm)
{
    for (int i = 0; i < VIRT_NUM_MMIO; i++) {
        virtio_mmio_free(vm->mmio[i]);
    }
    for (int n = 0; n < MACHINE_MAX_VIRTIO; n++) {
        blockdev_close(vm->disks[n]);
    }
}

/* A board reset: the UART's and RTC's registers, flash back to
 * read-array mode, every virtio transport and its device (contents and
 * disks stay). */
void virt_reset_devices(VirtMachine *vm)
{
    pl011_reset(&vm->uart);
    if (vm->rtc) {
        pl031_reset(vm->rtc);
    }
    for (int i = 0; i < 2; i++) {
        if (vm->flash[i]) {
            pflash_reset(vm->flash[i]);
        }
    }
    for (int i = 0; i < VIRT_NUM_MMIO; i++) {
        if (vm->mmio[i]) {
            virtio_mmio_reset(vm->mmio[i]);
        }
    }
}
