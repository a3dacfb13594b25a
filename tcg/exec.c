/* SPDX-License-Identifier: MIT */
/*
 * The execution loop (see exec.h).  One iteration: deliver a pending
 * exception or interrupt, find the TB for the CPU's state, chain the
 * previous TB's exit to it, run it.  Guest exceptions raised inside
 * generated code or helpers unwind here with siglongjmp.
 */
#include <string.h>

#include "hw/core/log.h"
#include "tcg/backend.h"
#include "tcg/exec.h"
#include "tcg/softmmu.h"

/* RAM written behind the CPU's back (DMA, loaders): drop stale code. */
static void tb_ram_write_notify(void *opaque, uint64_t addr, uint64_t len)
{
    tb_invalidate_phys_range(opaque, addr, addr + len);
}

void cpu_common_init(CPUCommon *cpu, const CPUClass *cc, AddressSpace *as,
                     TBCache *tbc)
{
    as->ram_write_notify = tb_ram_write_notify;
    as->ram_write_opaque = tbc;
    cpu->cc = cc;
    cpu->as = as;
    cpu->exception_index = EXCP_NONE;
    tlb_flush(cpu);
    tbc_add_cpu(tbc, cpu);
}

void cpu_loop_exit(CPUCommon *cpu)
{
    tcg_interp_retaddr = 0;
    siglongjmp(cpu->jmp_env, 1);
}

bool cpu_restore_state(CPUCommon *cpu, uintptr_t retaddr)
{
    TB *tb = retaddr ? tb_find_by_host_pc(cpu->tbc, retaddr) : NULL;
    uint32_t off;
    int i;

    if (!tb || !tb->icount) {
        return false;
    }
    /* retaddr points after the start of the faulting insn's code. */
    off = (uint32_t)(retaddr - (uintptr_t)tb->tc_ptr);
    for (i = 1; i < (int)tb->icount && tb->insns[i].host_off < off; i++) {
    }
    cpu->cc->restore_state_to_opc(cpu, tb->insns[i - 1].data);
    return true;
}

void cpu_loop_exit_restore(CPUCommon *cpu, uintptr_t retaddr)
{
    cpu_restore_state(cpu, retaddr);
    cpu_loop_exit(cpu);
}

void cpu_loop_exit_noexc(CPUCommon *cpu, uintptr_t retaddr)
{
    cpu_restore_state(cpu, retaddr);
    cpu->exception_index = EXCP_NONE;
    cpu_loop_exit(cpu);
}

void cpu_exit(CPUCommon *cpu)
{
    cpu->return_request = true;
    cpu->exit_request = 1;
}

/* Returns a stop reason (>= 0) or -1 to keep running. */
static int cpu_handle_exception(CPUCommon *cpu)
{
    int ei = cpu->exception_index;

    if (ei == EXCP_NONE) {
        return -1;
    }
    if (ei < EXCP_INTERRUPT) {
        /* A guest exception: the frontend reads exception_index. */
        cpu->stats.exceptions++;
        log_mask(LOG_INT, "exception %d\n", ei);
        cpu->cc->do_interrupt(cpu);
        cpu->exception_index = EXCP_NONE;
        return -1;
    }
    cpu->exception_index = EXCP_NONE;
    switch (ei) {
    case EXCP_EXIT:
        cpu->stopped = true;
        return EXCP_EXIT;
    case EXCP_HLT:
        cpu->halted = true;
        return -1;
    default:    /* EXCP_INTERRUPT, EXCP_YIELD, EXCP_DEBUG */
        return -1;
    }
}

/* Exit requests, interrupts and halt; stop reason or -1. */
static int cpu_handle_requests(CPUCommon *cpu)
{
    if (cpu->exit_request) {
        cpu->exit_request = 0;
        cpu->tb_exit_last = 0;
    }
    if (cpu->interrupt_request && cpu->cc->exec_interrupt &&
        cpu->cc->exec_interrupt(cpu)) {
        cpu->halted = false;
        cpu->tb_exit_last = 0;
    }
    if (cpu->return_request) {
        cpu->return_request = false;
        return EXCP_INTERRUPT;
    }
    if (cpu->stopped) {
        return EXCP_EXIT;
    }
    return cpu->halted ? EXCP_HLT : -1;
}

static void cpu_log_tb(CPUCommon *cpu, const TB *tb)
{
    FILE *out = log_out();

    if (log_enabled(LOG_CPU) && cpu->cc->dump_state) {
        cpu->cc->dump_state(cpu, out);
    }
    if (log_enabled(LOG_EXEC)) {
        fprintf(out, "Trace %d: %p [%08llx/%08x] \n", cpu->cpu_index,
                (void *)tb->tc_ptr, (unsigned long long)tb->pc, tb->flags);
    }
}

static void cpu_run_tb(CPUCommon *cpu)
{
    TBCache *tbc = cpu->tbc;
    uint32_t cflags = cpu->cflags_next_tb;
    uint64_t pc;
    uint32_t flags;
    uint64_t flushes = tbc->flushes;
    uintptr_t last = cpu->tb_exit_last;

    cpu->cflags_next_tb = 0;
    cpu->cc->get_tb_cpu_state(cpu, &pc, &flags);
    TB *tb = tb_lookup(cpu, pc, flags, cflags);
    if (log_level_mask & (LOG_EXEC | LOG_CPU)) {
        cpu_log_tb(cpu, tb);
        last = 0;   /* unchained, every TB passes here and is logged */
    }
    if (last && tbc->flushes == flushes && !cflags) {
        TB *prev = (TB *)(last & ~(uintptr_t)TB_EXIT_MASK);
        int n = last & TB_EXIT_MASK;
        if (!prev->jmp_dest[n]) {
            tb_add_jump(tbc, prev, n, tb);
            cpu->stats.chained += prev->jmp_dest[n] != NULL;
        }
    }
    uintptr_t ret = tbc->backend->exec(tbc->backend_ctx, cpu, tb);
    cpu->stats.exits++;
    if ((ret & TB_EXIT_MASK) == TB_EXIT_REQUESTED) {
        /*
         * The TB saw exit_request at entry and ran nothing.  It may have
         * been reached by a chained jump, which does not store the pc:
         * restore the state of its first instruction.
         */
        TB *req = (TB *)(ret & ~(uintptr_t)TB_EXIT_MASK);
        if (req->icount) {
            cpu->cc->restore_state_to_opc(cpu, req->insns[0].data);
        }
        cpu->tb_exit_last = 0;
    } else if (!ret) {
        cpu->tb_exit_last = 0;
    } else {
        cpu->tb_exit_last = ret;
    }
}

int cpu_exec(CPUCommon *cpu)
{
    int r;

    cpu->tb_exit_last = 0;
    if (sigsetjmp(cpu->jmp_env, 0) != 0) {
        /* A guest exception or an exit unwound from generated code. */
        tcg_interp_retaddr = 0;
        cpu->tb_exit_last = 0;
    }
    for (;;) {
        r = cpu_handle_exception(cpu);
        if (r < 0) {
            r = cpu_handle_requests(cpu);
        }
        if (r >= 0) {
            return r;
        }
        cpu_run_tb(cpu);
    }
}

void cpu_print_stats(CPUCommon *cpu, FILE *out)
{
    TBCache *tbc = cpu->tbc;

    fprintf(out, "mosaic stats: cpu %d\n", cpu->cpu_index);
    fprintf(out, "  TBs translated     %llu\n",
            (unsigned long long)cpu->stats.tbs);
    fprintf(out, "  jumps chained      %llu\n",
            (unsigned long long)cpu->stats.chained);
    fprintf(out, "  exits to loop      %llu\n",
            (unsigned long long)cpu->stats.exits);
    fprintf(out, "  TLB misses         %llu\n",
            (unsigned long long)cpu->stats.tlb_misses);
    fprintf(out, "  helper calls       %llu\n",
            (unsigned long long)cpu->stats.helper_calls);
    fprintf(out, "  guest exceptions   %llu\n",
            (unsigned long long)cpu->stats.exceptions);
    fprintf(out, "  code buffer        %zu of %zu bytes, %llu flushes\n",
            tbc->code_used, tbc->code_size,
            (unsigned long long)tbc->flushes);
}
