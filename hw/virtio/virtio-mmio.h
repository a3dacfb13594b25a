/* SPDX-License-Identifier: MIT */
/*
 * The virtio-mmio transport (OASIS virtio v1.1 section 4.2, version 2
 * "modern" register layout): one 0x200-byte register window per device,
 * one interrupt line held high while InterruptStatus is non-zero.  An
 * empty transport answers DeviceID 0, like QEMU's unused slots, so a board
 * can map all 32 and plug devices into some.
 *
 *   VirtIOMMIO *t = virtio_mmio_new(as, gic_input(gic, 32 + 16 + i));
 *   as_add_mmio(as, "virtio-mmio", 0x0a000000 + 0x200 * i,
 *               VIRTIO_MMIO_SIZE, &virtio_mmio_ops, t);
 *   virtio_mmio_plug(t, virtio_blk_new(bd));
 *   ...
 *   virtio_mmio_free(t);          -- also frees the plugged device
 *
 * Device tree: compatible = "virtio,mmio", reg = <base 0x200>,
 * interrupts = <GIC_SPI n IRQ_TYPE_EDGE_RISING> as QEMU writes (the line is
 * level-driven here, which also works with a level-triggered binding).
 * The modern layout (Version 2, VIRTIO_F_VERSION_1) is the default;
 * virtio_mmio_set_legacy() gives the legacy one (Version 1: QueuePFN,
 * GuestPageSize, QueueAlign; no VERSION_1), which is what QEMU's
 * force-legacy=on default shows.  Linux and U-Boot drive both.
 */
#ifndef HW_VIRTIO_VIRTIO_MMIO_H
#define HW_VIRTIO_VIRTIO_MMIO_H

#include "hw/core/irq.h"
#include "hw/core/memory.h"
#include "hw/virtio/virtio.h"

#define VIRTIO_MMIO_SIZE 0x200
#define VIRTIO_MMIO_MAGIC 0x74726976u    /* "virt" */
#define VIRTIO_MMIO_VENDOR 0x554d4551u   /* "QEMU", as QEMU reports */

typedef struct VirtIOMMIO {
    AddressSpace *as;           /* where the device does DMA */
    IrqLine irq;
    int irq_level;
    VirtIODevice *vdev;         /* NULL: empty slot */
    uint32_t dev_features_sel, drv_features_sel, queue_sel;
    bool legacy;                /* Version 1 register layout */
    uint32_t guest_page_size;   /* legacy: GuestPageSize */
    uint32_t queue_align[VIRTIO_MAX_QUEUES];   /* legacy: QueueAlign */
    uint32_t queue_pfn[VIRTIO_MAX_QUEUES];     /* legacy: QueuePFN */
} VirtIOMMIO;

extern const MemOps virtio_mmio_ops;

VirtIOMMIO *virtio_mmio_new(AddressSpace *as, IrqLine irq);
/* Use the legacy (Version 1) layout; call before virtio_mmio_plug. */
void virtio_mmio_set_legacy(VirtIOMMIO *t, bool legacy);
/* Put dev in the slot (taking ownership); the slot must be empty. */
void virtio_mmio_plug(VirtIOMMIO *t, VirtIODevice *dev);
/* Reset the device as on a board reset (status 0, interrupt low). */
void virtio_mmio_reset(VirtIOMMIO *t);
void virtio_mmio_free(VirtIOMMIO *t);    /* NULL is fine */

uint64_t virtio_mmio_read(void *opaque, uint64_t off, unsigned size);
void virtio_mmio_write(void *opaque, uint64_t off, uint64_t val,
                       unsigned size);

#endif
