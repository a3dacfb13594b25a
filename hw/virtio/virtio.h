/* SPDX-License-Identifier: MIT */
/*
 * Virtio devices, independent of the transport (OASIS virtio v1.1):
 * feature bits, device status, split virtqueues and the device models'
 * constructors.  A transport (virtio-mmio.h) owns the register interface
 * and the interrupt; a device (virtio-blk.c, virtio-rng.c,
 * virtio-console.c) embeds a VirtIODevice as its first member and reacts
 * to queue notifications:
 *
 *   static void rng_handle(VirtIODevice *vdev, VirtQueue *vq)
 *   {
 *       while (virtqueue_pop(vdev, vq, elem) > 0) {
 *           n = virtqueue_elem_write(vdev, elem, 0, bytes, elem->in_len);
 *           virtqueue_push(vdev, vq, elem, n);
 *       }
 *       virtio_notify(vdev, vq);
 *   }
 *
 * A guest that hands over bad rings or descriptors gets the device marked
 * broken (status DEVICE_NEEDS_RESET, a guest_errors line); it works again
 * after the driver resets it.
 */
#ifndef HW_VIRTIO_VIRTIO_H
#define HW_VIRTIO_VIRTIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hw/block/blockdev.h"
#include "hw/core/chardev.h"
#include "hw/core/memory.h"

/* Device status bits */
#define VIRTIO_STATUS_ACKNOWLEDGE 0x01
#define VIRTIO_STATUS_DRIVER 0x02
#define VIRTIO_STATUS_DRIVER_OK 0x04
#define VIRTIO_STATUS_FEATURES_OK 0x08
#define VIRTIO_STATUS_NEEDS_RESET 0x40
#define VIRTIO_STATUS_FAILED 0x80

/* Interrupt status bits */
#define VIRTIO_ISR_QUEUE 0x1
#define VIRTIO_ISR_CONFIG 0x2

/* Feature bit numbers shared by all devices */
#define VIRTIO_F_RING_INDIRECT_DESC 28
#define VIRTIO_F_RING_EVENT_IDX 29
#define VIRTIO_F_VERSION_1 32

/* Device IDs */
#define VIRTIO_ID_BLOCK 2
#define VIRTIO_ID_CONSOLE 3
#define VIRTIO_ID_RNG 4

#define VIRTIO_MAX_QUEUES 4
#define VIRTIO_CONFIG_MAX 64
#define VIRTQ_MAX_SIZE 32768
/* Longest descriptor chain accepted (with indirect tables). */
#define VIRTQ_MAX_SEGS 1024

typedef struct VirtIODevice VirtIODevice;
typedef struct VirtQueue VirtQueue;
typedef void (*VirtQueueHandler)(VirtIODevice *vdev, VirtQueue *vq);

struct VirtQueue {
    uint16_t num_max;       /* 0: the queue does not exist */
    uint16_t num;           /* size the driver chose */
    bool ready;
    uint64_t desc, avail, used;     /* guest-physical ring addresses */
    uint16_t last_avail;    /* next available-ring entry to take */
    uint16_t used_idx;      /* our copy of used->idx */
    uint16_t signalled_used;    /* used_idx at the last interrupt check */
    bool signalled_valid;
    VirtQueueHandler handle;    /* called on QueueNotify */
};

typedef struct VirtQueueSeg {
    uint64_t addr;
    uint32_t len;
} VirtQueueSeg;

/*
 * One request taken from a queue: the device-readable buffers (out) and
 * the device-writable ones (in), in chain order.  Big (32 KiB): devices
 * keep one allocated, not on the stack.
 */
typedef struct VirtQueueElement {
    uint16_t head;
    unsigned out_num, in_num;
    uint64_t out_len, in_len;       /* total bytes */
    VirtQueueSeg out[VIRTQ_MAX_SEGS], in[VIRTQ_MAX_SEGS];
} VirtQueueElement;

typedef struct VirtIODeviceClass {
    const char *name;
    uint32_t device_id;
    /* Back to power-on state; the core resets queues, features, status. */
    void (*reset)(VirtIODevice *vdev);
    /* Driver write to the config space (already bounds-checked); NULL:
     * the config space is read-only. */
    void (*config_write)(VirtIODevice *vdev, uint32_t off, uint32_t val,
                         unsigned size);
    /* Driver set DRIVER_OK (optional). */
    void (*driver_ok)(VirtIODevice *vdev);
    void (*free)(VirtIODevice *vdev);   /* free the containing struct */
} VirtIODeviceClass;

struct VirtIODevice {
    const VirtIODeviceClass *cls;
    AddressSpace *as;               /* guest memory (set when plugged) */
    uint64_t host_features, guest_features;
    uint8_t status, isr;
    bool broken;                    /* until the next reset */
    bool legacy;                    /* pre-1.0 driver interface */
    uint32_t config_generation;
    uint8_t config[VIRTIO_CONFIG_MAX];  /* little-endian config space */
    uint32_t config_len;
    VirtQueue vq[VIRTIO_MAX_QUEUES];
    /* The transport: called whenever isr changes. */
    void (*update_irq)(void *transport);
    void *transport;
};

/* ---- Core (virtio.c), used by devices and transports ---- */
void virtio_init(VirtIODevice *vdev, const VirtIODeviceClass *cls,
                 uint64_t features, uint32_t config_len);
VirtQueue *virtio_add_queue(VirtIODevice *vdev, int idx, uint16_t num_max,
                            VirtQueueHandler handle);
bool virtio_has_feature(const VirtIODevice *vdev, unsigned bit);
void virtio_reset(VirtIODevice *vdev);
/* Driver writes the status register (0 resets); FEATURES_OK is kept only
 * if the driver's features are acceptable. */
void virtio_set_status(VirtIODevice *vdev, uint8_t val);
/* Driver sets QueueReady to 1: checks the size and ring addresses. */
void virtio_queue_enable(VirtIODevice *vdev, int idx);
void virtio_queue_notify(VirtIODevice *vdev, int idx);
/* Raise the used-buffer interrupt unless the driver suppressed it. */
void virtio_notify(VirtIODevice *vdev, VirtQueue *vq);
void virtio_notify_config(VirtIODevice *vdev);
void virtio_error(VirtIODevice *vdev, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void virtio_free(VirtIODevice *vdev);       /* NULL is fine */

/* ---- Split virtqueues (virtqueue.c) ---- */
/* True if [addr, addr+len) is all RAM/ROM (plain RAM if write). */
bool virtio_mem_ok(AddressSpace *as, uint64_t addr, uint64_t len,
                   bool write);
/* 1: elem filled; 0: queue empty or not ready; -1: device now broken. */
int virtqueue_pop(VirtIODevice *vdev, VirtQueue *vq, VirtQueueElement *elem);
/* Hand elem back with len bytes written into its in buffers. */
void virtqueue_push(VirtIODevice *vdev, VirtQueue *vq,
                    const VirtQueueElement *elem, uint32_t len);
/* Copy out of the out buffers / into the in buffers from byte offset off;
 * return the bytes copied (short at the end of the buffers). */
size_t virtqueue_elem_read(VirtIODevice *vdev, const VirtQueueElement *elem,
                           uint64_t off, void *buf, size_t len);
size_t virtqueue_elem_write(VirtIODevice *vdev, const VirtQueueElement *elem,
                            uint64_t off, const void *buf, size_t len);
/* True if the queue has buffers the device has not taken. */
bool virtqueue_has_work(VirtIODevice *vdev, VirtQueue *vq);

/* ---- Devices ---- */
/* Block device on bd (not owned: close it after freeing the device). */
VirtIODevice *virtio_blk_new(BlockDev *bd);
/* Entropy from the host's getrandom(). */
VirtIODevice *virtio_rng_new(void);
/* Console port 0 on chr (not owned); hvc0 in Linux. */
VirtIODevice *virtio_console_new(Chardev *chr);
/* Move waiting input from the Chardev into the guest's receive buffers;
 * the board calls it when input may have arrived (like pl011_poll). */
void virtio_console_poll(VirtIODevice *vdev);

#endif
