/* SPDX-License-Identifier: MIT */
/*
 * Taking an exception into the guest (ARM ARM B1.8): pick the mode and
 * vector, bank the registers, save CPSR to the new mode's SPSR, set LR
 * with the offset the architecture defines, mask interrupts.
 */
#include "frontend/arm/cpu.h"
#include "frontend/arm/internals.h"
#include "hw/core/log.h"
#include "tcg/exec.h"

typedef struct ARMExcpInfo {
    uint32_t mode;
    uint32_t vector;        /* offset from the vector base */
    uint32_t lr_off;        /* LR = regs[15] + lr_off (ARM state) */
    uint32_t mask;          /* CPSR bits set on entry */
    const char *name;
} ARMExcpInfo;

/*
 * regs[15] holds the faulting instruction for synchronous exceptions and
 * the next instruction to run for IRQ/FIQ.
 */
static const ARMExcpInfo arm_excp_info[] = {
    [ARM_EXCP_UDEF] = { ARM_MODE_UND, 0x04, 4, CPSR_I, "undef" },
    [ARM_EXCP_SWI] = { ARM_MODE_SVC, 0x08, 4, CPSR_I, "svc" },
    [ARM_EXCP_PREFETCH_ABORT] = { ARM_MODE_ABT, 0x0c, 4, CPSR_I | CPSR_A,
                                  "prefetch abort" },
    [ARM_EXCP_DATA_ABORT] = { ARM_MODE_ABT, 0x10, 8, CPSR_I | CPSR_A,
                              "data abort" },
    [ARM_EXCP_IRQ] = { ARM_MODE_IRQ, 0x18, 4, CPSR_I | CPSR_A, "irq" },
    [ARM_EXCP_FIQ] = { ARM_MODE_FIQ, 0x1c, 4, CPSR_I | CPSR_A | CPSR_F,
                       "fiq" },
    [ARM_EXCP_BKPT] = { ARM_MODE_ABT, 0x0c, 4, CPSR_I | CPSR_A, "bkpt" },
};

static uint32_t arm_vector_base(const ARMCPU *cpu)
{
    return (cpu->cp15.sctlr & SCTLR_V) ? 0xffff0000u : cpu->cp15.vbar;
}

void arm_do_interrupt(CPUCommon *c)
{
    ARMCPU *cpu = arm_cpu(c);
    int excp = c->exception_index > 0 && c->exception_index <= ARM_EXCP_BKPT
                   ? c->exception_index : cpu->pending_excp;
    cpu->pending_excp = 0;
    if (excp <= 0 || excp > ARM_EXCP_BKPT) {
        log_mask(LOG_GUEST_ERROR, "arm: unknown exception %d\n", excp);
        return;
    }
    const ARMExcpInfo *e = &arm_excp_info[excp];
    uint32_t old_cpsr = arm_cpsr_read(cpu);
    uint32_t lr = cpu->regs[15] + e->lr_off;
    if ((old_cpsr & CPSR_T) &&
        (excp == ARM_EXCP_UDEF || excp == ARM_EXCP_SWI)) {
        /*
         * Thumb: LR = the insn + 2 whatever its length (ARM ARM B1.8.3);
         * for a 32-bit UNDEF that is its second halfword, which is where
         * Linux reads it from (and then skips 2 more bytes itself).
         */
        lr = cpu->regs[15] + 2;
    }
    if (excp == ARM_EXCP_BKPT) {
        cpu->cp15.ifsr = arm_fsr_simple(cpu, ARM_FSR_DEBUG);
        cpu->cp15.ifar = cpu->regs[15];
    }
    log_mask(LOG_INT, "arm: %s at pc 0x%08x -> vector 0x%08x\n", e->name,
             cpu->regs[15], arm_vector_base(cpu) + e->vector);
    arm_switch_mode(cpu, e->mode);
    uint32_t rest = cpu->cpsr_rest & ~(CPSR_M | CPSR_IT | CPSR_J | CPSR_T |
                                       CPSR_E);
    rest |= e->mode | e->mask;
    if (cpu->cp15.sctlr & SCTLR_TE) {
        rest |= CPSR_T;
    }
    if (cpu->cp15.sctlr & SCTLR_EE) {
        rest |= CPSR_E;
    }
    cpu->cpsr_rest = rest;
    cpu->spsr = old_cpsr;
    cpu->regs[14] = lr;
    cpu->regs[15] = arm_vector_base(cpu) + e->vector;
    c->halted = false;
}

_Noreturn void arm_raise_exception(ARMCPU *cpu, int excp)
{
    arm_set_excp(cpu, excp);
    cpu_loop_exit(&cpu->common);
}
