/* SPDX-License-Identifier: MIT */
/*
 * CFI NOR flash, Intel/Sharp command set (as in the Intel StrataFlash
 * 28F128J3 datasheet and the JEDEC CFI specification JESD68), modelled
 * as two x16 chips interleaved on a 32-bit bus like QEMU's pflash_cfi01
 * on virt.  Every answer is one chip's 16-bit answer replicated in both
 * halves of the bus word; the command is the low byte of a write.
 *
 * Commands (first cycle, any address in the bank):
 *   0xff/0xf0/0x00 read array     0x70 read status
 *   0x50 clear status (then read array, as on QEMU)
 *   0x90 read identifier          0x98 CFI query
 *   0x20 + 0xd0 block erase       0x10/0x40 + data     word program
 *   0xe8 + count + data + 0xd0    buffered program
 *   0x60 + 0x01/0xd0/0x2f/0x03    block lock commands (no effect)
 * Identifier space (bus word index): 0 manufacturer 0x89, 1 device 0x18,
 * 2 block lock status (0).  Status register: 0x80 ready, 0x20 erase
 * error, 0x10 program error (both: bad command sequence).
 * Program operations clear bits (new = old & data), as flash cells do.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "hw/block/pflash.h"
#include "hw/core/log.h"

#define PFLASH_MANUFACTURER 0x89    /* Intel */
#define PFLASH_DEVICE_ID 0x18
#define SR_READY 0x80
#define SR_ERASE_ERR 0x20
#define SR_PROGRAM_ERR 0x10
#define CHIPS (PFLASH_BANK_WIDTH / PFLASH_DEVICE_WIDTH)
#define CHIP_BUFFER_LOG2 11         /* 2 KiB write buffer per chip */

/* One chip's CFI table (JESD68), indexed by its word address. */
static void pflash_fill_cfi(PFlashState *s)
{
    uint64_t chip_size = s->size / CHIPS;
    uint32_t blocks = (uint32_t)(s->size / PFLASH_SECTOR_SIZE);
    uint32_t block_units = PFLASH_SECTOR_SIZE / CHIPS / 256;
    uint8_t *t = s->cfi;

    memset(t, 0, sizeof(s->cfi));
    t[0x10] = 'Q';
    t[0x11] = 'R';
    t[0x12] = 'Y';
    t[0x13] = 0x01;                 /* primary command set: Intel/Sharp */
    t[0x15] = 0x31;                 /* primary extended table at 0x31 */
    t[0x1b] = 0x45;                 /* Vcc min 4.5 V */
    t[0x1c] = 0x55;                 /* Vcc max 5.5 V */
    t[0x1f] = 0x07;                 /* typical word program 2^7 us */
    t[0x20] = 0x07;                 /* typical buffer program 2^7 us */
    t[0x21] = 0x0a;                 /* typical block erase 2^10 ms */
    t[0x23] = 0x04;                 /* max word program: 2^4 typical */
    t[0x24] = 0x04;
    t[0x25] = 0x04;
    t[0x27] = (uint8_t)__builtin_ctzll(chip_size);   /* 2^n bytes */
    t[0x28] = 0x02;                 /* interface: x8/x16 */
    t[0x2a] = CHIP_BUFFER_LOG2;     /* write buffer 2^n bytes */
    t[0x2c] = 0x01;                 /* one erase block region */
    t[0x2d] = (uint8_t)(blocks - 1);
    t[0x2e] = (uint8_t)((blocks - 1) >> 8);
    t[0x2f] = (uint8_t)block_units; /* block size / 256 */
    t[0x30] = (uint8_t)(block_units >> 8);
    t[0x31] = 'P';
    t[0x32] = 'R';
    t[0x33] = 'I';
    t[0x34] = '1';
    t[0x35] = '0';
    t[0x3f] = 0x01;                 /* protection register fields */
}

/* ---- Mode and change notifications ---- */

static void pflash_set_mode(PFlashState *s, PFlashMode mode)
{
    bool was_array = s->mode == PFLASH_READ_ARRAY;
    bool is_array = mode == PFLASH_READ_ARRAY;

    s->mode = mode;
    if (was_array != is_array && s->as) {
        as_romd_set(s->as, s->base, is_array);
        if (s->mode_changed) {
            s->mode_changed(s->hook_opaque);
        }
    }
}

static void pflash_changed(PFlashState *s, uint64_t off, uint64_t len)
{
    if (s->written) {
        s->written(s->hook_opaque, s->base + off, len);
    }
    if (s->backing_fd >= 0 &&
        pwrite(s->backing_fd, s->storage + off, len, (off_t)off) !=
            (ssize_t)len) {
        log_mask(LOG_GUEST_ERROR, "%s: write-back failed: %s\n", s->name,
                 strerror(errno));
    }
}

/* Sequence error: both error bits, back to reading status. */
static void pflash_seq_error(PFlashState *s, uint8_t cmd)
{
    log_mask(LOG_GUEST_ERROR, "%s: bad command sequence (0x%02x)\n",
             s->name, cmd);
    s->status |= SR_ERASE_ERR | SR_PROGRAM_ERR;
    pflash_set_mode(s, PFLASH_READ_STATUS);
}

/* ---- Reads ---- */

static uint32_t pflash_replicate(uint16_t v)
{
    return (uint32_t)v | (uint32_t)v << 16;
}

/* The 32-bit bus word at aligned offset off in a non-array mode. */
static uint32_t pflash_query_word(PFlashState *s, uint64_t off)
{
    uint64_t n = off / PFLASH_BANK_WIDTH;

    switch (s->mode) {
    case PFLASH_READ_ID:
        switch (n & 0xff) {
        case 0:
            return pflash_replicate(PFLASH_MANUFACTURER);
        case 1:
            return pflash_replicate(PFLASH_DEVICE_ID);
        default:
            return 0;       /* block lock status: unlocked */
        }
    case PFLASH_CFI_QUERY:
        return n < sizeof(s->cfi) ? pflash_replicate(s->cfi[n]) : 0;
    default:
        return pflash_replicate(s->status);
    }
}

static uint64_t pflash_read(void *opaque, uint64_t off, unsigned size)
{
    PFlashState *s = opaque;
    uint64_t v = 0;

    if (off >= s->size || size > s->size - off) {
        log_mask(LOG_GUEST_ERROR, "%s: read past the end at 0x%" PRIx64
                 "\n", s->name, off);
        return 0;
    }
    for (unsigned i = 0; i < size; i++) {
        uint64_t o = off + i;
        uint8_t b;
        if (s->mode == PFLASH_READ_ARRAY) {
            b = s->storage[o];
        } else {
            b = (uint8_t)(pflash_query_word(s, o & ~3ull) >> (8 * (o & 3)));
        }
        v |= (uint64_t)b << (8 * i);
    }
    return v;
}

/* ---- Program and erase ---- */

static void pflash_program(PFlashState *s, uint64_t off, uint64_t val,
                           unsigned size)
{
    for (unsigned i = 0; i < size; i++) {
        s->storage[off + i] &= (uint8_t)(val >> (8 * i));
    }
    pflash_changed(s, off, size);
}

static void pflash_erase(PFlashState *s, uint64_t off)
{
    uint64_t start = off & ~(uint64_t)(PFLASH_SECTOR_SIZE - 1);

    memset(s->storage + start, 0xff, PFLASH_SECTOR_SIZE);
    pflash_changed(s, start, PFLASH_SECTOR_SIZE);
}

/* First cycle of a command (in read modes, or after one completed). */
static void pflash_command(PFlashState *s, uint8_t cmd)
{
    switch (cmd) {
    case 0x00:
    case 0xf0:
    case 0xff:                                          /* read array */
        pflash_set_mode(s, PFLASH_READ_ARRAY);
        break;
    case 0x70:                                          /* read status */
        pflash_set_mode(s, PFLASH_READ_STATUS);
        break;
    case 0x50:                                          /* clear status */
        s->status = SR_READY;   /* then read array, as QEMU does */
        pflash_set_mode(s, PFLASH_READ_ARRAY);
        break;
    case 0x90:                                          /* read ID */
        pflash_set_mode(s, PFLASH_READ_ID);
        break;
    case 0x98:                                          /* CFI query */
        pflash_set_mode(s, PFLASH_CFI_QUERY);
        break;
    case 0x20:                                          /* block erase */
        pflash_set_mode(s, PFLASH_ERASE_SETUP);
        break;
    case 0x10:
    case 0x40:                                          /* word program */
        pflash_set_mode(s, PFLASH_PROGRAM_SETUP);
        break;
    case 0xe8:                                          /* buffer program */
        pflash_set_mode(s, PFLASH_BUFFER_COUNT);
        break;
    case 0x60:                                          /* lock setup */
        pflash_set_mode(s, PFLASH_LOCK_SETUP);
        break;
    case 0xb0:                                          /* suspend */
    case 0xd0:                                          /* resume */
        pflash_set_mode(s, PFLASH_READ_STATUS);
        break;
    default:
        log_mask(LOG_GUEST_ERROR, "%s: unknown command 0x%02x\n", s->name,
                 cmd);
        pflash_set_mode(s, PFLASH_READ_ARRAY);
        break;
    }
}

static void pflash_buffer_count(PFlashState *s, uint64_t off, uint64_t val)
{
    uint32_t words = (uint32_t)(val & 0xffff) + 1;   /* one chip's count */
    uint32_t max = (1u << CHIP_BUFFER_LOG2) / PFLASH_DEVICE_WIDTH;

    if (words > max) {
        pflash_seq_error(s, (uint8_t)val);
        return;
    }
    s->buf_start = off;
    s->buf_left = words;
    pflash_set_mode(s, PFLASH_BUFFER_DATA);
}

static void pflash_buffer_data(PFlashState *s, uint64_t off, uint64_t val,
                               unsigned size)
{
    uint64_t buf_bytes = (uint64_t)CHIPS << CHIP_BUFFER_LOG2;

    if ((off & ~(buf_bytes - 1)) != (s->buf_start & ~(buf_bytes - 1))) {
        log_mask(LOG_GUEST_ERROR, "%s: buffered program outside the "
                 "buffer at 0x%" PRIx64 "\n", s->name, off);
        s->status |= SR_PROGRAM_ERR;
    } else {
        pflash_program(s, off, val, size);
    }
    if (--s->buf_left == 0) {
        pflash_set_mode(s, PFLASH_BUFFER_CONFIRM);
    }
}

static void pflash_write(void *opaque, uint64_t off, uint64_t val,
                         unsigned size)
{
    PFlashState *s = opaque;
    uint8_t cmd = (uint8_t)val;

    if (off >= s->size || size > s->size - off) {
        log_mask(LOG_GUEST_ERROR, "%s: write past the end at 0x%" PRIx64
                 "\n", s->name, off);
        return;
    }
    switch (s->mode) {
    case PFLASH_ERASE_SETUP:
        if (cmd != 0xd0) {
            pflash_seq_error(s, cmd);
            break;
        }
        pflash_erase(s, off);
        pflash_set_mode(s, PFLASH_READ_STATUS);
        break;
    case PFLASH_PROGRAM_SETUP:
        pflash_program(s, off, val, size);
        pflash_set_mode(s, PFLASH_READ_STATUS);
        break;
    case PFLASH_BUFFER_COUNT:
        pflash_buffer_count(s, off, val);
        break;
    case PFLASH_BUFFER_DATA:
        pflash_buffer_data(s, off, val, size);
        break;
    case PFLASH_BUFFER_CONFIRM:
        if (cmd != 0xd0) {
            pflash_seq_error(s, cmd);
            break;
        }
        pflash_set_mode(s, PFLASH_READ_STATUS);
        break;
    case PFLASH_LOCK_SETUP:
        if (cmd != 0x01 && cmd != 0xd0 && cmd != 0x2f && cmd != 0x03) {
            pflash_seq_error(s, cmd);
            break;
        }
        pflash_set_mode(s, PFLASH_READ_STATUS);
        break;
    default:
        pflash_command(s, cmd);
        break;
    }
}

const MemOps pflash_ops = {
    .read = pflash_read,
    .write = pflash_write,
    .min_size = 1,
    .max_size = 4,
    .endian = DEVICE_LITTLE_ENDIAN,
};

/* ---- Life cycle ---- */

PFlashState *pflash_new(const char *name, uint64_t size)
{
    PFlashState *s;
    void *p;

    if (size == 0 || size % PFLASH_SECTOR_SIZE ||
        (size & (size - 1)) != 0 || size > (1ull << 32)) {
        die("%s: bad flash size 0x%" PRIx64, name, size);
    }
    s = calloc(1, sizeof(*s));
    p = mmap(NULL, size, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (!s || p == MAP_FAILED) {
        die("%s: cannot allocate the flash array", name);
    }
    s->name = name;
    s->storage = p;
    s->size = size;
    s->backing_fd = -1;
    pflash_fill_cfi(s);
    pflash_reset(s);
    return s;
}

void pflash_free(PFlashState *s)
{
    if (s) {
        munmap(s->storage, s->size);
        free(s);
    }
}

void pflash_reset(PFlashState *s)
{
    s->status = SR_READY;
    s->buf_left = 0;
    pflash_set_mode(s, PFLASH_READ_ARRAY);
}

uint64_t pflash_size(PFlashState *s)
{
    return s->size;
}

uint8_t *pflash_storage(PFlashState *s)
{
    return s->storage;
}

int pflash_load(PFlashState *s, const char *path)
{
    int fd = open(path, O_RDONLY);
    uint64_t done = 0;
    char extra;

    if (fd < 0) {
        error_report("cannot open flash image %s: %s", path, strerror(errno));
        return -1;
    }
    while (done < s->size) {
        ssize_t n = read(fd, s->storage + done, s->size - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            error_report("cannot read flash image %s: %s", path,
                         strerror(errno));
            close(fd);
            return -1;
        }
        if (n == 0) {
            break;
        }
        done += (uint64_t)n;
    }
    if (done == s->size && read(fd, &extra, 1) > 0) {
        error_report("flash image %s is larger than the %" PRIu64
                     "-byte flash", path, s->size);
        close(fd);
        return -1;
    }
    close(fd);
    return 0;
}

void pflash_set_backing_fd(PFlashState *s, int fd)
{
    s->backing_fd = fd;
}

bool pflash_map(PFlashState *s, AddressSpace *as, uint64_t base)
{
    if (!as_add_romd(as, s->name, base, s->size, s->storage, &pflash_ops,
                     s)) {
        return false;
    }
    s->as = as;
    s->base = base;
    as_romd_set(as, base, s->mode == PFLASH_READ_ARRAY);
    return true;
}

void pflash_set_hooks(PFlashState *s, void (*mode_changed)(void *opaque),
                      void (*written)(void *opaque, uint64_t addr,
                                      uint64_t len),
                      void *opaque)
{
    s->mode_changed = mode_changed;
    s->written = written;
    s->hook_opaque = opaque;
}
