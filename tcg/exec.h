/* SPDX-License-Identifier: MIT */
/*
 * The execution loop: find or translate the TB for the CPU's state, run
 * it, chain it to its successor, and handle what made it exit (exception,
 * interrupt, halt, exit request).
 *
 *   cpu_common_init(&s->common, &arm_cpu_class, as, tbc);
 *   int why = cpu_exec(&s->common);   -- returns when the CPU stops
 */
#ifndef TCG_EXEC_H
#define TCG_EXEC_H

#include "tcg/cpu.h"
#include "tcg/tb.h"

void cpu_common_init(CPUCommon *cpu, const CPUClass *cc, AddressSpace *as,
                     TBCache *tbc);
/*
 * Run until the CPU stops: returns EXCP_EXIT (cpu->exit_code holds the
 * status), or EXCP_HLT when it halted with no way to wake it, or
 * EXCP_INTERRUPT when cpu_exit() asked it to return.
 */
int cpu_exec(CPUCommon *cpu);
/* Ask the CPU to leave generated code soon (any thread, signal safe). */
void cpu_exit(CPUCommon *cpu);
/* Print the -d stats counters of the CPU and its TB cache. */
void cpu_print_stats(CPUCommon *cpu, FILE *out);

#endif
