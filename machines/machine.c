/* SPDX-License-Identifier: MIT */
/*
 * The board registry (one explicit array: grep finds every board) and
 * the run loop every board shares: cpu_exec until the guest exits, the
 * user quits, or the CPU halts for good.
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

void machine_request_quit(void *opaque)
{
    Machine *m = opaque;

    m->quit_requested = 1;
    if (m->cpu) {
        cpu_exit(m->cpu);
    }
}

/*
 * Halted with nothing that could wake the CPU (no interrupt controller
 * yet): like QEMU, sit there until the user quits.
 */
static void machine_wait_halted(Machine *m)
{
    struct timespec ts = { 0, 50 * 1000 * 1000 };

    log_mask(LOG_INT | LOG_GUEST_ERROR,
             "cpu halted (WFI) with no interrupt source: waiting for C-a x\n");
    while (!m->quit_requested) {
        nanosleep(&ts, NULL);
    }
}

int machine_run(Machine *m)
{
    int status = 0;

    for (;;) {
        int why = cpu_exec(m->cpu);
        if (why == EXCP_EXIT) {
            status = m->cpu->exit_code;
            break;
        }
        if (m->quit_requested) {
            break;
        }
        if (why == EXCP_HLT) {
            machine_wait_halted(m);
            break;
        }
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
