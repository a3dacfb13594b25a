/* SPDX-License-Identifier: MIT */
/*
 * Time and the event loop.  Devices arm Timers on the host monotonic clock
 * (nanoseconds); callbacks run in the main thread, between runs of the
 * CPU.  While the CPU runs, an alarm thread kicks it (the board's kick
 * function, normally cpu_exit) when the earliest timer is due, or when
 * another thread calls event_loop_notify (e.g. a character arrived).
 *
 *   EventLoop *loop = event_loop_new(kick_cpu, cpu);
 *   timer_init(&s->timer, loop, my_timer_cb, s);
 *   timer_mod(&s->timer, clock_ns() + 1000000);    -- in 1 ms
 *   ... board run loop:
 *   cpu_exec(cpu); event_loop_run_timers(loop);
 *   if halted: event_loop_wait(loop);               -- sleeps until due
 */
#ifndef HW_CORE_TIMER_H
#define HW_CORE_TIMER_H

#include <stdbool.h>
#include <stdint.h>

typedef struct EventLoop EventLoop;

typedef struct Timer {
    int64_t expire_ns;          /* valid while pending */
    bool pending;
    void (*cb)(void *opaque);
    void *opaque;
    EventLoop *loop;
    struct Timer *next;         /* in the loop's list, sorted by expiry */
} Timer;

/* Host monotonic time in ns (CLOCK_MONOTONIC). */
int64_t clock_ns(void);

/* kick(opaque) is called from the alarm thread: it must be thread safe. */
EventLoop *event_loop_new(void (*kick)(void *opaque), void *opaque);
void event_loop_free(EventLoop *loop);

void timer_init(Timer *t, EventLoop *loop, void (*cb)(void *), void *opaque);
/* Fire at expire_ns (absolute, clock_ns() time); re-arms if pending. */
void timer_mod(Timer *t, int64_t expire_ns);
void timer_del(Timer *t);

/* Main thread: run the callbacks of every due timer. */
void event_loop_run_timers(EventLoop *loop);
/* Main thread: sleep until the next timer is due or a notification. */
void event_loop_wait(EventLoop *loop);
/* Any thread: wake event_loop_wait and kick the CPU. */
void event_loop_notify(EventLoop *loop);

#endif
