/* SPDX-License-Identifier: MIT */
/*
 * virtio-blk (OASIS virtio v1.1 section 5.2) on a BlockDev, one request
 * queue, synchronous I/O.  A request is a chain: a 16-byte header (type
 * u32, reserved u32, sector u64) and, for writes, the data in readable
 * buffers; then, writable, the data for reads and a final status byte.
 *
 * Config space: capacity u64 @0 (512-byte sectors), size_max u32 @8,
 * seg_max u32 @12, geometry @16, blk_size u32 @20.
 * Requests past the end, misaligned lengths and writes to read-only
 * images get VIRTIO_BLK_S_IOERR; the image is never touched outside its
 * size (blockdev.c checks too).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hw/core/bytes.h"
#include "hw/core/log.h"
#include "hw/virtio/virtio.h"

#define VIRTIO_BLK_F_SEG_MAX 2
#define VIRTIO_BLK_F_RO 5
#define VIRTIO_BLK_F_BLK_SIZE 6
#define VIRTIO_BLK_F_FLUSH 9

#define VIRTIO_BLK_T_IN 0
#define VIRTIO_BLK_T_OUT 1
#define VIRTIO_BLK_T_FLUSH 4
#define VIRTIO_BLK_T_GET_ID 8

#define VIRTIO_BLK_S_OK 0
#define VIRTIO_BLK_S_IOERR 1
#define VIRTIO_BLK_S_UNSUPP 2

#define VIRTIO_BLK_ID_BYTES 20
#define BLK_SECTOR 512u
#define BLK_QUEUE_SIZE 256
#define BLK_CONFIG_LEN 24
#define BLK_HDR_LEN 16
#define BLK_BOUNCE 65536u

typedef struct VirtIOBlock {
    VirtIODevice vdev;
    BlockDev *bd;
    VirtQueueElement *elem;
    uint8_t *bounce;
    char serial[VIRTIO_BLK_ID_BYTES + 1];
} VirtIOBlock;

/* Data length and range check shared by reads and writes. */
static bool blk_range_ok(VirtIOBlock *s, uint64_t sector, uint64_t len)
{
    uint64_t nsec = blockdev_size(s->bd) / BLK_SECTOR;

    if (len % BLK_SECTOR != 0 || sector > nsec ||
        len / BLK_SECTOR > nsec - sector) {
        log_mask(LOG_GUEST_ERROR, "virtio-blk: request of %llu bytes at "
                 "sector %llu outside the %llu-sector disk\n",
                 (unsigned long long)len, (unsigned long long)sector,
                 (unsigned long long)nsec);
        return false;
    }
    return true;
}

/* Disk -> guest: the data is the in buffers minus the status byte. */
static int blk_read(VirtIOBlock *s, uint64_t sector)
{
    VirtQueueElement *e = s->elem;
    uint64_t len = e->in_len - 1, off = sector * BLK_SECTOR;

    if (!blk_range_ok(s, sector, len)) {
        return VIRTIO_BLK_S_IOERR;
    }
    for (uint64_t done = 0; done < len;) {
        size_t n = len - done < BLK_BOUNCE ? len - done : BLK_BOUNCE;
        if (blockdev_read(s->bd, off + done, s->bounce, n) < 0) {
            return VIRTIO_BLK_S_IOERR;
        }
        virtqueue_elem_write(&s->vdev, e, done, s->bounce, n);
        done += n;
    }
    return VIRTIO_BLK_S_OK;
}

/* Guest -> disk: the data follows the header in the out buffers. */
static int blk_write(VirtIOBlock *s, uint64_t sector)
{
    VirtQueueElement *e = s->elem;
    uint64_t len = e->out_len - BLK_HDR_LEN, off = sector * BLK_SECTOR;

    if (blockdev_is_read_only(s->bd)) {
        log_mask(LOG_GUEST_ERROR, "virtio-blk: write to a read-only disk\n");
        return VIRTIO_BLK_S_IOERR;
    }
    if (!blk_range_ok(s, sector, len)) {
        return VIRTIO_BLK_S_IOERR;
    }
    for (uint64_t done = 0; done < len;) {
        size_t n = len - done < BLK_BOUNCE ? len - done : BLK_BOUNCE;
        virtqueue_elem_read(&s->vdev, e, BLK_HDR_LEN + done, s->bounce, n);
        if (blockdev_write(s->bd, off + done, s->bounce, n) < 0) {
            return VIRTIO_BLK_S_IOERR;
        }
        done += n;
    }
    return VIRTIO_BLK_S_OK;
}

static int blk_get_id(VirtIOBlock *s, uint32_t *written)
{
    uint8_t id[VIRTIO_BLK_ID_BYTES];
    uint64_t room = s->elem->in_len - 1;
    size_t n = strlen(s->serial) + 1;

    memset(id, 0, sizeof id);
    memcpy(id, s->serial, n < sizeof id ? n : sizeof id);
    n = room < sizeof id ? (size_t)room : sizeof id;
    *written = (uint32_t)virtqueue_elem_write(&s->vdev, s->elem, 0, id, n);
    return VIRTIO_BLK_S_OK;
}

/* Carry out the request in s->elem; returns bytes written to the guest. */
static uint32_t blk_request(VirtIOBlock *s)
{
    VirtQueueElement *e = s->elem;
    uint8_t hdr[BLK_HDR_LEN];
    uint32_t written = 0;
    int status;

    virtqueue_elem_read(&s->vdev, e, 0, hdr, sizeof hdr);
    uint32_t type = (uint32_t)get_le_bytes(hdr, 4);
    uint64_t sector = get_le_bytes(hdr + 8, 8);
    switch (type) {
    case VIRTIO_BLK_T_IN:
        status = blk_read(s, sector);
        written = status == VIRTIO_BLK_S_OK ? (uint32_t)(e->in_len - 1) : 0;
        break;
    case VIRTIO_BLK_T_OUT:
        status = blk_write(s, sector);
        break;
    case VIRTIO_BLK_T_FLUSH:
        status = blockdev_flush(s->bd) < 0 ? VIRTIO_BLK_S_IOERR
                                           : VIRTIO_BLK_S_OK;
        break;
    case VIRTIO_BLK_T_GET_ID:
        status = blk_get_id(s, &written);
        break;
    default:
        log_mask(LOG_UNIMP, "virtio-blk: request type %u unsupported\n",
                 type);
        status = VIRTIO_BLK_S_UNSUPP;
        break;
    }
    uint8_t st = (uint8_t)status;
    virtqueue_elem_write(&s->vdev, e, e->in_len - 1, &st, 1);
    return written + 1;
}

static void blk_handle(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOBlock *s = (VirtIOBlock *)vdev;

    while (virtqueue_pop(vdev, vq, s->elem) > 0) {
        if (s->elem->out_len < BLK_HDR_LEN || s->elem->in_len < 1) {
            virtio_error(vdev, "request without header or status byte");
            break;
        }
        virtqueue_push(vdev, vq, s->elem, blk_request(s));
    }
    virtio_notify(vdev, vq);
}

static void blk_free(VirtIODevice *vdev)
{
    VirtIOBlock *s = (VirtIOBlock *)vdev;

    free(s->elem);
    free(s->bounce);
    free(s);
}

static const VirtIODeviceClass virtio_blk_class = {
    .name = "blk",
    .device_id = VIRTIO_ID_BLOCK,
    .free = blk_free,
};

VirtIODevice *virtio_blk_new(BlockDev *bd)
{
    VirtIOBlock *s = calloc(1, sizeof(*s));
    uint64_t features = 1ull << VIRTIO_BLK_F_SEG_MAX |
                        1ull << VIRTIO_BLK_F_BLK_SIZE |
                        1ull << VIRTIO_BLK_F_FLUSH |
                        1ull << VIRTIO_F_RING_INDIRECT_DESC |
                        1ull << VIRTIO_F_RING_EVENT_IDX;

    if (!s || !(s->elem = malloc(sizeof(*s->elem))) ||
        !(s->bounce = malloc(BLK_BOUNCE))) {
        die("out of memory creating virtio-blk");
    }
    if (blockdev_is_read_only(bd)) {
        features |= 1ull << VIRTIO_BLK_F_RO;
    }
    s->bd = bd;
    virtio_init(&s->vdev, &virtio_blk_class, features, BLK_CONFIG_LEN);
    virtio_add_queue(&s->vdev, 0, BLK_QUEUE_SIZE, blk_handle);
    put_le_bytes(s->vdev.config + 0, blockdev_size(bd) / BLK_SECTOR, 8);
    put_le_bytes(s->vdev.config + 12, BLK_QUEUE_SIZE - 2, 4);     /* seg_max */
    put_le_bytes(s->vdev.config + 20, BLK_SECTOR, 4);             /* blk_size */
    return &s->vdev;
}
