/* SPDX-License-Identifier: MIT */
/*
 * PL031 RTC device tests: registers poked through an AddressSpace, the
 * match interrupt watched through a fake IRQ sink, timers run by hand
 * from the event loop.  No CPU involved.
 */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "hw/core/memory.h"
#include "hw/core/timer.h"
#include "hw/rtc/pl031.h"
#include "tests/test.h"
#include "tests/unit/mmio-test.h"

#define BASE 0x09010000u

typedef struct Rig {
    AddressSpace *as;
    EventLoop *loop;
    PL031State *s;
    int level, changes;
} Rig;

static void rig_irq(void *opaque, int n, int level)
{
    Rig *r = opaque;

    ASSERT_EQ(n, 34);
    r->level = level;
    r->changes++;
}

static void no_kick(void *opaque)
{
    (void)opaque;
}

static Rig *rig_new(void)
{
    Rig *r = calloc(1, sizeof(*r));

    r->as = as_new("test");
    r->loop = event_loop_new(no_kick, NULL);
    r->s = pl031_new(r->loop, irq_line(rig_irq, r, 34));
    as_add_mmio(r->as, "pl031", BASE, PL031_MMIO_SIZE, &pl031_ops, r->s);
    return r;
}

static void rig_free(Rig *r)
{
    pl031_free(r->s);
    event_loop_free(r->loop);
    as_free(r->as);
    free(r);
}

static uint32_t rd(Rig *r, uint32_t off)
{
    return (uint32_t)mmio_rd(r->as, BASE + off, 4);
}

static void wr(Rig *r, uint32_t off, uint32_t val)
{
    mmio_wr(r->as, BASE + off, val, 4);
}

TEST(pl031, reset_values_and_ids)
{
    Rig *r = rig_new();
    static const uint8_t id[8] = { 0x31, 0x10, 0x04, 0x00,
                                   0x0d, 0xf0, 0x05, 0xb1 };

    ASSERT_EQ(rd(r, 0x004), 0);                         /* RTCMR */
    ASSERT_EQ(rd(r, 0x008), 0);                         /* RTCLR */
    ASSERT_EQ(rd(r, 0x00c), 1);                         /* RTCCR: running */
    ASSERT_EQ(rd(r, 0x010), 0);                         /* RTCIMSC */
    ASSERT_EQ(rd(r, 0x014), 0);                         /* RTCRIS */
    ASSERT_EQ(rd(r, 0x018), 0);                         /* RTCMIS */
    for (int i = 0; i < 8; i++) {
        ASSERT_EQ(rd(r, 0xfe0 + 4 * i), id[i]);
    }
    ASSERT_EQ(r->level, 0);
    rig_free(r);
}

TEST(pl031, counts_host_utc_seconds)
{
    Rig *r = rig_new();
    uint32_t now = (uint32_t)time(NULL);
    uint32_t dr = rd(r, 0x000);

    ASSERT(dr - now <= 1 || now - dr <= 1);
    wr(r, 0x008, 1000);                                 /* RTCLR */
    ASSERT_EQ(rd(r, 0x008), 1000);
    ASSERT_EQ(rd(r, 0x000), 1000);
    wr(r, 0x000, 5);                                    /* RO: ignored */
    ASSERT(rd(r, 0x000) - 1000 <= 1);
    rig_free(r);
}

TEST(pl031, match_now_raises_irq_when_unmasked)
{
    Rig *r = rig_new();

    wr(r, 0x008, 500);
    wr(r, 0x004, 500);                                  /* match: now */
    ASSERT_EQ(rd(r, 0x014), 1);
    ASSERT_EQ(rd(r, 0x018), 0);
    ASSERT_EQ(r->level, 0);
    wr(r, 0x010, 1);                                    /* unmask */
    ASSERT_EQ(rd(r, 0x018), 1);
    ASSERT_EQ(r->level, 1);
    wr(r, 0x01c, 1);                                    /* RTCICR */
    ASSERT_EQ(rd(r, 0x014), 0);
    ASSERT_EQ(r->level, 0);
    ASSERT_EQ(r->changes, 2);
    rig_free(r);
}

TEST(pl031, match_timer_fires_after_a_second)
{
    Rig *r = rig_new();
    int64_t start = clock_ns();

    wr(r, 0x010, 1);
    wr(r, 0x008, 7);
    wr(r, 0x004, 8);
    ASSERT(r->s->timer.pending);
    ASSERT_EQ(r->s->timer.expire_ns, r->s->base_ns + 1000000000ll);
    ASSERT(r->s->timer.expire_ns - start <= 1010000000ll);
    event_loop_run_timers(r->loop);
    ASSERT_EQ(r->level, 0);
    while (clock_ns() < r->s->timer.expire_ns) {
        usleep(20000);
    }
    event_loop_run_timers(r->loop);
    ASSERT_EQ(r->level, 1);
    ASSERT_EQ(rd(r, 0x000), 8);
    wr(r, 0x010, 0);                                    /* mask */
    ASSERT_EQ(r->level, 0);
    ASSERT_EQ(rd(r, 0x014), 1);
    rig_free(r);
}

TEST(pl031, match_far_ahead_and_wrap)
{
    Rig *r = rig_new();
    int64_t start = clock_ns();

    wr(r, 0x008, 0xfffffff0u);
    wr(r, 0x004, 0x10);                                 /* wraps: 32 s */
    ASSERT(r->s->timer.pending);
    ASSERT_EQ(r->s->timer.expire_ns, r->s->base_ns + 32000000000ll);
    ASSERT(r->s->timer.expire_ns - start <= 32010000000ll);
    pl031_reset(r->s);
    ASSERT(!r->s->timer.pending);
    ASSERT_EQ(rd(r, 0x004), 0);
    rig_free(r);
}

TEST(pl031, bad_accesses_are_ignored)
{
    Rig *r = rig_new();
    uint64_t v = 1;

    ASSERT_EQ(rd(r, 0x01c), 0);                         /* RTCICR: WO */
    ASSERT_EQ(rd(r, 0x100), 0);
    wr(r, 0x014, 1);                                    /* RTCRIS: RO */
    ASSERT_EQ(rd(r, 0x014), 0);
    wr(r, 0x00c, 0);                                    /* cannot stop */
    ASSERT_EQ(rd(r, 0x00c), 1);
    v = pl031_ops.read(r->s, 2, 2);                     /* misaligned */
    ASSERT_EQ(v, 0);
    pl031_ops.write(r->s, 4, 9, 2);
    ASSERT_EQ(rd(r, 0x004), 0);
    rig_free(r);
}
