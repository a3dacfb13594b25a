/* SPDX-License-Identifier: MIT */
/*
 * virtio-console with a single port (OASIS virtio v1.1 section 5.3, no
 * VIRTIO_CONSOLE_F_MULTIPORT): queue 0 receives (host -> guest), queue 1
 * transmits.  Output goes straight to the Chardev; input is moved into the
 * guest's receive buffers by virtio_console_poll() and when the driver
 * adds buffers.  Config space: cols u16 @0, rows u16 @2, max_nr_ports u32
 * @4, emerg_wr u32 @8 (VIRTIO_CONSOLE_F_EMERG_WRITE: a write there prints
 * one character at once).
 */
#include <stdlib.h>

#include "hw/core/log.h"
#include "hw/virtio/virtio.h"

#define VIRTIO_CONSOLE_F_EMERG_WRITE 2

#define CONSOLE_QUEUE_SIZE 128
#define CONSOLE_CONFIG_LEN 12
#define CONSOLE_CHUNK 4096u
#define CONSOLE_RX 0
#define CONSOLE_TX 1

typedef struct VirtIOConsole {
    VirtIODevice vdev;
    Chardev *chr;
    VirtQueueElement *elem;
} VirtIOConsole;

static void console_tx(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOConsole *s = (VirtIOConsole *)vdev;
    uint8_t buf[CONSOLE_CHUNK];

    while (virtqueue_pop(vdev, vq, s->elem) > 0) {
        for (uint64_t off = 0; off < s->elem->out_len;) {
            size_t n = virtqueue_elem_read(vdev, s->elem, off, buf,
                                           sizeof buf);
            chardev_write(s->chr, buf, n);
            off += n;
        }
        virtqueue_push(vdev, vq, s->elem, 0);
    }
    virtio_notify(vdev, vq);
}

/* Fill receive buffers while input is waiting. */
static void console_rx(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOConsole *s = (VirtIOConsole *)vdev;
    uint8_t buf[CONSOLE_CHUNK];

    while (chardev_pending(s->chr) > 0 &&
           virtqueue_pop(vdev, vq, s->elem) > 0) {
        uint64_t room = s->elem->in_len;
        size_t n = 0;
        int c;
        while (n < room && n < sizeof buf && (c = chardev_read(s->chr)) >= 0) {
            buf[n++] = (uint8_t)c;
        }
        n = virtqueue_elem_write(vdev, s->elem, 0, buf, n);
        virtqueue_push(vdev, vq, s->elem, (uint32_t)n);
    }
    virtio_notify(vdev, vq);
}

void virtio_console_poll(VirtIODevice *vdev)
{
    if (vdev->status & VIRTIO_STATUS_DRIVER_OK) {
        console_rx(vdev, &vdev->vq[CONSOLE_RX]);
    }
}

static void console_config_write(VirtIODevice *vdev, uint32_t off,
                                 uint32_t val, unsigned size)
{
    VirtIOConsole *s = (VirtIOConsole *)vdev;

    if (off == 8 && virtio_has_feature(vdev, VIRTIO_CONSOLE_F_EMERG_WRITE)) {
        uint8_t c = (uint8_t)val;
        chardev_write(s->chr, &c, 1);
        return;
    }
    log_mask(LOG_GUEST_ERROR, "virtio-console: %u-byte config write at "
             "0x%x ignored\n", size, off);
}

static void console_free(VirtIODevice *vdev)
{
    VirtIOConsole *s = (VirtIOConsole *)vdev;

    free(s->elem);
    free(s);
}

static const VirtIODeviceClass virtio_console_class = {
    .name = "console",
    .device_id = VIRTIO_ID_CONSOLE,
    .config_write = console_config_write,
    .driver_ok = virtio_console_poll,
    .free = console_free,
};

VirtIODevice *virtio_console_new(Chardev *chr)
{
    VirtIOConsole *s = calloc(1, sizeof(*s));

    if (!s || !(s->elem = malloc(sizeof(*s->elem)))) {
        die("out of memory creating virtio-console");
    }
    s->chr = chr;
    virtio_init(&s->vdev, &virtio_console_class,
                1ull << VIRTIO_CONSOLE_F_EMERG_WRITE |
                1ull << VIRTIO_F_RING_INDIRECT_DESC |
                1ull << VIRTIO_F_RING_EVENT_IDX, CONSOLE_CONFIG_LEN);
    virtio_add_queue(&s->vdev, CONSOLE_RX, CONSOLE_QUEUE_SIZE, console_rx);
    virtio_add_queue(&s->vdev, CONSOLE_TX, CONSOLE_QUEUE_SIZE, console_tx);
    return &s->vdev;
}
