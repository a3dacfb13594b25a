/* SPDX-License-Identifier: MIT */
/*
 * Split virtqueues (OASIS virtio v1.1 section 2.6): taking descriptor
 * chains from the available ring, direct or through an indirect table,
 * and returning them on the used ring.  Ring layout in guest memory:
 *
 *   desc[num]   16 bytes each: addr u64, len u32, flags u16, next u16
 *   avail       flags u16, idx u16, ring[num] u16, used_event u16
 *   used        flags u16, idx u16, ring[num] {id u32, len u32},
 *               avail_event u16
 *
 * Every guest buffer is checked to be RAM before use; loops, chains that
 * are too long, bad indices and out-of-order buffers mark the device
 * broken instead.  All guest-memory writes go through as_write_bytes.
 */
#include <string.h>

#include "hw/core/bytes.h"
#include "hw/core/log.h"
#include "hw/virtio/virtio.h"

#define VRING_DESC_F_NEXT 1
#define VRING_DESC_F_WRITE 2
#define VRING_DESC_F_INDIRECT 4

typedef struct VirtqDesc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags, next;
} VirtqDesc;

static uint16_t ld16(VirtIODevice *vdev, uint64_t addr)
{
    uint8_t b[2] = { 0, 0 };

    as_read_bytes(vdev->as, addr, b, 2);
    return (uint16_t)get_le_bytes(b, 2);
}

static void st16(VirtIODevice *vdev, uint64_t addr, uint16_t v)
{
    uint8_t b[2];

    put_le_bytes(b, v, 2);
    as_write_bytes(vdev->as, addr, b, 2);
}

bool virtio_mem_ok(AddressSpace *as, uint64_t addr, uint64_t len,
                   bool write)
{
    if (addr + len < addr) {
        return false;
    }
    while (len > 0) {
        MemRegion *r = as_find(as, addr);
        /* Devices write only plain RAM, never ROM or a ROM device. */
        if (!r || !r->ram || (write && (r->readonly || r->ops))) {
            return false;
        }
        uint64_t room = r->base + r->size - addr;
        if (room >= len) {
            return true;
        }
        addr += room;
        len -= room;
    }
    return true;
}

static void read_desc(VirtIODevice *vdev, uint64_t table, unsigned i,
                      VirtqDesc *d)
{
    uint8_t b[16];

    memset(b, 0, sizeof b);
    as_read_bytes(vdev->as, table + 16ull * i, b, 16);
    d->addr = get_le_bytes(b, 8);
    d->len = (uint32_t)get_le_bytes(b + 8, 4);
    d->flags = (uint16_t)get_le_bytes(b + 12, 2);
    d->next = (uint16_t)get_le_bytes(b + 14, 2);
}

/* Append one buffer to elem; false (device broken) if it is bad. */
static bool add_seg(VirtIODevice *vdev, VirtQueueElement *elem,
                    const VirtqDesc *d)
{
    bool write = d->flags & VRING_DESC_F_WRITE;

    if (d->len == 0) {
        return true;
    }
    if (!virtio_mem_ok(vdev->as, d->addr, d->len, write)) {
        virtio_error(vdev, "buffer 0x%llx+0x%x outside RAM",
                     (unsigned long long)d->addr, d->len);
        return false;
    }
    if (elem->out_num + elem->in_num >= VIRTQ_MAX_SEGS) {
        virtio_error(vdev, "descriptor chain too long");
        return false;
    }
    if (!write && elem->in_num > 0) {
        virtio_error(vdev, "readable buffer after a writable one");
        return false;
    }
    VirtQueueSeg *s = write ? &elem->in[elem->in_num++]
                            : &elem->out[elem->out_num++];
    s->addr = d->addr;
    s->len = d->len;
    if (write) {
        elem->in_len += d->len;
    } else {
        elem->out_len += d->len;
    }
    return true;
}

/* Switch the walk to an indirect table; false if it is bad. */
static bool enter_indirect(VirtIODevice *vdev, const VirtqDesc *d,
                           bool nested)
{
    if (nested || !virtio_has_feature(vdev, VIRTIO_F_RING_INDIRECT_DESC)) {
        virtio_error(vdev, nested ? "nested indirect table"
                                  : "indirect table not negotiated");
        return false;
    }
    if (d->len == 0 || d->len % 16 || (d->flags & VRING_DESC_F_NEXT)) {
        virtio_error(vdev, "bad indirect descriptor (len %u flags 0x%x)",
                     d->len, d->flags);
        return false;
    }
    if (!virtio_mem_ok(vdev->as, d->addr, d->len, false)) {
        virtio_error(vdev, "indirect table outside RAM");
        return false;
    }
    return true;
}

static bool walk_chain(VirtIODevice *vdev, VirtQueue *vq,
                       VirtQueueElement *elem, unsigned i)
{
    uint64_t table = vq->desc;
    unsigned max = vq->num, seen = 0;
    bool indirect = false;
    VirtqDesc d;

    for (;;) {
        read_desc(vdev, table, i, &d);
        if (d.flags & VRING_DESC_F_INDIRECT) {
            if (seen > 0 && !indirect) {
                virtio_error(vdev, "indirect descriptor inside a chain");
                return false;
            }
            if (!enter_indirect(vdev, &d, indirect)) {
                return false;
            }
            table = d.addr;
            max = d.len / 16;
            i = 0;
            indirect = true;
            continue;
        }
        if (++seen > max) {
            virtio_error(vdev, "descriptor chain loops");
            return false;
        }
        if (!add_seg(vdev, elem, &d)) {
            return false;
        }
        if (!(d.flags & VRING_DESC_F_NEXT)) {
            return true;
        }
        i = d.next;
        if (i >= max) {
            virtio_error(vdev, "next descriptor %u out of range", i);
            return false;
        }
    }
}

int virtqueue_pop(VirtIODevice *vdev, VirtQueue *vq, VirtQueueElement *elem)
{
    if (!vq->ready || vdev->broken) {
        return 0;
    }
    uint16_t avail_idx = ld16(vdev, vq->avail + 2);
    if (avail_idx == vq->last_avail) {
        return 0;
    }
    if ((uint16_t)(avail_idx - vq->last_avail) > vq->num) {
        virtio_error(vdev, "available index jumped from %u to %u",
                     vq->last_avail, avail_idx);
        return -1;
    }
    uint16_t head = ld16(vdev, vq->avail + 4 + 2ull * (vq->last_avail %
                                                       vq->num));
    vq->last_avail++;
    if (virtio_has_feature(vdev, VIRTIO_F_RING_EVENT_IDX)) {
        st16(vdev, vq->used + 4 + 8ull * vq->num, vq->last_avail);
    }
    if (head >= vq->num) {
        virtio_error(vdev, "chain head %u out of range", head);
        return -1;
    }
    elem->head = head;
    elem->out_num = elem->in_num = 0;
    elem->out_len = elem->in_len = 0;
    return walk_chain(vdev, vq, elem, head) ? 1 : -1;
}

void virtqueue_push(VirtIODevice *vdev, VirtQueue *vq,
                    const VirtQueueElement *elem, uint32_t len)
{
    uint8_t b[8];

    if (!vq->ready) {
        return;
    }
    put_le_bytes(b, elem->head, 4);
    put_le_bytes(b + 4, len, 4);
    as_write_bytes(vdev->as, vq->used + 4 + 8ull * (vq->used_idx % vq->num),
                   b, 8);
    vq->used_idx++;
    st16(vdev, vq->used + 2, vq->used_idx);
}

bool virtqueue_has_work(VirtIODevice *vdev, VirtQueue *vq)
{
    return vq->ready && !vdev->broken &&
           ld16(vdev, vq->avail + 2) != vq->last_avail;
}

/* Copy between buf and the segments from byte offset off. */
static size_t elem_copy(VirtIODevice *vdev, const VirtQueueSeg *seg,
                        unsigned nseg, uint64_t off, uint8_t *buf,
                        size_t len, bool write)
{
    size_t done = 0;

    for (unsigned i = 0; i < nseg && done < len; i++) {
        if (off >= seg[i].len) {
            off -= seg[i].len;
            continue;
        }
        size_t n = seg[i].len - off;
        n = n < len - done ? n : len - done;
        if (write) {
            as_write_bytes(vdev->as, seg[i].addr + off, buf + done, n);
        } else {
            as_read_bytes(vdev->as, seg[i].addr + off, buf + done, n);
        }
        done += n;
        off = 0;
    }
    return done;
}

size_t virtqueue_elem_read(VirtIODevice *vdev, const VirtQueueElement *elem,
                           uint64_t off, void *buf, size_t len)
{
    return elem_copy(vdev, elem->out, elem->out_num, off, buf, len, false);
}

size_t virtqueue_elem_write(VirtIODevice *vdev, const VirtQueueElement *elem,
                            uint64_t off, const void *buf, size_t len)
{
    return elem_copy(vdev, elem->in, elem->in_num, off, (uint8_t *)buf, len,
                     true);
}
