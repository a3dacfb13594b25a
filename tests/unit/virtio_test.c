/* SPDX-License-Identifier: MIT */
/*
 * virtio tests: a small fake driver (like Linux's virtio_mmio) sets up
 * split virtqueues in the RAM of an AddressSpace and drives a virtio-mmio
 * transport through as_read/as_write; virtio-blk runs on a temporary raw
 * image, virtio-console on a buffer Chardev.  Also bad rings and
 * descriptors, which must leave the device in DEVICE_NEEDS_RESET.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hw/block/blockdev.h"
#include "hw/core/chardev.h"
#include "hw/core/log.h"
#include "hw/core/memory.h"
#include "hw/virtio/virtio-mmio.h"
#include "tests/test.h"
#include "tests/unit/mmio-test.h"

#define MMIO 0x0a000000u
#define RAM 0x40000000u
#define RAM_SIZE 0x100000u
#define QSIZE 16
#define DATA (RAM + 0x80000)    /* scratch buffers */

/* Register offsets (see hw/virtio/virtio-mmio.c). */
enum {
    R_MAGIC = 0x00, R_VERSION = 0x04, R_DEVICE_ID = 0x08, R_VENDOR = 0x0c,
    R_DEV_FEAT = 0x10, R_DEV_FEAT_SEL = 0x14, R_DRV_FEAT = 0x20,
    R_DRV_FEAT_SEL = 0x24, R_QSEL = 0x30, R_QNUM_MAX = 0x34, R_QNUM = 0x38,
    R_QREADY = 0x44, R_QNOTIFY = 0x50, R_ISR = 0x60, R_ACK = 0x64,
    R_STATUS = 0x70, R_DESC = 0x80, R_AVAIL = 0x90, R_USED = 0xa0,
    R_CONFIG = 0x100,
};

typedef struct Queue {
    uint64_t desc, avail, used;
    uint16_t avail_idx, used_seen, next_desc;
} Queue;

typedef struct Rig {
    AddressSpace *as;
    VirtIOMMIO *t;
    int irq_level, irq_raises;
    Queue q[2];
    uint64_t features;      /* offered by the device */
    char path[64];
    BlockDev *bd;
    Chardev *chr;
} Rig;

typedef struct Buf {
    uint64_t addr;
    uint32_t len;
    bool write;
} Buf;

static void rig_irq(void *opaque, int n, int level)
{
    Rig *r = opaque;

    ASSERT_EQ(n, 48);
    r->irq_raises += level && !r->irq_level;
    r->irq_level = level;
}

static uint32_t rd(Rig *r, unsigned off)
{
    return (uint32_t)mmio_rd(r->as, MMIO + off, 4);
}

static void wr(Rig *r, unsigned off, uint32_t v)
{
    mmio_wr(r->as, MMIO + off, v, 4);
}

static uint64_t ld(Rig *r, uint64_t addr, unsigned size)
{
    uint64_t v = 0;

    as_read(r->as, addr, &v, size);
    return v;
}

static void st(Rig *r, uint64_t addr, uint64_t v, unsigned size)
{
    as_write(r->as, addr, v, size);
}

static Rig *rig_new(void)
{
    Rig *r = calloc(1, sizeof(*r));

    r->as = as_new("test");
    as_add_ram(r->as, "ram", RAM, RAM_SIZE);
    r->t = virtio_mmio_new(r->as, irq_line(rig_irq, r, 48));
    as_add_mmio(r->as, "virtio", MMIO, VIRTIO_MMIO_SIZE, &virtio_mmio_ops,
                r->t);
    return r;
}

static void rig_free(Rig *r)
{
    virtio_mmio_free(r->t);
    blockdev_close(r->bd);
    if (r->path[0]) {
        unlink(r->path);
    }
    if (r->chr) {
        chardev_free(r->chr);
    }
    as_free(r->as);
    free(r);
}

/* Set up queue i at a fixed place in RAM, as the driver does. */
static void setup_queue(Rig *r, int i)
{
    Queue *q = &r->q[i];
    uint64_t base = RAM + 0x1000 * (4 * i + 1);

    memset(q, 0, sizeof(*q));
    q->desc = base;
    q->avail = base + 0x1000;
    q->used = base + 0x2000;
    wr(r, R_QSEL, i);
    ASSERT(rd(r, R_QNUM_MAX) >= QSIZE);
    ASSERT_EQ(rd(r, R_QREADY), 0);
    wr(r, R_QNUM, QSIZE);
    wr(r, R_DESC, (uint32_t)q->desc);
    wr(r, R_DESC + 4, 0);
    wr(r, R_AVAIL, (uint32_t)q->avail);
    wr(r, R_AVAIL + 4, 0);
    wr(r, R_USED, (uint32_t)q->used);
    wr(r, R_USED + 4, 0);
    wr(r, R_QREADY, 1);
    ASSERT_EQ(rd(r, R_QREADY), 1);
}

/* Linux's probe sequence; accepts want & offered; returns the status. */
static uint32_t driver_init(Rig *r, uint64_t want, int nqueues)
{
    ASSERT_EQ(rd(r, R_MAGIC), 0x74726976);
    ASSERT_EQ(rd(r, R_VERSION), 2);
    wr(r, R_STATUS, 0);
    wr(r, R_STATUS, 1);
    wr(r, R_STATUS, 1 | 2);
    wr(r, R_DEV_FEAT_SEL, 0);
    r->features = rd(r, R_DEV_FEAT);
    wr(r, R_DEV_FEAT_SEL, 1);
    r->features |= (uint64_t)rd(r, R_DEV_FEAT) << 32;
    uint64_t acc = want & r->features;
    wr(r, R_DRV_FEAT_SEL, 0);
    wr(r, R_DRV_FEAT, (uint32_t)acc);
    wr(r, R_DRV_FEAT_SEL, 1);
    wr(r, R_DRV_FEAT, (uint32_t)(acc >> 32));
    wr(r, R_STATUS, 1 | 2 | 8);
    if (!(rd(r, R_STATUS) & 8)) {
        return rd(r, R_STATUS);
    }
    for (int i = 0; i < nqueues; i++) {
        setup_queue(r, i);
    }
    wr(r, R_STATUS, 1 | 2 | 8 | 4);
    return rd(r, R_STATUS);
}

#define F_INDIRECT (1ull << 28)
#define F_EVENT_IDX (1ull << 29)
#define F_VERSION_1 (1ull << 32)
#define F_ALL (~0ull)

static void put_desc(Rig *r, uint64_t table, unsigned i, const Buf *b,
                     uint16_t flags, uint16_t next)
{
    st(r, table + 16 * i, b->addr, 8);
    st(r, table + 16 * i + 8, b->len, 4);
    st(r, table + 16 * i + 12, flags | (b->write ? 2 : 0), 2);
    st(r, table + 16 * i + 14, next, 2);
}

static void publish(Rig *r, Queue *q, uint16_t head)
{
    st(r, q->avail + 4 + 2 * (q->avail_idx % QSIZE), head, 2);
    q->avail_idx++;
    st(r, q->avail + 2, q->avail_idx, 2);
}

/* Chain of n buffers from the descriptor table; returns the head. */
static uint16_t add_chain(Rig *r, Queue *q, const Buf *b, int n)
{
    uint16_t head = q->next_desc;

    for (int i = 0; i < n; i++) {
        uint16_t d = (uint16_t)((head + i) % QSIZE);
        put_desc(r, q->desc, d, &b[i], i + 1 < n ? 1 : 0,
                 (uint16_t)((d + 1) % QSIZE));
    }
    q->next_desc = (uint16_t)((head + n) % QSIZE);
    publish(r, q, head);
    return head;
}

/* The same through an indirect table at itab. */
static uint16_t add_indirect(Rig *r, Queue *q, uint64_t itab, const Buf *b,
                             int n)
{
    uint16_t head = q->next_desc;
    Buf ind = { itab, (uint32_t)(16 * n), false };

    for (int i = 0; i < n; i++) {
        put_desc(r, itab, i, &b[i], i + 1 < n ? 1 : 0, (uint16_t)(i + 1));
    }
    put_desc(r, q->desc, head, &ind, 4, 0);
    q->next_desc = (uint16_t)((head + 1) % QSIZE);
    publish(r, q, head);
    return head;
}

/* Next used entry: true with id/len if there is one. */
static bool get_used(Rig *r, Queue *q, uint32_t *id, uint32_t *len)
{
    if ((uint16_t)ld(r, q->used + 2, 2) == q->used_seen) {
        return false;
    }
    uint64_t e = q->used + 4 + 8 * (q->used_seen % QSIZE);
    *id = (uint32_t)ld(r, e, 4);
    *len = (uint32_t)ld(r, e + 4, 4);
    q->used_seen++;
    return true;
}

static void ack_irq(Rig *r)
{
    wr(r, R_ACK, rd(r, R_ISR));
}

TEST(virtio, empty_slot)
{
    Rig *r = rig_new();

    ASSERT_EQ(rd(r, R_MAGIC), 0x74726976);
    ASSERT_EQ(rd(r, R_VERSION), 2);
    ASSERT_EQ(rd(r, R_DEVICE_ID), 0);
    ASSERT_EQ(rd(r, R_VENDOR), 0x554d4551);
    wr(r, R_STATUS, 1);
    ASSERT_EQ(rd(r, R_STATUS), 0);
    rig_free(r);
}

TEST(virtio, rng_returns_bytes)
{
    Rig *r = rig_new();
    uint8_t buf[64];

    virtio_mmio_plug(r->t, virtio_rng_new());
    ASSERT_EQ(rd(r, R_DEVICE_ID), 4);
    ASSERT_EQ(driver_init(r, F_ALL, 1), 0xf);
    Buf b = { DATA, 64, true };
    uint16_t head = add_chain(r, &r->q[0], &b, 1);
    ASSERT_EQ(r->irq_level, 0);
    wr(r, R_QNOTIFY, 0);
    ASSERT_EQ(r->irq_level, 1);
    ASSERT_EQ(rd(r, R_ISR), 1);
    uint32_t id, len;
    ASSERT(get_used(r, &r->q[0], &id, &len));
    ASSERT_EQ(id, head);
    ASSERT_EQ(len, 64);
    /* QueueReady again changes nothing: the same buffer is not redone. */
    wr(r, R_QSEL, 0);
    wr(r, R_QREADY, 1);
    wr(r, R_QNOTIFY, 0);
    ASSERT(!get_used(r, &r->q[0], &id, &len));
    as_read_bytes(r->as, DATA, buf, 64);
    int nonzero = 0;
    for (int i = 0; i < 64; i++) {
        nonzero += buf[i] != 0;
    }
    ASSERT(nonzero > 32);
    ack_irq(r);
    ASSERT_EQ(r->irq_level, 0);
    ASSERT_EQ(rd(r, R_ISR), 0);
    rig_free(r);
}

TEST(virtio, feature_negotiation)
{
    Rig *r = rig_new();

    virtio_mmio_plug(r->t, virtio_rng_new());
    /* A legacy driver (no VERSION_1) is refused FEATURES_OK. */
    ASSERT_EQ(driver_init(r, F_ALL & ~F_VERSION_1, 1), 3);
    ASSERT(r->features & F_VERSION_1);
    ASSERT(r->features & F_INDIRECT);
    /* Accepting something not offered is refused too. */
    wr(r, R_STATUS, 0);
    wr(r, R_STATUS, 3);
    wr(r, R_DRV_FEAT_SEL, 1);
    wr(r, R_DRV_FEAT, 1 | 0x80);
    wr(r, R_STATUS, 3 | 8);
    ASSERT_EQ(rd(r, R_STATUS), 3);
    /* Reset clears everything. */
    wr(r, R_STATUS, 0);
    ASSERT_EQ(rd(r, R_STATUS), 0);
    ASSERT_EQ(driver_init(r, F_VERSION_1, 1), 0xf);
    rig_free(r);
}

TEST(virtio, interrupt_suppression)
{
    Rig *r = rig_new();
    uint32_t id, len;

    virtio_mmio_plug(r->t, virtio_rng_new());
    ASSERT_EQ(driver_init(r, F_VERSION_1, 1), 0xf);
    st(r, r->q[0].avail, 1, 2);         /* VIRTQ_AVAIL_F_NO_INTERRUPT */
    Buf b = { DATA, 8, true };
    add_chain(r, &r->q[0], &b, 1);
    wr(r, R_QNOTIFY, 0);
    ASSERT_EQ(r->irq_level, 0);
    ASSERT(get_used(r, &r->q[0], &id, &len));
    st(r, r->q[0].avail, 0, 2);
    add_chain(r, &r->q[0], &b, 1);
    wr(r, R_QNOTIFY, 0);
    ASSERT_EQ(r->irq_level, 1);
    rig_free(r);
}

TEST(virtio, event_idx)
{
    Rig *r = rig_new();

    r->chr = chardev_new_null();
    virtio_mmio_plug(r->t, virtio_console_new(r->chr));
    ASSERT_EQ(driver_init(r, F_VERSION_1 | F_EVENT_IDX, 2), 0xf);
    Queue *q = &r->q[1];
    Buf o = { DATA, 1, false };
    uint32_t id, len;
    /* The first buffer always interrupts. */
    add_chain(r, q, &o, 1);
    wr(r, R_QNOTIFY, 1);
    ASSERT_EQ(r->irq_level, 1);
    ASSERT_EQ(ld(r, q->used + 4 + 8 * QSIZE, 2), 1);   /* avail_event */
    ASSERT(get_used(r, q, &id, &len));
    ack_irq(r);
    /* used_event = 2: no interrupt when used->idx becomes 2, one at 3. */
    st(r, q->avail + 4 + 2 * QSIZE, 2, 2);
    add_chain(r, q, &o, 1);
    wr(r, R_QNOTIFY, 1);
    ASSERT_EQ(r->irq_level, 0);
    add_chain(r, q, &o, 1);
    wr(r, R_QNOTIFY, 1);
    ASSERT_EQ(r->irq_level, 1);
    rig_free(r);
}

/* ---- virtio-console ---- */

TEST(virtio, console_output_and_input)
{
    Rig *r = rig_new();
    uint32_t id, len;
    char got[8];

    r->chr = chardev_new_buffer();
    VirtIODevice *dev = virtio_console_new(r->chr);
    virtio_mmio_plug(r->t, dev);
    ASSERT_EQ(rd(r, R_DEVICE_ID), 3);
    ASSERT_EQ(driver_init(r, F_ALL, 2), 0xf);
    /* Output: two readable buffers. */
    as_write_bytes(r->as, DATA, "hello, ", 7);
    as_write_bytes(r->as, DATA + 0x100, "world", 5);
    Buf ob[2] = { { DATA, 7, false }, { DATA + 0x100, 5, false } };
    add_chain(r, &r->q[1], ob, 2);
    wr(r, R_QNOTIFY, 1);
    size_t n;
    ASSERT_STR_EQ(chardev_output(r->chr, &n), "hello, world");
    ASSERT(get_used(r, &r->q[1], &id, &len));
    ASSERT_EQ(len, 0);
    /* Input: 11 bytes into two 8-byte receive buffers. */
    Buf ib[2] = { { DATA + 0x200, 8, true }, { DATA + 0x300, 8, true } };
    add_chain(r, &r->q[0], &ib[0], 1);
    add_chain(r, &r->q[0], &ib[1], 1);
    wr(r, R_QNOTIFY, 0);
    ASSERT(!get_used(r, &r->q[0], &id, &len));
    chardev_push_input(r->chr, "typed input", 11);
    virtio_console_poll(dev);
    ASSERT(get_used(r, &r->q[0], &id, &len));
    ASSERT_EQ(len, 8);
    as_read_bytes(r->as, DATA + 0x200, got, 8);
    ASSERT(memcmp(got, "typed in", 8) == 0);
    ASSERT(get_used(r, &r->q[0], &id, &len));
    ASSERT_EQ(len, 3);
    as_read_bytes(r->as, DATA + 0x300, got, 3);
    ASSERT(memcmp(got, "put", 3) == 0);
    /* More input waits in the Chardev until a buffer comes. */
    chardev_push_input(r->chr, "x", 1);
    virtio_console_poll(dev);
    ASSERT_EQ(chardev_pending(r->chr), 1);
    add_chain(r, &r->q[0], &ib[0], 1);
    wr(r, R_QNOTIFY, 0);
    ASSERT_EQ(chardev_pending(r->chr), 0);
    ASSERT(get_used(r, &r->q[0], &id, &len));
    ASSERT_EQ(len, 1);
    /* Emergency write through the config space. */
    ASSERT_EQ(as_write(r->as, MMIO + R_CONFIG + 8, '!', 4), MEMTX_OK);
    ASSERT_STR_EQ(chardev_output(r->chr, &n), "hello, world!");
    rig_free(r);
}

/* ---- virtio-blk ---- */

#define SECTORS 64
#define HDR DATA
#define STATUS (DATA + 0x100)
#define BUF (DATA + 0x1000)

static uint8_t pattern(uint64_t off)
{
    return (uint8_t)(off * 7 + (off >> 9));
}

/* A temporary image of SECTORS sectors holding pattern(). */
static VirtIODevice *blk_rig(Rig *r, bool ro, bool snapshot)
{
    uint8_t img[SECTORS * 512];
    char err[256];

    for (unsigned i = 0; i < sizeof img; i++) {
        img[i] = pattern(i);
    }
    strcpy(r->path, "/tmp/mosaic-virtio-XXXXXX");
    int fd = mkstemp(r->path);
    ASSERT(fd >= 0);
    ASSERT_EQ(write(fd, img, sizeof img), sizeof img);
    close(fd);
    r->bd = blockdev_open(r->path, ro, snapshot, err, sizeof err);
    ASSERT(r->bd != NULL);
    VirtIODevice *dev = virtio_blk_new(r->bd);
    virtio_mmio_plug(r->t, dev);
    return dev;
}

/* One request: header, data (len bytes at BUF), status byte.  Returns
 * the status; *used gets the used length. */
static int blk_req(Rig *r, uint32_t type, uint64_t sector, uint32_t len,
                   uint32_t *used)
{
    bool in = type != 1;
    Buf b[3] = { { HDR, 16, false }, { BUF, len, in }, { STATUS, 1, true } };
    uint32_t id;

    st(r, HDR, type, 4);
    st(r, HDR + 4, 0, 4);
    st(r, HDR + 8, sector, 8);
    st(r, STATUS, 0xaa, 1);
    if (len) {
        add_chain(r, &r->q[0], b, 3);
    } else {
        b[1] = b[2];
        add_chain(r, &r->q[0], b, 2);
    }
    /* Ask for an interrupt on the next used buffer, as Linux does. */
    st(r, r->q[0].avail + 4 + 2 * QSIZE, r->q[0].used_seen, 2);
    wr(r, R_QNOTIFY, 0);
    ASSERT(get_used(r, &r->q[0], &id, used));
    ack_irq(r);
    return (int)ld(r, STATUS, 1);
}

static bool file_matches_pattern(Rig *r)
{
    uint8_t img[SECTORS * 512 + 1];
    FILE *f = fopen(r->path, "rb");
    size_t n = fread(img, 1, sizeof img, f);

    fclose(f);
    if (n != SECTORS * 512) {
        return false;
    }
    for (unsigned i = 0; i < n; i++) {
        if (img[i] != pattern(i)) {
            return false;
        }
    }
    return true;
}

TEST(virtio, blk_config)
{
    Rig *r = rig_new();

    blk_rig(r, false, false);
    ASSERT_EQ(rd(r, R_DEVICE_ID), 2);
    ASSERT_EQ(driver_init(r, F_ALL, 1), 0xf);
    uint64_t cap = 0;
    ASSERT_EQ(as_read(r->as, MMIO + R_CONFIG, &cap, 8), MEMTX_OK);
    ASSERT_EQ(cap, SECTORS);
    ASSERT_EQ(ld(r, MMIO + R_CONFIG + 20, 4), 512);       /* blk_size */
    ASSERT(ld(r, MMIO + R_CONFIG + 12, 4) >= 8);          /* seg_max */
    ASSERT(r->features & (1u << 9));                      /* FLUSH */
    ASSERT(!(r->features & (1u << 5)));                   /* RO */
    ASSERT_EQ(ld(r, MMIO + R_CONFIG + 1, 1), 0);          /* byte access */
    rig_free(r);
}

TEST(virtio, blk_read_write)
{
    Rig *r = rig_new();
    uint8_t buf[1024];
    uint32_t used;

    blk_rig(r, false, false);
    ASSERT_EQ(driver_init(r, F_ALL, 1), 0xf);
    ASSERT_EQ(blk_req(r, 0, 3, 1024, &used), 0);          /* T_IN */
    ASSERT_EQ(used, 1025);
    as_read_bytes(r->as, BUF, buf, sizeof buf);
    for (unsigned i = 0; i < sizeof buf; i++) {
        ASSERT_EQ(buf[i], pattern(3 * 512 + i));
    }
    memset(buf, 0x5a, sizeof buf);
    as_write_bytes(r->as, BUF, buf, 512);
    ASSERT_EQ(blk_req(r, 1, 10, 512, &used), 0);          /* T_OUT */
    ASSERT_EQ(used, 1);
    ASSERT_EQ(blk_req(r, 4, 0, 0, &used), 0);             /* T_FLUSH */
    ASSERT(r->irq_raises >= 3);
    /* The file holds the new sector, nothing else changed. */
    int fd = open(r->path, O_RDONLY);
    ASSERT_EQ(pread(fd, buf, 1024, 9 * 512), 1024);
    close(fd);
    ASSERT_EQ(buf[511], pattern(9 * 512 + 511));
    ASSERT_EQ(buf[512], 0x5a);
    ASSERT_EQ(buf[1023], 0x5a);
    rig_free(r);
}

TEST(virtio, blk_get_id_and_unsupported)
{
    Rig *r = rig_new();
    uint32_t used;

    blk_rig(r, false, false);
    ASSERT_EQ(driver_init(r, F_ALL, 1), 0xf);
    ASSERT_EQ(blk_req(r, 8, 0, 20, &used), 0);            /* T_GET_ID */
    ASSERT_EQ(used, 21);
    ASSERT_EQ(blk_req(r, 11, 0, 16, &used), 2);           /* DISCARD */
    rig_free(r);
}

TEST(virtio, blk_bounds)
{
    Rig *r = rig_new();
    uint32_t used;

    blk_rig(r, false, false);
    ASSERT_EQ(driver_init(r, F_ALL, 1), 0xf);
    ASSERT_EQ(blk_req(r, 0, SECTORS - 1, 512, &used), 0);
    ASSERT_EQ(blk_req(r, 0, SECTORS - 1, 1024, &used), 1);
    ASSERT_EQ(used, 1);
    ASSERT_EQ(blk_req(r, 0, SECTORS, 512, &used), 1);
    ASSERT_EQ(blk_req(r, 1, SECTORS, 512, &used), 1);
    ASSERT_EQ(blk_req(r, 1, ~0ull, 512, &used), 1);
    ASSERT_EQ(blk_req(r, 1, (~0ull) / 512, 1024, &used), 1);
    ASSERT_EQ(blk_req(r, 1, 0, 100, &used), 1);           /* not a sector */
    ASSERT(file_matches_pattern(r));
    rig_free(r);
}

TEST(virtio, blk_read_only)
{
    Rig *r = rig_new();
    uint32_t used;

    blk_rig(r, true, false);
    ASSERT_EQ(driver_init(r, F_ALL, 1), 0xf);
    ASSERT(r->features & (1u << 5));                      /* RO */
    ASSERT_EQ(blk_req(r, 1, 0, 512, &used), 1);
    ASSERT_EQ(blk_req(r, 0, 0, 512, &used), 0);
    ASSERT_EQ(blk_req(r, 4, 0, 0, &used), 0);
    ASSERT(file_matches_pattern(r));
    rig_free(r);
}

TEST(virtio, blk_snapshot)
{
    Rig *r = rig_new();
    uint8_t buf[512];
    uint32_t used;

    blk_rig(r, false, true);
    ASSERT_EQ(driver_init(r, F_ALL, 1), 0xf);
    memset(buf, 0xc3, sizeof buf);
    as_write_bytes(r->as, BUF, buf, 512);
    ASSERT_EQ(blk_req(r, 1, 5, 512, &used), 0);
    as_write_bytes(r->as, BUF, (uint8_t[512]){ 0 }, 512);
    ASSERT_EQ(blk_req(r, 0, 5, 512, &used), 0);
    ASSERT_EQ(ld(r, BUF + 100, 1), 0xc3);
    ASSERT_EQ(blk_req(r, 4, 0, 0, &used), 0);
    ASSERT(file_matches_pattern(r));
    rig_free(r);
}

TEST(virtio, blk_indirect_and_segments)
{
    Rig *r = rig_new();
    uint32_t used, id;

    blk_rig(r, false, false);
    ASSERT_EQ(driver_init(r, F_ALL, 1), 0xf);
    st(r, HDR, 0, 4);
    st(r, HDR + 8, 2, 8);
    /* 1024 bytes over three buffers, through an indirect table. */
    Buf b[5] = { { HDR, 16, false }, { BUF, 100, true },
                 { BUF + 0x400, 412, true }, { BUF + 0x800, 512, true },
                 { STATUS, 1, true } };
    uint16_t head = add_indirect(r, &r->q[0], DATA + 0x8000, b, 5);
    wr(r, R_QNOTIFY, 0);
    ASSERT(get_used(r, &r->q[0], &id, &used));
    ASSERT_EQ(id, head);
    ASSERT_EQ(used, 1025);
    ASSERT_EQ(ld(r, STATUS, 1), 0);
    ASSERT_EQ(ld(r, BUF + 99, 1), pattern(2 * 512 + 99));
    ASSERT_EQ(ld(r, BUF + 0x400, 1), pattern(2 * 512 + 100));
    ASSERT_EQ(ld(r, BUF + 0x800 + 511, 1), pattern(3 * 512 + 511));
    rig_free(r);
}

/* A block format whose host I/O always fails. */
static int eio_read(BlockDev *bd, uint64_t off, void *buf, size_t len)
{
    (void)bd, (void)off, (void)buf, (void)len;
    return -5;
}

static int eio_write(BlockDev *bd, uint64_t off, const void *buf,
                     size_t len)
{
    (void)bd, (void)off, (void)buf, (void)len;
    return -28;
}

static int eio_flush(BlockDev *bd)
{
    (void)bd;
    return -5;
}

static void eio_close(BlockDev *bd)
{
    (void)bd;
}

static const BlockDevOps eio_ops = {
    .format = "eio",
    .read = eio_read,
    .write = eio_write,
    .flush = eio_flush,
    .close = eio_close,
};

TEST(virtio, blk_host_errors)
{
    Rig *r = rig_new();
    uint32_t used;

    r->bd = blockdev_new(&eio_ops, NULL, "eio", SECTORS * 512, false, false);
    virtio_mmio_plug(r->t, virtio_blk_new(r->bd));
    ASSERT_EQ(driver_init(r, F_ALL, 1), 0xf);
    ASSERT_EQ(blk_req(r, 0, 0, 512, &used), 1);
    ASSERT_EQ(used, 1);
    ASSERT_EQ(blk_req(r, 1, 0, 512, &used), 1);
    ASSERT_EQ(blk_req(r, 4, 0, 0, &used), 1);
    ASSERT_EQ(rd(r, R_STATUS), 0xf);                      /* not broken */
    rig_free(r);
}

/* ---- Legacy (Version 1) layout ---- */

/* Linux's probe for a version 1 transport; returns the status. */
static uint32_t legacy_init(Rig *r, int nqueues)
{
    ASSERT_EQ(rd(r, R_VERSION), 1);
    wr(r, 0x028, 4096);                                   /* GuestPageSize */
    wr(r, R_STATUS, 0);
    wr(r, R_STATUS, 1 | 2);
    wr(r, R_DEV_FEAT_SEL, 1);
    ASSERT_EQ(rd(r, R_DEV_FEAT), 0);                      /* no VERSION_1 */
    wr(r, R_DEV_FEAT_SEL, 0);
    r->features = rd(r, R_DEV_FEAT);
    wr(r, R_DRV_FEAT_SEL, 0);
    wr(r, R_DRV_FEAT, (uint32_t)r->features);
    for (int i = 0; i < nqueues; i++) {
        Queue *q = &r->q[i];
        memset(q, 0, sizeof(*q));
        q->desc = RAM + 0x4000 * (i + 1);
        q->avail = q->desc + 16 * QSIZE;
        q->used = (q->avail + 6 + 2 * QSIZE + 4095) & ~4095ull;
        wr(r, R_QSEL, i);
        ASSERT_EQ(rd(r, 0x040), 0);                       /* QueuePFN */
        ASSERT(rd(r, R_QNUM_MAX) >= QSIZE);
        wr(r, R_QNUM, QSIZE);
        wr(r, 0x03c, 4096);                               /* QueueAlign */
        wr(r, 0x040, (uint32_t)(q->desc >> 12));
    }
    wr(r, R_STATUS, 1 | 2 | 4);
    return rd(r, R_STATUS);
}

TEST(virtio, legacy_layout)
{
    Rig *r = rig_new();
    uint32_t used;

    virtio_mmio_set_legacy(r->t, true);
    blk_rig(r, false, false);
    ASSERT_EQ(legacy_init(r, 1), 7);
    ASSERT_EQ(rd(r, 0x040), (RAM + 0x4000) >> 12);
    ASSERT_EQ(blk_req(r, 0, 1, 512, &used), 0);
    ASSERT_EQ(used, 513);
    ASSERT_EQ(ld(r, BUF + 7, 1), pattern(512 + 7));
    /* Stopping a queue, as vm_del_vq does. */
    wr(r, R_QSEL, 0);
    wr(r, 0x040, 0);
    ASSERT_EQ(rd(r, 0x040), 0);
    /* A bad QueueAlign breaks the device, a reset recovers it. */
    wr(r, 0x03c, 3);
    wr(r, 0x040, 0x40004);
    ASSERT(rd(r, R_STATUS) & 0x40);
    ASSERT_EQ(legacy_init(r, 1), 7);
    ASSERT_EQ(blk_req(r, 0, 2, 512, &used), 0);
    /* The legacy registers mean nothing on a version 2 transport. */
    virtio_mmio_set_legacy(r->t, false);
    wr(r, 0x040, 0x40004);
    ASSERT_EQ(rd(r, 0x040), 0);
    ASSERT_EQ(driver_init(r, F_ALL, 1), 0xf);
    ASSERT_EQ(blk_req(r, 0, 2, 512, &used), 0);
    rig_free(r);
}

/* ---- Bad guests ---- */

static void expect_broken(Rig *r)
{
    ASSERT(rd(r, R_STATUS) & 0x40);                       /* NEEDS_RESET */
    ASSERT(rd(r, R_ISR) & 2);                             /* config irq */
    ASSERT_EQ(r->irq_level, 1);
}

/* After a reset the device works again. */
static void expect_recovers(Rig *r)
{
    uint32_t used;

    ASSERT_EQ(driver_init(r, F_ALL, 1), 0xf);
    ASSERT_EQ(r->irq_level, 0);
    ASSERT_EQ(blk_req(r, 0, 0, 512, &used), 0);
}

TEST(virtio, bad_descriptor_loop)
{
    Rig *r = rig_new();
    Buf b = { BUF, 512, true };

    blk_rig(r, false, false);
    ASSERT_EQ(driver_init(r, F_ALL, 1), 0xf);
    put_desc(r, r->q[0].desc, 0, &b, 1, 1);
    put_desc(r, r->q[0].desc, 1, &b, 1, 0);
    publish(r, &r->q[0], 0);
    wr(r, R_QNOTIFY, 0);
    expect_broken(r);
    wr(r, R_QNOTIFY, 0);                                  /* ignored */
    expect_recovers(r);
    rig_free(r);
}

TEST(virtio, bad_buffer_outside_ram)
{
    Rig *r = rig_new();
    Buf b[3] = { { HDR, 16, false }, { RAM + RAM_SIZE - 256, 512, true },
                 { STATUS, 1, true } };

    blk_rig(r, false, false);
    ASSERT_EQ(driver_init(r, F_ALL, 1), 0xf);
    st(r, HDR, 0, 4);
    st(r, HDR + 8, 0, 8);
    add_chain(r, &r->q[0], b, 3);
    wr(r, R_QNOTIFY, 0);
    expect_broken(r);
    expect_recovers(r);
    /* Nor may the device write into ROM. */
    as_add_rom(r->as, "rom", 0, 0x1000);
    b[1].addr = 0;
    add_chain(r, &r->q[0], b, 3);
    wr(r, R_QNOTIFY, 0);
    expect_broken(r);
    expect_recovers(r);
    /* An MMIO buffer is no better. */
    b[1].addr = MMIO;
    add_chain(r, &r->q[0], b, 3);
    wr(r, R_QNOTIFY, 0);
    expect_broken(r);
    rig_free(r);
}

TEST(virtio, bad_indices_and_order)
{
    Rig *r = rig_new();
    Buf b[2] = { { STATUS, 1, true }, { HDR, 16, false } };

    blk_rig(r, false, false);
    ASSERT_EQ(driver_init(r, F_ALL, 1), 0xf);
    publish(r, &r->q[0], QSIZE + 3);                      /* head range */
    wr(r, R_QNOTIFY, 0);
    expect_broken(r);
    expect_recovers(r);
    st(r, r->q[0].avail + 2, r->q[0].avail_idx + QSIZE + 1, 2);
    wr(r, R_QNOTIFY, 0);                                  /* index jump */
    expect_broken(r);
    expect_recovers(r);
    add_chain(r, &r->q[0], b, 2);                         /* write first */
    wr(r, R_QNOTIFY, 0);
    expect_broken(r);
    expect_recovers(r);
    Buf n = { HDR, 16, false };                           /* no status */
    add_chain(r, &r->q[0], &n, 1);
    wr(r, R_QNOTIFY, 0);
    expect_broken(r);
    rig_free(r);
}

TEST(virtio, bad_indirect)
{
    Rig *r = rig_new();
    uint64_t itab = DATA + 0x8000;
    Buf inner = { itab, 32, false };

    blk_rig(r, false, false);
    ASSERT_EQ(driver_init(r, F_ALL, 1), 0xf);
    put_desc(r, itab, 0, &inner, 4, 0);                   /* nested */
    put_desc(r, r->q[0].desc, 0, &inner, 4, 0);
    publish(r, &r->q[0], 0);
    wr(r, R_QNOTIFY, 0);
    expect_broken(r);
    /* Not negotiated. */
    ASSERT_EQ(driver_init(r, F_VERSION_1, 1), 0xf);
    Buf b[2] = { { HDR, 16, false }, { STATUS, 1, true } };
    add_indirect(r, &r->q[0], itab, b, 2);
    wr(r, R_QNOTIFY, 0);
    expect_broken(r);
    /* A loop inside the table. */
    ASSERT_EQ(driver_init(r, F_ALL, 1), 0xf);
    add_indirect(r, &r->q[0], itab, b, 2);
    put_desc(r, itab, 1, &b[1], 1, 0);
    wr(r, R_QNOTIFY, 0);
    expect_broken(r);
    rig_free(r);
}

TEST(virtio, bad_ring_setup)
{
    Rig *r = rig_new();

    blk_rig(r, false, false);
    wr(r, R_STATUS, 0);
    wr(r, R_STATUS, 3);
    wr(r, R_DRV_FEAT_SEL, 1);
    wr(r, R_DRV_FEAT, 1);
    wr(r, R_STATUS, 3 | 8);
    wr(r, R_QSEL, 0);
    wr(r, R_QNUM, QSIZE);
    wr(r, R_DESC, 0x1000);                                /* not RAM */
    wr(r, R_AVAIL, RAM + 0x2000);
    wr(r, R_USED, RAM + 0x3000);
    wr(r, R_QREADY, 1);
    ASSERT_EQ(rd(r, R_QREADY), 0);
    ASSERT(rd(r, R_STATUS) & 0x40);
    wr(r, R_QNOTIFY, 0);                                  /* harmless */
    wr(r, R_QSEL, 5);                                     /* no queue */
    ASSERT_EQ(rd(r, R_QNUM_MAX), 0);
    wr(r, R_QREADY, 1);
    wr(r, R_QNOTIFY, 7);
    ASSERT_EQ(as_write(r->as, MMIO + R_CONFIG, 1, 4), MEMTX_OK);  /* RO */
    ASSERT_EQ(ld(r, MMIO + R_CONFIG + 60, 4), 0);         /* past config */
    /* Queue size not a power of two. */
    ASSERT_EQ(driver_init(r, F_ALL, 0), 0xf);
    wr(r, R_QSEL, 0);
    wr(r, R_QNUM, 12);
    wr(r, R_QREADY, 1);
    ASSERT_EQ(rd(r, R_QREADY), 0);
    rig_free(r);
}

/* ---- Random guests: nothing may crash or touch memory outside RAM ---- */

static uint32_t xorshift(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* Random descriptors, ring indices and register writes on a set-up
 * device; small values are favoured so that chains get followed. */
static void fuzz_device(Rig *r, int nqueues, uint32_t seed)
{
    static const unsigned regs[] = { R_QNOTIFY, R_QNOTIFY, R_QNOTIFY,
                                     R_QNOTIFY, R_QNOTIFY, R_QNOTIFY, R_ACK,
                                     R_STATUS, R_QSEL, R_QNUM, R_QREADY,
                                     R_DRV_FEAT, R_DESC, R_CONFIG + 8 };

    for (int round = 0; round < 300; round++) {
        if (round % 50 == 0 || (rd(r, R_STATUS) & 0x40)) {
            driver_init(r, F_ALL, nqueues);
        }
        Queue *q = &r->q[xorshift(&seed) % nqueues];
        unsigned i = xorshift(&seed) % QSIZE;
        uint32_t v = xorshift(&seed);
        uint64_t addr = (v & 7) ? DATA + (v & 0xfff0) : v * 0x1000ull;
        bool wild = xorshift(&seed) % 16 == 0;
        st(r, q->desc + 16 * i, addr, 8);
        st(r, q->desc + 16 * i + 8, xorshift(&seed) % (wild ? 0x30000 : 600),
           4);
        st(r, q->desc + 16 * i + 12, xorshift(&seed) & (wild ? 7 : 3), 2);
        st(r, q->desc + 16 * i + 14, xorshift(&seed) % (QSIZE + wild), 2);
        st(r, q->avail + 4 + 2 * i, xorshift(&seed) % (QSIZE + wild), 2);
        q->avail_idx += wild ? xorshift(&seed) : xorshift(&seed) % 2;
        st(r, q->avail + 2, q->avail_idx, 2);
        unsigned reg = regs[xorshift(&seed) % (sizeof regs / sizeof *regs)];
        uint32_t val = xorshift(&seed) % (reg == R_QNOTIFY ? 3 : 32);
        wr(r, reg, wild ? xorshift(&seed) : val);
    }
}

TEST(virtio, fuzz)
{
    log_level_mask = getenv("FUZZLOG") ? LOG_GUEST_ERROR : 0;
    for (uint32_t seed = 1; seed <= 30; seed++) {
        Rig *r = rig_new();
        VirtIODevice *con = NULL;
        int nq = 1;
        switch (seed % 3) {
        case 0:
            blk_rig(r, false, seed % 2);
            break;
        case 1:
            virtio_mmio_plug(r->t, virtio_rng_new());
            break;
        default:
            r->chr = chardev_new_buffer();
            con = virtio_console_new(r->chr);
            virtio_mmio_plug(r->t, con);
            chardev_push_input(r->chr, "some input for the guest", 24);
            nq = 2;
            break;
        }
        fuzz_device(r, nq, seed * 2654435761u);
        if (con) {
            virtio_console_poll(con);
        }
        if (seed % 3 == 0) {
            ASSERT(file_matches_pattern(r) || !(seed % 2));
        }
        rig_free(r);
    }
}
