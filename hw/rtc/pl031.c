/* SPDX-License-Identifier: MIT */
/*
 * ARM PrimeCell Real Time Clock (PL031), following the PrimeCell Real
 * Time Clock (PL031) Technical Reference Manual, ARM DDI 0224.  A 32-bit
 * seconds counter loaded through RTCLR, a match register and one
 * interrupt.  The counter is always running (RTCCR reads 1, as on QEMU).
 *
 * Register map (offsets from the base, 32-bit registers):
 *   0x000 RTCDR        data: the counter (read only)
 *   0x004 RTCMR        match
 *   0x008 RTCLR        load: sets the counter
 *   0x00c RTCCR        control: bit 0 RTCStart (reads 1)
 *   0x010 RTCIMSC      interrupt mask set/clear
 *   0x014 RTCRIS       raw interrupt status (read only)
 *   0x018 RTCMIS       masked interrupt status (read only)
 *   0x01c RTCICR       interrupt clear (write only)
 *   0xfe0-0xfec        RTCPeriphID0-3 (0x00041031)
 *   0xff0-0xffc        RTCPCellID0-3  (0xb105f00d)
 */
#include <stdlib.h>
#include <time.h>

#include "hw/core/log.h"
#include "hw/rtc/pl031.h"

enum {
    PL031_DR = 0x000,           /* RTCDR */
    PL031_MR = 0x004,           /* RTCMR */
    PL031_LR = 0x008,           /* RTCLR */
    PL031_CR = 0x00c,           /* RTCCR */
    PL031_IMSC = 0x010,         /* RTCIMSC */
    PL031_RIS = 0x014,          /* RTCRIS */
    PL031_MIS = 0x018,          /* RTCMIS */
    PL031_ICR = 0x01c,          /* RTCICR */
    PL031_ID_BASE = 0xfe0,      /* RTCPeriphID0 .. RTCPCellID3 */
};

#define INT_MATCH 1u
#define NS_PER_SEC 1000000000ll

/* PeriphID0-3 then PCellID0-3, one byte per register */
static const uint8_t pl031_id[8] = {
    0x31, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1
};

static void pl031_update_irq(PL031State *s)
{
    bool level = (s->ris & s->imsc) != 0;

    if (level != s->irq_level) {
        s->irq_level = level;
        irq_set(&s->irq, level);
    }
}

uint32_t pl031_count(PL031State *s)
{
    int64_t elapsed = clock_ns() - s->base_ns;

    return s->base + (uint32_t)(elapsed / NS_PER_SEC);
}

/* Arm the timer for the second the counter reaches RTCMR. */
static void pl031_arm(PL031State *s)
{
    int64_t now = clock_ns();
    uint32_t count = s->base + (uint32_t)((now - s->base_ns) / NS_PER_SEC);
    uint32_t ticks = s->mr - count;

    if (ticks == 0) {
        timer_del(&s->timer);
        s->ris |= INT_MATCH;
        return;
    }
    /* The counter steps at base_ns + k seconds. */
    int64_t into = (now - s->base_ns) % NS_PER_SEC;
    timer_mod(&s->timer, now - into + (int64_t)ticks * NS_PER_SEC);
}

static void pl031_match(void *opaque)
{
    PL031State *s = opaque;

    s->ris |= INT_MATCH;
    pl031_update_irq(s);
}

static uint32_t pl031_read_reg(PL031State *s, uint64_t off)
{
    switch (off) {
    case PL031_DR:                                      /* RTCDR */
        return pl031_count(s);
    case PL031_MR:                                      /* RTCMR */
        return s->mr;
    case PL031_LR:                                      /* RTCLR */
        return s->lr;
    case PL031_CR:                                      /* RTCCR */
        return 1;
    case PL031_IMSC:                                    /* RTCIMSC */
        return s->imsc;
    case PL031_RIS:                                     /* RTCRIS */
        return s->ris;
    case PL031_MIS:                                     /* RTCMIS */
        return s->ris & s->imsc;
    case PL031_ICR:                                     /* RTCICR */
        log_mask(LOG_GUEST_ERROR, "pl031: read of write-only RTCICR\n");
        return 0;
    default:
        if (off >= PL031_ID_BASE && off < PL031_ID_BASE + 0x20) {
            return pl031_id[(off - PL031_ID_BASE) >> 2];  /* ID regs */
        }
        log_mask(LOG_GUEST_ERROR, "pl031: read of bad offset 0x%03x\n",
                 (unsigned)off);
        return 0;
    }
}

static void pl031_write_reg(PL031State *s, uint64_t off, uint32_t val)
{
    switch (off) {
    case PL031_MR:                                      /* RTCMR */
        s->mr = val;
        pl031_arm(s);
        break;
    case PL031_LR:                                      /* RTCLR */
        s->lr = val;
        s->base = val;
        s->base_ns = clock_ns();
        pl031_arm(s);
        break;
    case PL031_CR:                                      /* RTCCR */
        break;              /* once started, writes have no effect */
    case PL031_IMSC:                                    /* RTCIMSC */
        s->imsc = val & INT_MATCH;
        break;
    case PL031_ICR:                                     /* RTCICR */
        s->ris &= ~(val & INT_MATCH);
        break;
    case PL031_DR:                                      /* RTCDR */
    case PL031_RIS:                                     /* RTCRIS */
    case PL031_MIS:                                     /* RTCMIS */
        log_mask(LOG_GUEST_ERROR, "pl031: write to read-only 0x%03x\n",
                 (unsigned)off);
        break;
    default:
        log_mask(LOG_GUEST_ERROR, "pl031: write to bad offset 0x%03x\n",
                 (unsigned)off);
        break;
    }
}

static bool pl031_access_ok(uint64_t off, unsigned size, bool write)
{
    if (size == 4 && (off & 3) == 0 && off < PL031_MMIO_SIZE) {
        return true;
    }
    log_mask(LOG_GUEST_ERROR, "pl031: bad %u-byte %s at offset 0x%03x\n",
             size, write ? "write" : "read", (unsigned)off);
    return false;
}

static uint64_t pl031_read(void *opaque, uint64_t off, unsigned size)
{
    PL031State *s = opaque;

    if (!pl031_access_ok(off, size, false)) {
        return 0;
    }
    return pl031_read_reg(s, off);
}

static void pl031_write(void *opaque, uint64_t off, uint64_t val,
                        unsigned size)
{
    PL031State *s = opaque;

    if (!pl031_access_ok(off, size, true)) {
        return;
    }
    pl031_write_reg(s, off, (uint32_t)val);
    pl031_update_irq(s);
}

const MemOps pl031_ops = {
    .read = pl031_read,
    .write = pl031_write,
    .min_size = 4,
    .max_size = 4,
    .endian = DEVICE_LITTLE_ENDIAN,
};

void pl031_reset(PL031State *s)
{
    timer_del(&s->timer);
    s->mr = s->lr = 0;
    s->imsc = s->ris = 0;
    pl031_update_irq(s);
}

PL031State *pl031_new(EventLoop *loop, IrqLine irq)
{
    PL031State *s = calloc(1, sizeof(*s));

    if (!s) {
        die("out of memory");
    }
    if (!loop) {
        die("pl031: needs an event loop");
    }
    timer_init(&s->timer, loop, pl031_match, s);
    s->irq = irq;
    s->base = (uint32_t)time(NULL);     /* UTC seconds since the epoch */
    s->base_ns = clock_ns();
    pl031_reset(s);
    return s;
}

void pl031_free(PL031State *s)
{
    if (s) {
        timer_del(&s->timer);
        free(s);
    }
}
