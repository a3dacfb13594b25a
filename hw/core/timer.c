/* SPDX-License-Identifier: MIT */
/*
 * Timers and the event loop (see timer.h).  The timer list is sorted by
 * expiry and guarded by one mutex; callbacks run only in the main thread.
 * The alarm thread sleeps until the earliest expiry and then kicks the
 * CPU, so a guest spinning in generated code still sees its timer
 * interrupts: once per deadline, and again every ALARM_REKICK_NS while
 * the main thread has not run the due timer (a kick can be consumed by
 * a CPU that did not need it).
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "hw/core/log.h"
#include "hw/core/timer.h"

#define NO_DEADLINE INT64_MAX
/* A due timer the main thread has not run this long after its kick is
 * kicked again. */
#define ALARM_REKICK_NS (1000 * 1000)

struct EventLoop {
    pthread_mutex_t lock;
    pthread_cond_t alarm_cond;      /* the alarm thread waits here */
    pthread_cond_t main_cond;       /* event_loop_wait waits here */
    Timer *head;
    bool notified;
    bool quit;
    int64_t kicked;                 /* deadline already kicked for */
    int64_t kick_time;              /* when */
    void (*kick)(void *opaque);
    void *opaque;
    pthread_t alarm;
};

int64_t clock_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static struct timespec to_timespec(int64_t ns)
{
    struct timespec ts = { ns / 1000000000, ns % 1000000000 };
    return ts;
}

static int64_t next_deadline(const EventLoop *loop)
{
    return loop->head ? loop->head->expire_ns : NO_DEADLINE;
}

/* Wait on cond until deadline (or for ever); lock held. */
static void wait_until(EventLoop *loop, pthread_cond_t *cond,
                       int64_t deadline)
{
    if (deadline == NO_DEADLINE) {
        pthread_cond_wait(cond, &loop->lock);
    } else {
        struct timespec ts = to_timespec(deadline);
        pthread_cond_timedwait(cond, &loop->lock, &ts);
    }
}

static void *alarm_thread(void *arg)
{
    EventLoop *loop = arg;

    pthread_mutex_lock(&loop->lock);
    while (!loop->quit) {
        int64_t deadline = next_deadline(loop);
        int64_t now = clock_ns();
        if (deadline == NO_DEADLINE || deadline > now) {
            wait_until(loop, &loop->alarm_cond, deadline);
            continue;
        }
        /* Due.  Kick once per deadline; again if it is still not run a
         * while later (that kick was consumed without running timers). */
        if (loop->kicked != deadline ||
            now >= loop->kick_time + ALARM_REKICK_NS) {
            loop->kicked = deadline;
            loop->kick_time = now;
            loop->kick(loop->opaque);
        }
        wait_until(loop, &loop->alarm_cond,
                   loop->kick_time + ALARM_REKICK_NS);
    }
    pthread_mutex_unlock(&loop->lock);
    return NULL;
}

static void init_cond(pthread_cond_t *cond)
{
    pthread_condattr_t attr;

    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(cond, &attr);
    pthread_condattr_destroy(&attr);
}

EventLoop *event_loop_new(void (*kick)(void *opaque), void *opaque)
{
    EventLoop *loop = calloc(1, sizeof(*loop));

    if (!loop) {
        return NULL;
    }
    pthread_mutex_init(&loop->lock, NULL);
    init_cond(&loop->alarm_cond);
    init_cond(&loop->main_cond);
    loop->kick = kick;
    loop->opaque = opaque;
    loop->kicked = NO_DEADLINE;
    if (pthread_create(&loop->alarm, NULL, alarm_thread, loop) != 0) {
        error_report("cannot start the timer thread");
        free(loop);
        return NULL;
    }
    return loop;
}

void event_loop_free(EventLoop *loop)
{
    if (!loop) {
        return;
    }
    pthread_mutex_lock(&loop->lock);
    loop->quit = true;
    pthread_cond_signal(&loop->alarm_cond);
    pthread_mutex_unlock(&loop->lock);
    pthread_join(loop->alarm, NULL);
    pthread_cond_destroy(&loop->alarm_cond);
    pthread_cond_destroy(&loop->main_cond);
    pthread_mutex_destroy(&loop->lock);
    free(loop);
}

void timer_init(Timer *t, EventLoop *loop, void (*cb)(void *), void *opaque)
{
    t->expire_ns = 0;
    t->pending = false;
    t->cb = cb;
    t->opaque = opaque;
    t->loop = loop;
    t->next = NULL;
}

/* Unlink t from the list; lock held. */
static void timer_unlink(EventLoop *loop, Timer *t)
{
    for (Timer **pp = &loop->head; *pp; pp = &(*pp)->next) {
        if (*pp == t) {
            *pp = t->next;
            break;
        }
    }
    t->pending = false;
    t->next = NULL;
}

void timer_mod(Timer *t, int64_t expire_ns)
{
    EventLoop *loop = t->loop;
    Timer **pp;

    pthread_mutex_lock(&loop->lock);
    if (t->pending) {
        timer_unlink(loop, t);
    }
    t->expire_ns = expire_ns;
    t->pending = true;
    for (pp = &loop->head; *pp && (*pp)->expire_ns <= expire_ns;
         pp = &(*pp)->next) {
    }
    t->next = *pp;
    *pp = t;
    if (loop->head == t) {
        pthread_cond_signal(&loop->alarm_cond);
        pthread_cond_signal(&loop->main_cond);
    }
    pthread_mutex_unlock(&loop->lock);
}

void timer_del(Timer *t)
{
    EventLoop *loop = t->loop;

    pthread_mutex_lock(&loop->lock);
    if (t->pending) {
        timer_unlink(loop, t);
    }
    pthread_mutex_unlock(&loop->lock);
}

void event_loop_run_timers(EventLoop *loop)
{
    bool ran = false;

    pthread_mutex_lock(&loop->lock);
    for (;;) {
        Timer *t = loop->head;
        if (!t || t->expire_ns > clock_ns()) {
            break;
        }
        timer_unlink(loop, t);
        pthread_mutex_unlock(&loop->lock);
        t->cb(t->opaque);       /* may re-arm t or others */
        pthread_mutex_lock(&loop->lock);
        ran = true;
    }
    if (ran) {                  /* the head changed: the alarm looks again */
        pthread_cond_signal(&loop->alarm_cond);
    }
    pthread_mutex_unlock(&loop->lock);
}

void event_loop_wait(EventLoop *loop)
{
    pthread_mutex_lock(&loop->lock);
    while (!loop->notified && next_deadline(loop) > clock_ns()) {
        wait_until(loop, &loop->main_cond, next_deadline(loop));
    }
    loop->notified = false;
    pthread_mutex_unlock(&loop->lock);
}

void event_loop_notify(EventLoop *loop)
{
    pthread_mutex_lock(&loop->lock);
    loop->notified = true;
    pthread_cond_signal(&loop->main_cond);
    pthread_mutex_unlock(&loop->lock);
    loop->kick(loop->opaque);
}
