/* SPDX-License-Identifier: MIT */
/*
 * The board registry (one explicit array: grep finds every board) and
 * the run loop every board shares: the CPUs round-robin on this thread
 * (cpu_exec until kicked), due timers and device polling after every
 * run, and a sleep in the event loop while every CPU is halted (WFI).
 */
#include <string.h>
#include <time.h>

#include "hw/core/log.h"
#include "machines/machine.h"
#include "tcg/exec.h"

const MachineInfo *const machine_registry[] = {
    &virt_machine,
    NULL,
};

const MachineInfo *machine_find(const char *name)
{
    for (int i = 0; machine_registry[i]; i++) {
        if (strcmp(machine_registry[i]->name, name) == 0) {
            return machine_registry[i];
        }
    }
    return NULL;
}

void machine_print_list(FILE *out)
{
    fprintf(out, "Supported machines are:\n");
    for (int i = 0; machine_registry[i]; i++) {
        fprintf(out, "%-20s %s\n", machine_registry[i]->name,
                machine_registry[i]->desc);
    }
}

/* Alarm thread (or a notifier): make the running CPU come back.  Every
 * CPU is kicked; a turn starts by dropping a kick meant for another. */
static void machine_kick(void *opaque)
{
    Machine *m = opaque;

    for (int i = 0; i < m->ncpus; i++) {
        cpu_exit(m->cpus[i]);
    }
}

void machine_request_quit(void *opaque)
{
    Machine *m = opaque;

    m->quit_requested = 1;
    machine_kick(m);
}

void machine_request_reset(Machine *m)
{
    m->reset_requested = true;
    machine_kick(m);
}

/* Input while the CPUs run is polled at the next sync: only a sleeping
 * machine needs waking. */
void machine_notify(void *opaque)
{
    Machine *m = opaque;

    if (m->loop && m->sleeping) {
        event_loop_notify(m->loop);
    }
}

static void machine_timer_nop(void *opaque)
{
    /* The alarm thread already kicked the CPU: nothing more to do. */
}

bool machine_init_loop(Machine *m)
{
    m->loop = event_loop_new(machine_kick, m);
    if (!m->loop) {
        return false;
    }
    timer_init(&m->slice, m->loop, machine_timer_nop, m);
    timer_init(&m->idle_poll, m->loop, machine_timer_nop, m);
    return true;
}

void machine_add_cpu(Machine *m, CPUCommon *cpu)
{
    if (m->ncpus == 0) {
        m->cpu = cpu;
    }
    m->cpus[m->ncpus++] = cpu;
}

/* Due timers, then the board's device polling. */
static void machine_sync(Machine *m)
{
    if (m->loop) {
        event_loop_run_timers(m->loop);
    }
    if (m->sync) {
        m->sync(m);
    }
}

static bool machine_cpu_runnable(const Machine *m, int i)
{
    const CPUCommon *cpu = m->cpus[i];

    return !m->cpu_off[i] && !cpu->stopped &&
           (!cpu->halted || cpu->interrupt_request);
}

static bool machine_others_runnable(const Machine *m, int self)
{
    for (int i = 0; i < m->ncpus; i++) {
        if (i != self && machine_cpu_runnable(m, i)) {
            return true;
        }
    }
    return false;
}

void machine_cpu_woken(Machine *m, int i)
{
    if (m->ncpus > 1 && i != m->current_cpu) {
        cpu_exit(m->cpus[m->current_cpu]);
    }
}

/*
 * Every CPU halted (WFI) or off: sleep until a timer is due or input
 * arrives.  A signal cannot wake the sleep, so it is bounded by
 * MACHINE_IDLE_POLL_NS to notice quit requests.
 */
#define MACHINE_IDLE_POLL_NS (100 * 1000 * 1000)
/* Also how late the board notices a guest re-programming its timers
 * while it runs (it does at every return of cpu_exec). */
#define MACHINE_SLICE_NS (2 * 1000 * 1000)
/*
 * With several runnable vCPUs on one thread a waiter spins until the
 * next switch (Linux's stop_machine and IPI waits do not use WFE on
 * ARMv7): switch often.  -smp 2 armmp boot to the shell: 3.6-4.1 s with
 * 100 us, 3.7-4.5 s with 1 ms, 4.4-5.5 s with 10 ms.  A CPU running alone
 * gets no such slice: single-CPU benchmarks under -smp 2 took ~1.4x
 * their -smp 1 time with it, the same time without.
 */
#define MACHINE_SLICE_SMP_NS (100 * 1000)

static void machine_sleep(Machine *m)
{
    if (!m->has_irq_source) {
        log_mask(LOG_INT | LOG_GUEST_ERROR, "cpu halted (WFI) with no "
                 "interrupt source: waiting for C-a x\n");
        m->has_irq_source = true;   /* say it once */
    }
    timer_del(&m->slice);
    timer_mod(&m->idle_poll, clock_ns() + MACHINE_IDLE_POLL_NS);
    m->sleeping = true;
    if (!m->serial || !chardev_pending(m->serial)) {
        event_loop_wait(m->loop);
    }
    m->sleeping = false;
    machine_sync(m);
}

/*
 * Before a CPU's turn.  A kick meant for the CPU that ran before (the
 * alarm thread kicks them all) must not end this one's turn before it
 * runs: clear it (pending interrupts stay in interrupt_request).  What
 * such a kick was for is then looked at again: due timers run now (the
 * alarm thread would kick again only 1 ms later), and a quit or reset
 * asked for meanwhile ends the round.  false: do not run.
 */
static bool machine_start_turn(Machine *m, CPUCommon *cpu)
{
    bool shared;

    cpu->exit_request = 0;
    cpu->return_request = false;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);    /* clear, then look */
    if (m->loop) {
        event_loop_run_timers(m->loop);
        /* Alone (the others off or halted), a CPU runs as on a UP board:
         * whatever wakes another kicks it (machine_cpu_woken). */
        shared = machine_others_runnable(m, m->current_cpu);
        if (shared || m->slice_wanted) {
            timer_mod(&m->slice, clock_ns() + (shared ? MACHINE_SLICE_SMP_NS
                                                      : MACHINE_SLICE_NS));
        } else {
            timer_del(&m->slice);
        }
    }
    return !m->quit_requested && !m->reset_requested;
}

/* One round: each runnable CPU once; EXCP_EXIT stops, else -1. */
static int machine_round(Machine *m, bool *ran)
{
    *ran = false;
    for (int i = 0; i < m->ncpus; i++) {
        CPUCommon *cpu = m->cpus[i];
        if (!machine_cpu_runnable(m, i)) {
            continue;
        }
        m->current_cpu = i;
        if (!machine_start_turn(m, cpu)) {
            break;
        }
        if (cpu_exec(cpu) == EXCP_EXIT) {
            return EXCP_EXIT;
        }
        if (!cpu->halted) {
            *ran = true;
        }
        machine_sync(m);
    }
    return -1;
}

/* Without an event loop: halted for good means wait for C-a x. */
static void machine_wait_halted(Machine *m)
{
    struct timespec ts = { 0, 50 * 1000 * 1000 };

    log_mask(LOG_INT | LOG_GUEST_ERROR,
             "cpu halted (WFI) with no interrupt source: waiting for C-a x\n");
    while (!m->quit_requested) {
        nanosleep(&ts, NULL);
    }
}

/* The guest asked for a reset: false when the run ends instead. */
static bool machine_reboot(Machine *m, int *status)
{
    m->reset_requested = false;
    if (!m->reset) {
        return false;                   /* a board without: as -no-reboot */
    }
    if (!m->reset(m)) {
        *status = 1;
        return false;
    }
    return true;
}

int machine_run(Machine *m)
{
    int status = 0;
    CPUCommon *exited = NULL;

    while (!m->quit_requested) {
        bool ran;
        if (machine_round(m, &ran) == EXCP_EXIT) {
            for (int i = 0; i < m->ncpus; i++) {
                if (m->cpus[i]->stopped) {
                    exited = m->cpus[i];
                }
            }
            break;
        }
        if (m->reset_requested) {
            if (!machine_reboot(m, &status)) {
                break;
            }
            continue;
        }
        if (ran || m->quit_requested) {
            continue;
        }
        if (!m->loop) {
            machine_wait_halted(m);
        } else {
            machine_sleep(m);
        }
    }
    if (exited) {
        status = exited->exit_code;
    }
    if (m->loop) {
        timer_del(&m->slice);
        timer_del(&m->idle_poll);
    }
    if (log_enabled(LOG_STATS)) {
        cpu_print_stats(m->cpu, log_out());
    }
    fflush(log_out());
    return status;
}

void machine_free(Machine *m)
{
    if (m && m->free) {
        m->free(m);
    }
}
