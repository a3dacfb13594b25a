/* SPDX-License-Identifier: MIT */
/*
 * virtio-rng, the entropy device (OASIS virtio v1.1 section 5.4): one
 * request queue of writable buffers, each filled with bytes from the
 * host's getrandom() (falling back to /dev/urandom).  No config space.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/random.h>
#include <unistd.h>

#include "hw/core/log.h"
#include "hw/virtio/virtio.h"

#define RNG_QUEUE_SIZE 64
#define RNG_CHUNK 4096u         /* bytes handed out per buffer at most */

typedef struct VirtIORNG {
    VirtIODevice vdev;
    VirtQueueElement *elem;
} VirtIORNG;

/* Fill buf from the host; returns the bytes obtained. */
static size_t host_random(uint8_t *buf, size_t len)
{
    ssize_t n;

    do {
        n = getrandom(buf, len, 0);
    } while (n < 0 && errno == EINTR);
    if (n > 0) {
        return (size_t)n;
    }
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return 0;
    }
    n = read(fd, buf, len);
    close(fd);
    return n > 0 ? (size_t)n : 0;
}

static void rng_handle(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIORNG *s = (VirtIORNG *)vdev;
    uint8_t buf[RNG_CHUNK];

    while (virtqueue_pop(vdev, vq, s->elem) > 0) {
        size_t want = s->elem->in_len < RNG_CHUNK ? s->elem->in_len
                                                  : RNG_CHUNK;
        size_t got = host_random(buf, want);
        if (got == 0 && want > 0) {
            log_mask(LOG_UNIMP, "virtio-rng: no entropy from the host\n");
        }
        got = virtqueue_elem_write(vdev, s->elem, 0, buf, got);
        virtqueue_push(vdev, vq, s->elem, (uint32_t)got);
    }
    virtio_notify(vdev, vq);
}

static void rng_free(VirtIODevice *vdev)
{
    VirtIORNG *s = (VirtIORNG *)vdev;

    free(s->elem);
    free(s);
}

static const VirtIODeviceClass virtio_rng_class = {
    .name = "rng",
    .device_id = VIRTIO_ID_RNG,
    .free = rng_free,
};

VirtIODevice *virtio_rng_new(void)
{
    VirtIORNG *s = calloc(1, sizeof(*s));

    if (!s || !(s->elem = malloc(sizeof(*s->elem)))) {
        die("out of memory creating virtio-rng");
    }
    virtio_init(&s->vdev, &virtio_rng_class,
                1ull << VIRTIO_F_RING_INDIRECT_DESC, 0);
    virtio_add_queue(&s->vdev, 0, RNG_QUEUE_SIZE, rng_handle);
    return &s->vdev;
}
