/* SPDX-License-Identifier: MIT */
/*
 * The virtio-mmio transport, version 2 (OASIS virtio v1.1 section 4.2.2).
 * Register map (32-bit registers; the device config space at 0x100 also
 * takes 8- and 16-bit accesses):
 *   0x000 MagicValue          R  0x74726976
 *   0x004 Version             R  2
 *   0x008 DeviceID            R  0 for an empty slot
 *   0x00c VendorID            R
 *   0x010 DeviceFeatures      R  32 bits selected by DeviceFeaturesSel
 *   0x014 DeviceFeaturesSel   W
 *   0x020 DriverFeatures      W  32 bits selected by DriverFeaturesSel
 *   0x024 DriverFeaturesSel   W
 *   0x030 QueueSel            W
 *   0x034 QueueNumMax         R
 *   0x038 QueueNum            W
 *   0x044 QueueReady          RW
 *   0x050 QueueNotify         W  queue index
 *   0x060 InterruptStatus     R
 *   0x064 InterruptACK        W
 *   0x070 Status              RW writing 0 resets the device
 *   0x080/0x084 QueueDescLow/High      W
 *   0x090/0x094 QueueDriverLow/High    W  (available ring)
 *   0x0a0/0x0a4 QueueDeviceLow/High    W  (used ring)
 *   0x0ac SHMSel, 0x0b0/0x0b4 SHMLenLow/High (no shared memory: ~0)
 *   0x0fc ConfigGeneration    R
 *   0x100 device configuration space
 * The legacy layout (Version 1, section 4.2.4) instead has no QueueReady,
 * QueueDesc/Driver/Device or ConfigGeneration but
 *   0x028 GuestPageSize       W
 *   0x03c QueueAlign          W  alignment of the used ring
 *   0x040 QueuePFN            RW ring start in guest pages, 0 stops it
 * with the rings laid out one after the other from QueuePFN.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "hw/core/log.h"
#include "hw/virtio/virtio-mmio.h"

enum {
    VMMIO_MAGIC = 0x000,            /* MagicValue */
    VMMIO_VERSION = 0x004,          /* Version */
    VMMIO_DEVICE_ID = 0x008,        /* DeviceID */
    VMMIO_VENDOR_ID = 0x00c,        /* VendorID */
    VMMIO_DEV_FEATURES = 0x010,     /* DeviceFeatures */
    VMMIO_DEV_FEATURES_SEL = 0x014, /* DeviceFeaturesSel */
    VMMIO_DRV_FEATURES = 0x020,     /* DriverFeatures */
    VMMIO_DRV_FEATURES_SEL = 0x024, /* DriverFeaturesSel */
    VMMIO_GUEST_PAGE_SIZE = 0x028,  /* GuestPageSize (legacy) */
    VMMIO_QUEUE_SEL = 0x030,        /* QueueSel */
    VMMIO_QUEUE_NUM_MAX = 0x034,    /* QueueNumMax */
    VMMIO_QUEUE_NUM = 0x038,        /* QueueNum */
    VMMIO_QUEUE_ALIGN = 0x03c,      /* QueueAlign (legacy) */
    VMMIO_QUEUE_PFN = 0x040,        /* QueuePFN (legacy) */
    VMMIO_QUEUE_READY = 0x044,      /* QueueReady */
    VMMIO_QUEUE_NOTIFY = 0x050,     /* QueueNotify */
    VMMIO_INT_STATUS = 0x060,       /* InterruptStatus */
    VMMIO_INT_ACK = 0x064,          /* InterruptACK */
    VMMIO_STATUS = 0x070,           /* Status */
    VMMIO_QUEUE_DESC_LO = 0x080,    /* QueueDescLow */
    VMMIO_QUEUE_DESC_HI = 0x084,    /* QueueDescHigh */
    VMMIO_QUEUE_AVAIL_LO = 0x090,   /* QueueDriverLow */
    VMMIO_QUEUE_AVAIL_HI = 0x094,   /* QueueDriverHigh */
    VMMIO_QUEUE_USED_LO = 0x0a0,    /* QueueDeviceLow */
    VMMIO_QUEUE_USED_HI = 0x0a4,    /* QueueDeviceHigh */
    VMMIO_SHM_SEL = 0x0ac,          /* SHMSel */
    VMMIO_SHM_LEN_LO = 0x0b0,       /* SHMLenLow */
    VMMIO_SHM_LEN_HI = 0x0b4,       /* SHMLenHigh */
    VMMIO_SHM_BASE_LO = 0x0b8,      /* SHMBaseLow */
    VMMIO_SHM_BASE_HI = 0x0bc,      /* SHMBaseHigh */
    VMMIO_CONFIG_GEN = 0x0fc,       /* ConfigGeneration */
    VMMIO_CONFIG = 0x100,           /* device configuration */
};

static void mmio_update_irq(void *opaque)
{
    VirtIOMMIO *t = opaque;
    int level = t->vdev && t->vdev->isr != 0;

    if (level != t->irq_level) {
        t->irq_level = level;
        irq_set(&t->irq, level);
    }
}

VirtIOMMIO *virtio_mmio_new(AddressSpace *as, IrqLine irq)
{
    VirtIOMMIO *t = calloc(1, sizeof(*t));

    if (!t) {
        die("out of memory creating a virtio-mmio transport");
    }
    t->as = as;
    t->irq = irq;
    return t;
}

/* Make the device's features match the layout. */
static void apply_legacy(VirtIOMMIO *t)
{
    VirtIODevice *vdev = t->vdev;

    if (!vdev) {
        return;
    }
    vdev->legacy = t->legacy;
    if (t->legacy) {
        vdev->host_features &= ~(1ull << VIRTIO_F_VERSION_1);
    } else {
        vdev->host_features |= 1ull << VIRTIO_F_VERSION_1;
    }
}

void virtio_mmio_set_legacy(VirtIOMMIO *t, bool legacy)
{
    t->legacy = legacy;
    apply_legacy(t);
}

static void legacy_reset(VirtIOMMIO *t)
{
    t->guest_page_size = 0;
    memset(t->queue_align, 0, sizeof t->queue_align);
    memset(t->queue_pfn, 0, sizeof t->queue_pfn);
}

void virtio_mmio_plug(VirtIOMMIO *t, VirtIODevice *dev)
{
    if (t->vdev) {
        die("virtio-mmio: slot already holds virtio-%s", t->vdev->cls->name);
    }
    t->vdev = dev;
    dev->as = t->as;
    dev->update_irq = mmio_update_irq;
    dev->transport = t;
    apply_legacy(t);
    virtio_reset(dev);
}

void virtio_mmio_reset(VirtIOMMIO *t)
{
    t->dev_features_sel = t->drv_features_sel = t->queue_sel = 0;
    legacy_reset(t);
    if (t->vdev) {
        virtio_reset(t->vdev);
    }
    mmio_update_irq(t);
}

void virtio_mmio_free(VirtIOMMIO *t)
{
    if (t) {
        virtio_free(t->vdev);
        free(t);
    }
}

static VirtQueue *selected_queue(VirtIOMMIO *t)
{
    if (t->queue_sel >= VIRTIO_MAX_QUEUES ||
        !t->vdev->vq[t->queue_sel].num_max) {
        return NULL;
    }
    return &t->vdev->vq[t->queue_sel];
}

static uint64_t config_read(VirtIODevice *vdev, uint64_t off, unsigned size)
{
    uint64_t v = 0;

    if (off + size > vdev->config_len) {
        log_mask(LOG_GUEST_ERROR, "virtio-%s: config read at 0x%" PRIx64
                 " beyond 0x%x\n", vdev->cls->name, off, vdev->config_len);
        return 0;
    }
    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)vdev->config[off + i] << (8 * i);
    }
    return v;
}

static void config_write(VirtIODevice *vdev, uint64_t off, uint64_t val,
                         unsigned size)
{
    if (off + size > vdev->config_len || !vdev->cls->config_write) {
        log_mask(LOG_GUEST_ERROR, "virtio-%s: config write at 0x%" PRIx64
                 " ignored\n", vdev->cls->name, off);
        return;
    }
    vdev->cls->config_write(vdev, (uint32_t)off, (uint32_t)val, size);
}

static uint32_t queue_read(VirtIOMMIO *t, uint64_t off)
{
    VirtQueue *vq = selected_queue(t);

    if (!vq) {
        return 0;
    }
    switch (off) {
    case VMMIO_QUEUE_NUM_MAX:       /* QueueNumMax */
        return vq->num_max;
    case VMMIO_QUEUE_READY:         /* QueueReady */
        return vq->ready;
    case VMMIO_QUEUE_PFN:           /* QueuePFN (legacy) */
        return t->queue_pfn[t->queue_sel];
    default:
        return 0;
    }
}

static uint32_t reg_read(VirtIOMMIO *t, uint64_t off)
{
    VirtIODevice *vdev = t->vdev;

    switch (off) {
    case VMMIO_DEV_FEATURES:        /* DeviceFeatures */
        return t->dev_features_sel > 1 ? 0 :
               (uint32_t)(vdev->host_features >> (32 * t->dev_features_sel));
    case VMMIO_QUEUE_NUM_MAX:       /* QueueNumMax */
    case VMMIO_QUEUE_READY:         /* QueueReady */
        return queue_read(t, off);
    case VMMIO_QUEUE_PFN:           /* QueuePFN (legacy) */
        return t->legacy ? queue_read(t, off) : 0;
    case VMMIO_INT_STATUS:          /* InterruptStatus */
        return vdev->isr;
    case VMMIO_STATUS:              /* Status */
        return vdev->status;
    case VMMIO_SHM_LEN_LO:          /* SHMLenLow: no such region */
    case VMMIO_SHM_LEN_HI:          /* SHMLenHigh */
        return 0xffffffffu;
    case VMMIO_SHM_BASE_LO:         /* SHMBaseLow */
    case VMMIO_SHM_BASE_HI:         /* SHMBaseHigh */
        return 0xffffffffu;
    case VMMIO_CONFIG_GEN:          /* ConfigGeneration */
        return vdev->config_generation;
    default:
        log_mask(LOG_GUEST_ERROR, "virtio-mmio: read of write-only or "
                 "reserved register 0x%" PRIx64 "\n", off);
        return 0;
    }
}

uint64_t virtio_mmio_read(void *opaque, uint64_t off, unsigned size)
{
    VirtIOMMIO *t = opaque;

    if (off >= VMMIO_CONFIG) {
        return t->vdev ? config_read(t->vdev, off - VMMIO_CONFIG, size) : 0;
    }
    if (size != 4) {
        log_mask(LOG_GUEST_ERROR, "virtio-mmio: %u-byte read of register "
                 "0x%" PRIx64 "\n", size, off);
        return 0;
    }
    switch (off) {
    case VMMIO_MAGIC:               /* MagicValue */
        return VIRTIO_MMIO_MAGIC;
    case VMMIO_VERSION:             /* Version */
        return t->legacy ? 1 : 2;
    case VMMIO_DEVICE_ID:           /* DeviceID */
        return t->vdev ? t->vdev->cls->device_id : 0;
    case VMMIO_VENDOR_ID:           /* VendorID */
        return VIRTIO_MMIO_VENDOR;
    default:
        return t->vdev ? reg_read(t, off) : 0;
    }
}

/* Replace the low or high half of a 64-bit ring address. */
static void set_half(uint64_t *p, uint32_t val, bool high)
{
    if (high) {
        *p = (*p & 0xffffffffull) | (uint64_t)val << 32;
    } else {
        *p = (*p & ~0xffffffffull) | val;
    }
}

static void queue_write(VirtIOMMIO *t, uint64_t off, uint32_t val)
{
    VirtQueue *vq = selected_queue(t);

    if (!vq) {
        log_mask(LOG_GUEST_ERROR, "virtio-%s: setup of missing queue %u\n",
                 t->vdev->cls->name, t->queue_sel);
        return;
    }
    if (off == VMMIO_QUEUE_READY) {
        if ((val & 1) && !vq->ready) {
            virtio_queue_enable(t->vdev, (int)t->queue_sel);
        } else if (val & 1) {
            log_mask(LOG_GUEST_ERROR, "virtio-%s: queue %u already ready\n",
                     t->vdev->cls->name, t->queue_sel);
        } else {
            vq->ready = false;
        }
        return;
    }
    if (vq->ready) {
        log_mask(LOG_GUEST_ERROR, "virtio-%s: queue %u changed while ready\n",
                 t->vdev->cls->name, t->queue_sel);
        return;
    }
    switch (off) {
    case VMMIO_QUEUE_NUM:           /* QueueNum */
        vq->num = val > VIRTQ_MAX_SIZE ? 0 : (uint16_t)val;
        break;
    case VMMIO_QUEUE_DESC_LO:       /* QueueDescLow */
    case VMMIO_QUEUE_DESC_HI:       /* QueueDescHigh */
        set_half(&vq->desc, val, off == VMMIO_QUEUE_DESC_HI);
        break;
    case VMMIO_QUEUE_AVAIL_LO:      /* QueueDriverLow */
    case VMMIO_QUEUE_AVAIL_HI:      /* QueueDriverHigh */
        set_half(&vq->avail, val, off == VMMIO_QUEUE_AVAIL_HI);
        break;
    default:                        /* QueueDeviceLow/High */
        set_half(&vq->used, val, off == VMMIO_QUEUE_USED_HI);
        break;
    }
}

/* Legacy QueuePFN: the rings follow each other from the page given. */
static void legacy_set_pfn(VirtIOMMIO *t, VirtQueue *vq, uint32_t pfn)
{
    uint32_t page = t->guest_page_size, align = t->queue_align[t->queue_sel];

    t->queue_pfn[t->queue_sel] = pfn;
    if (pfn == 0) {
        vq->ready = false;
        return;
    }
    if (page < 16 || (page & (page - 1)) || align < 4 ||
        (align & (align - 1))) {
        virtio_error(t->vdev, "bad GuestPageSize 0x%x or QueueAlign 0x%x",
                     page, align);
        return;
    }
    vq->desc = (uint64_t)pfn * page;
    vq->avail = vq->desc + 16ull * vq->num;
    vq->used = (vq->avail + 6 + 2ull * vq->num + align - 1) &
               ~(uint64_t)(align - 1);
    virtio_queue_enable(t->vdev, (int)t->queue_sel);
}

/* GuestPageSize, QueueAlign, QueuePFN: only in the legacy layout. */
static void legacy_write(VirtIOMMIO *t, uint64_t off, uint32_t val)
{
    VirtQueue *vq = selected_queue(t);

    if (!t->legacy) {
        log_mask(LOG_GUEST_ERROR, "virtio-mmio: legacy register 0x%" PRIx64
                 " written on a version 2 transport\n", off);
        return;
    }
    if (off == VMMIO_GUEST_PAGE_SIZE) {
        t->guest_page_size = val;
    } else if (!vq) {
        log_mask(LOG_GUEST_ERROR, "virtio-%s: setup of missing queue %u\n",
                 t->vdev->cls->name, t->queue_sel);
    } else if (off == VMMIO_QUEUE_ALIGN) {
        t->queue_align[t->queue_sel] = val;
    } else {
        legacy_set_pfn(t, vq, val);
    }
}

static void driver_features_write(VirtIOMMIO *t, uint32_t val)
{
    VirtIODevice *vdev = t->vdev;

    if (vdev->status & VIRTIO_STATUS_FEATURES_OK) {
        log_mask(LOG_GUEST_ERROR, "virtio-%s: features changed after "
                 "FEATURES_OK\n", vdev->cls->name);
        return;
    }
    if (t->drv_features_sel > 1) {
        if (val) {
            log_mask(LOG_GUEST_ERROR, "virtio-%s: unknown feature word %u\n",
                     vdev->cls->name, t->drv_features_sel);
        }
        return;
    }
    unsigned shift = 32 * t->drv_features_sel;
    vdev->guest_features &= ~(0xffffffffull << shift);
    vdev->guest_features |= (uint64_t)val << shift;
}

static void reg_write(VirtIOMMIO *t, uint64_t off, uint32_t val)
{
    VirtIODevice *vdev = t->vdev;

    switch (off) {
    case VMMIO_DEV_FEATURES_SEL:    /* DeviceFeaturesSel */
        t->dev_features_sel = val;
        break;
    case VMMIO_DRV_FEATURES:        /* DriverFeatures */
        driver_features_write(t, val);
        break;
    case VMMIO_DRV_FEATURES_SEL:    /* DriverFeaturesSel */
        t->drv_features_sel = val;
        break;
    case VMMIO_QUEUE_SEL:           /* QueueSel */
        t->queue_sel = val;
        break;
    case VMMIO_QUEUE_NUM:           /* QueueNum */
    case VMMIO_QUEUE_READY:         /* QueueReady */
    case VMMIO_QUEUE_DESC_LO:       /* QueueDescLow */
    case VMMIO_QUEUE_DESC_HI:       /* QueueDescHigh */
    case VMMIO_QUEUE_AVAIL_LO:      /* QueueDriverLow */
    case VMMIO_QUEUE_AVAIL_HI:      /* QueueDriverHigh */
    case VMMIO_QUEUE_USED_LO:       /* QueueDeviceLow */
    case VMMIO_QUEUE_USED_HI:       /* QueueDeviceHigh */
        queue_write(t, off, val);
        break;
    case VMMIO_GUEST_PAGE_SIZE:     /* GuestPageSize (legacy) */
    case VMMIO_QUEUE_ALIGN:         /* QueueAlign (legacy) */
    case VMMIO_QUEUE_PFN:           /* QueuePFN (legacy) */
        legacy_write(t, off, val);
        break;
    case VMMIO_QUEUE_NOTIFY:        /* QueueNotify */
        virtio_queue_notify(vdev, (int)(val & 0xffff));
        break;
    case VMMIO_INT_ACK:             /* InterruptACK */
        vdev->isr &= (uint8_t)~val;
        mmio_update_irq(t);
        break;
    case VMMIO_STATUS:              /* Status */
        if (val == 0) {
            uint32_t page = t->guest_page_size;
            legacy_reset(t);
            t->guest_page_size = page;  /* set once at probe by Linux */
        }
        virtio_set_status(vdev, (uint8_t)val);
        mmio_update_irq(t);
        break;
    case VMMIO_SHM_SEL:             /* SHMSel */
        break;
    default:
        log_mask(LOG_GUEST_ERROR, "virtio-mmio: write of read-only or "
                 "reserved register 0x%" PRIx64 "\n", off);
        break;
    }
}

void virtio_mmio_write(void *opaque, uint64_t off, uint64_t val,
                       unsigned size)
{
    VirtIOMMIO *t = opaque;

    if (!t->vdev) {
        log_mask(LOG_GUEST_ERROR, "virtio-mmio: write to empty slot at "
                 "0x%" PRIx64 "\n", off);
        return;
    }
    if (off >= VMMIO_CONFIG) {
        config_write(t->vdev, off - VMMIO_CONFIG, val, size);
        return;
    }
    if (size != 4) {
        log_mask(LOG_GUEST_ERROR, "virtio-mmio: %u-byte write of register "
                 "0x%" PRIx64 "\n", size, off);
        return;
    }
    reg_write(t, off, (uint32_t)val);
}

const MemOps virtio_mmio_ops = {
    .read = virtio_mmio_read,
    .write = virtio_mmio_write,
    .min_size = 1,
    .max_size = 4,
    .endian = DEVICE_LITTLE_ENDIAN,
};
