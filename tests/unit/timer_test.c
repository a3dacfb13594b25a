/* SPDX-License-Identifier: MIT */
/* Timers and the event loop: ordering, re-arming, the alarm kick, waits. */
#include <stdatomic.h>
#include <unistd.h>

#include "hw/core/timer.h"
#include "tests/test.h"

static atomic_int kicks;

static void count_kick(void *opaque)
{
    atomic_fetch_add(&kicks, 1);
}

typedef struct Rec {
    int order[8];
    int n;
} Rec;

typedef struct Tagged {
    Rec *rec;
    int tag;
} Tagged;

static void record(void *opaque)
{
    Tagged *t = opaque;
    t->rec->order[t->rec->n++] = t->tag;
}

TEST(timer, fire_in_expiry_order)
{
    EventLoop *loop = event_loop_new(count_kick, NULL);
    Rec rec = { .n = 0 };
    Tagged tags[3] = { { &rec, 0 }, { &rec, 1 }, { &rec, 2 } };
    Timer t[3];
    int64_t now = clock_ns();

    for (int i = 0; i < 3; i++) {
        timer_init(&t[i], loop, record, &tags[i]);
    }
    timer_mod(&t[0], now + 3000000);
    timer_mod(&t[1], now + 1000000);
    timer_mod(&t[2], now + 2000000);
    timer_mod(&t[2], now + 500000);      /* re-arm moves it first */
    while (rec.n < 3) {
        event_loop_wait(loop);
        event_loop_run_timers(loop);
    }
    ASSERT_EQ(rec.order[0], 2);
    ASSERT_EQ(rec.order[1], 1);
    ASSERT_EQ(rec.order[2], 0);
    ASSERT(clock_ns() >= now + 3000000);
    event_loop_free(loop);
}

TEST(timer, deleted_timer_does_not_fire)
{
    EventLoop *loop = event_loop_new(count_kick, NULL);
    Rec rec = { .n = 0 };
    Tagged tag = { &rec, 7 };
    Timer t;

    timer_init(&t, loop, record, &tag);
    timer_mod(&t, clock_ns() + 100000);
    timer_del(&t);
    usleep(2000);
    event_loop_run_timers(loop);
    ASSERT_EQ(rec.n, 0);
    event_loop_free(loop);
}

TEST(timer, alarm_kicks_running_cpu)
{
    EventLoop *loop = event_loop_new(count_kick, NULL);
    Rec rec = { .n = 0 };
    Tagged tag = { &rec, 1 };
    Timer t;
    int64_t give_up = clock_ns() + 2000000000;

    atomic_store(&kicks, 0);
    timer_init(&t, loop, record, &tag);
    timer_mod(&t, clock_ns() + 1000000);
    /* "Run the CPU" (spin) until the alarm thread kicks us. */
    while (atomic_load(&kicks) == 0 && clock_ns() < give_up) {
    }
    ASSERT(atomic_load(&kicks) >= 1);   /* more if we were descheduled */
    event_loop_run_timers(loop);
    ASSERT_EQ(rec.n, 1);
    event_loop_free(loop);
}

TEST(timer, notify_wakes_wait)
{
    EventLoop *loop = event_loop_new(count_kick, NULL);
    int64_t t0 = clock_ns();

    atomic_store(&kicks, 0);
    event_loop_notify(loop);            /* before the wait: not lost */
    event_loop_wait(loop);
    ASSERT(clock_ns() - t0 < 1000000000);
    ASSERT_EQ(atomic_load(&kicks), 1);
    event_loop_free(loop);
}

static void nop(void *opaque)
{
}

/* A due timer that nobody runs is kicked again (a kick can be consumed
 * without the timers running: the CPU that saw it was not the one that
 * needed it); once it runs, the kicks stop. */
TEST(timer, unrun_due_timer_is_kicked_again)
{
    EventLoop *loop = event_loop_new(count_kick, NULL);
    Timer t;
    int before;

    atomic_store(&kicks, 0);
    timer_init(&t, loop, nop, NULL);
    timer_mod(&t, clock_ns() + 1000000);
    usleep(20 * 1000);
    ASSERT(atomic_load(&kicks) >= 2);
    event_loop_run_timers(loop);
    usleep(2 * 1000);
    before = atomic_load(&kicks);
    usleep(10 * 1000);
    ASSERT_EQ(atomic_load(&kicks), before);
    event_loop_free(loop);
}
