/* SPDX-License-Identifier: MIT */
/*
 * ARMv7-A CPU: models, reset, CPSR and register banking, and the CPUClass
 * hooks the exec loop and soft-MMU call (state for TB lookup, restore,
 * TLB fill with the MMU off, bus and alignment faults).  Exception entry
 * lives in excp.c, CP15 in cp15.c.
 */
#include <stdlib.h>
#include <string.h>

#include "frontend/arm/cpu.h"
#include "frontend/arm/internals.h"
#include "hw/core/log.h"
#include "tcg/exec.h"
#include "tcg/softmmu.h"
#include "tcg/translator.h"

extern const FrontendOps arm_frontend;

/*
 * ID registers as the silicon reports them (Technical Reference Manuals),
 * except for what is not modelled: VFP/NEON (MVFR, CPACR), and the
 * Security and Virtualization Extensions (ID_PFR1, and ID_DFR0's secure
 * debug fields), as qemu-system-arm's virt reports without EL3/EL2.
 */
static const ARMCPUModel arm_models[] = {
    {
        .name = "cortex-a15", .desc = "ARM Cortex-A15 r4p0 (default)",
        .midr = 0x414fc0f0, .ctr = 0x8444c004, .mpidr_base = 0x80000000,
        .id_pfr0 = 0x00001131, .id_pfr1 = 0x00010001,
        .id_dfr0 = 0x02010505, .id_afr0 = 0, .dbgdidr = 0x3515f021,
        .id_mmfr = { 0x10201105, 0x20000000, 0x01240000, 0x02102211 },
        .id_isar = { 0x02101110, 0x13112111, 0x21232041, 0x11112131,
                     0x10011142, 0 },
        .clidr = 0x0a200023, .ccsidr = { 0x701fe00a, 0x201fe00a },
        .reset_sctlr = 0x00c50078, .has_div = true, .has_gtimer = true,
    },
    {
        .name = "cortex-a7", .desc = "ARM Cortex-A7 r0p5",
        .midr = 0x410fc075, .ctr = 0x84448003, .mpidr_base = 0x80000000,
        .id_pfr0 = 0x00001131, .id_pfr1 = 0x00010001,
        .id_dfr0 = 0x02010505, .id_afr0 = 0, .dbgdidr = 0x3515f005,
        .id_mmfr = { 0x10101105, 0x40000000, 0x01240000, 0x02102211 },
        .id_isar = { 0x02101110, 0x13112111, 0x21232041, 0x11112131,
                     0x10011142, 0 },
        .clidr = 0x0a200023, .ccsidr = { 0x701fe00a, 0x201fe00a },
        .reset_sctlr = 0x00c50078, .has_div = true, .has_gtimer = true,
    },
    {
        .name = "cortex-a9", .desc = "ARM Cortex-A9 r0p0",
        .midr = 0x410fc090, .ctr = 0x80038003, .mpidr_base = 0x80000000,
        .id_pfr0 = 0x00001031, .id_pfr1 = 0x00000001,
        .id_dfr0 = 0x00000000, .id_afr0 = 0, .dbgdidr = 0x35141000,
        .id_mmfr = { 0x00100103, 0x20000000, 0x01230000, 0x00002111 },
        .id_isar = { 0x00101111, 0x13112111, 0x21232041, 0x11112131,
                     0x00111142, 0 },
        .clidr = 0x09000003, .ccsidr = { 0xe00fe019, 0x200fe019 },
        .reset_sctlr = 0x00c50078, .has_div = false,
    },
};

#define ARM_NB_MODELS (sizeof(arm_models) / sizeof(arm_models[0]))

void arm_cpu_list(FILE *out)
{
    for (size_t i = 0; i < ARM_NB_MODELS; i++) {
        fprintf(out, "  %-12s %s\n", arm_models[i].name, arm_models[i].desc);
    }
}

static const ARMCPUModel *arm_model_find(const char *name)
{
    if (!name) {
        return &arm_models[0];
    }
    for (size_t i = 0; i < ARM_NB_MODELS; i++) {
        if (strcmp(arm_models[i].name, name) == 0) {
            return &arm_models[i];
        }
    }
    return NULL;
}

static void arm_semihost_default_write(void *opaque, const char *buf,
                                       size_t len)
{
    /* qemu-system-arm 7.2 -semihosting writes the console to stderr */
    (void)opaque;
    fwrite(buf, 1, len, stderr);
    fflush(stderr);
}

ARMCPU *arm_cpu_new(const char *model, AddressSpace *as, TBCache *tbc)
{
    const ARMCPUModel *m = arm_model_find(model);
    if (!m) {
        return NULL;
    }
    ARMCPU *cpu = calloc(1, sizeof(*cpu));
    if (!cpu) {
        return NULL;
    }
    cpu_common_init(&cpu->common, &arm_cpu_class, as, tbc);
    cpu->model = m;
    cpu->semihost_write = arm_semihost_default_write;
    arm_cpu_reset(cpu);
    return cpu;
}

void arm_cpu_free(ARMCPU *cpu)
{
    free(cpu);
}

/* Bare-metal entry as QEMU's -kernel for an ELF: SVC, A/I/F masked, ARM. */
void arm_cpu_reset(ARMCPU *cpu)
{
    const ARMCPUModel *m = cpu->model;
    size_t off = offsetof(ARMCPU, regs);
    memset((uint8_t *)cpu + off, 0, offsetof(ARMCPU, cp15) - off);
    memset(&cpu->cp15, 0, sizeof(cpu->cp15));
    cpu->cpsr_rest = ARM_MODE_SVC | CPSR_A | CPSR_I | CPSR_F;
    cpu->ZF = 1;
    cpu->exclusive_addr = UINT32_MAX;
    cpu->cp15.sctlr = m->reset_sctlr;
    cpu->mpidr = m->mpidr_base | (uint32_t)cpu->common.cpu_index;
    cpu->common.halted = false;
    cpu->common.exception_index = EXCP_NONE;
    cpu->common.interrupt_request = 0;
    cpu->irq_level = cpu->fiq_level = false;
    arm_gt_reset(cpu);
    tlb_flush(&cpu->common);
}

void arm_cpu_set_pc(ARMCPU *cpu, uint32_t pc)
{
    cpu->regs[15] = pc & ~1u;
    if (pc & 1) {
        cpu->cpsr_rest |= CPSR_T;       /* an odd entry is Thumb code */
    } else {
        cpu->cpsr_rest &= ~CPSR_T;
    }
}

void arm_cpu_set_irq(void *opaque, int line, int level)
{
    ARMCPU *cpu = opaque;
    uint32_t bit = line ? ARM_INTERRUPT_FIQ : ARM_INTERRUPT_IRQ;
    if (line) {
        cpu->fiq_level = level != 0;
    } else {
        cpu->irq_level = level != 0;
    }
    if (level) {
        cpu->common.interrupt_request |= bit;
        cpu_exit(&cpu->common);
    } else {
        cpu->common.interrupt_request &= ~bit;
    }
}

/* ---- CPSR and banks ---- */

int arm_mode_bank(uint32_t mode)
{
    switch (mode) {
    case ARM_MODE_USR:
    case ARM_MODE_SYS:
        return ARM_BANK_USR;
    case ARM_MODE_FIQ:
        return ARM_BANK_FIQ;
    case ARM_MODE_IRQ:
        return ARM_BANK_IRQ;
    case ARM_MODE_SVC:
        return ARM_BANK_SVC;
    case ARM_MODE_ABT:
        return ARM_BANK_ABT;
    case ARM_MODE_UND:
        return ARM_BANK_UND;
    default:
        return -1;
    }
}

uint32_t arm_cpsr_read(ARMCPU *cpu)
{
    return (cpu->NF & 0x80000000u) | ((cpu->ZF == 0) << 30) |
           ((cpu->CF & 1) << 29) | ((cpu->VF >> 31) << 28) |
           ((cpu->QF != 0) << 27) | ((cpu->GE & 0xf) << 16) |
           cpu->cpsr_rest;
}

void arm_switch_mode(ARMCPU *cpu, uint32_t mode)
{
    uint32_t old = arm_cpu_mode(cpu);
    int ob = arm_mode_bank(old), nb = arm_mode_bank(mode);
    if (old == mode || ob < 0 || nb < 0) {
        return;
    }
    if (old == ARM_MODE_FIQ) {
        memcpy(cpu->fiq_regs, &cpu->regs[8], sizeof(cpu->fiq_regs));
        memcpy(&cpu->regs[8], cpu->usr_regs, sizeof(cpu->usr_regs));
    } else if (mode == ARM_MODE_FIQ) {
        memcpy(cpu->usr_regs, &cpu->regs[8], sizeof(cpu->usr_regs));
        memcpy(&cpu->regs[8], cpu->fiq_regs, sizeof(cpu->fiq_regs));
    }
    cpu->banked_r13[ob] = cpu->regs[13];
    cpu->banked_r14[ob] = cpu->regs[14];
    cpu->banked_spsr[ob] = cpu->spsr;
    cpu->regs[13] = cpu->banked_r13[nb];
    cpu->regs[14] = cpu->banked_r14[nb];
    cpu->spsr = cpu->banked_spsr[nb];
}

void arm_cpsr_write(ARMCPU *cpu, uint32_t val, uint32_t mask)
{
    if (mask & CPSR_NZCV) {
        cpu->NF = val & 0x80000000u;
        cpu->ZF = (~val) & 0x40000000u;
        cpu->CF = (val >> 29) & 1;
        cpu->VF = val << 3;
    }
    if (mask & CPSR_Q) {
        cpu->QF = val & CPSR_Q;
    }
    if (mask & CPSR_GE) {
        cpu->GE = (val >> 16) & 0xf;
    }
    if ((mask & CPSR_M) && ((val ^ cpu->cpsr_rest) & CPSR_M)) {
        if (arm_mode_bank(val & CPSR_M) < 0) {
            log_mask(LOG_GUEST_ERROR, "arm: CPSR write to unsupported mode "
                     "0x%x ignored\n", val & CPSR_M);
            mask &= ~CPSR_M;
        } else {
            arm_switch_mode(cpu, val & CPSR_M);
        }
    }
    mask &= CPSR_REST_MASK;
    cpu->cpsr_rest = (cpu->cpsr_rest & ~mask) | (val & mask);
}

/* ---- CPUClass hooks ---- */

static void arm_get_tb_cpu_state(CPUCommon *c, uint64_t *pc, uint32_t *flags)
{
    ARMCPU *cpu = arm_cpu(c);
    uint32_t f = 0;
    if (arm_cpu_mode(cpu) != ARM_MODE_USR) {
        f |= ARM_TBFLAG_PRIV;
    }
    if (cpu->cpsr_rest & CPSR_T) {
        f |= ARM_TBFLAG_THUMB;
        f |= arm_cpsr_to_it(cpu->cpsr_rest) << ARM_TBFLAG_IT_SHIFT;
    }
    if (cpu->cpsr_rest & CPSR_E) {
        f |= ARM_TBFLAG_BE_DATA;
    }
    if (cpu->cp15.sctlr & SCTLR_A) {
        f |= ARM_TBFLAG_ALIGN;
    }
    if (cpu->semihosting) {
        f |= ARM_TBFLAG_SEMIHOST;
    }
    if (cpu->cp15.sctlr & SCTLR_SW) {
        f |= ARM_TBFLAG_SWP;
    }
    *pc = cpu->regs[15];
    *flags = f;
}

static void arm_restore_state_to_opc(CPUCommon *c, const uint64_t *data)
{
    ARMCPU *cpu = arm_cpu(c);
    cpu->regs[15] = (uint32_t)data[0];
    if (cpu->cpsr_rest & CPSR_T) {
        cpu->cpsr_rest = (cpu->cpsr_rest & ~CPSR_IT) |
                         arm_it_to_cpsr((uint32_t)data[1]);
    }
}

static int arm_mmu_index(CPUCommon *c, bool ifetch)
{
    (void)ifetch;
    return arm_cpu_mode(arm_cpu(c)) == ARM_MODE_USR ? ARM_MMU_IDX_USER
                                                   : ARM_MMU_IDX_PRIV;
}

static void arm_do_transaction_failed(CPUCommon *c, uint64_t vaddr,
                                      uint64_t paddr, MMUAccessType access,
                                      int mmu_idx, uintptr_t retaddr)
{
    ARMCPU *cpu = arm_cpu(c);
    (void)paddr, (void)mmu_idx;
    log_mask(LOG_GUEST_ERROR, "arm: external abort at 0x%08x (%s)\n",
             (uint32_t)vaddr, access == MMU_INST_FETCH ? "fetch" :
             access == MMU_DATA_STORE ? "store" : "load");
    if (access == MMU_INST_FETCH) {
        cpu->cp15.ifsr = arm_fsr_simple(cpu, ARM_FSR_EXTERNAL);
        cpu->cp15.ifar = (uint32_t)vaddr;
        cpu->regs[15] = (uint32_t)vaddr;
        arm_set_excp(cpu, ARM_EXCP_PREFETCH_ABORT);
        cpu_loop_exit(c);
    }
    cpu->cp15.dfsr = arm_fsr_simple(cpu, ARM_FSR_EXTERNAL) |
                     (access == MMU_DATA_STORE ? ARM_FSR_WNR : 0);
    cpu->cp15.dfar = (uint32_t)vaddr;
    arm_set_excp(cpu, ARM_EXCP_DATA_ABORT);
    cpu_loop_exit_restore(c, retaddr);
}

static void arm_do_unaligned_access(CPUCommon *c, uint64_t vaddr,
                                    MMUAccessType access, int mmu_idx,
                                    uintptr_t retaddr)
{
    ARMCPU *cpu = arm_cpu(c);
    (void)mmu_idx;
    if (access == MMU_INST_FETCH) {
        cpu->cp15.ifsr = arm_fsr_simple(cpu, ARM_FSR_ALIGN);
        cpu->cp15.ifar = (uint32_t)vaddr;
        arm_set_excp(cpu, ARM_EXCP_PREFETCH_ABORT);
        cpu_loop_exit_restore(c, retaddr);
    }
    cpu->cp15.dfsr = arm_fsr_simple(cpu, ARM_FSR_ALIGN) |
                     (access == MMU_DATA_STORE ? ARM_FSR_WNR : 0);
    cpu->cp15.dfar = (uint32_t)vaddr;
    arm_set_excp(cpu, ARM_EXCP_DATA_ABORT);
    cpu_loop_exit_restore(c, retaddr);
}

static bool arm_exec_interrupt(CPUCommon *c)
{
    ARMCPU *cpu = arm_cpu(c);
    if ((c->interrupt_request & ARM_INTERRUPT_FIQ) &&
        !(cpu->cpsr_rest & CPSR_F)) {
        arm_set_excp(cpu, ARM_EXCP_FIQ);
    } else if ((c->interrupt_request & ARM_INTERRUPT_IRQ) &&
               !(cpu->cpsr_rest & CPSR_I)) {
        arm_set_excp(cpu, ARM_EXCP_IRQ);
    } else {
        /* A masked interrupt still wakes WFI (the insn after it runs) */
        if (c->interrupt_request & (ARM_INTERRUPT_IRQ | ARM_INTERRUPT_FIQ)) {
            c->halted = false;
        }
        return false;
    }
    arm_do_interrupt(c);
    c->exception_index = EXCP_NONE;
    return true;
}

static void arm_dump_state(CPUCommon *c, FILE *out)
{
    ARMCPU *cpu = arm_cpu(c);
    uint32_t psr = arm_cpsr_read(cpu);
    for (int i = 0; i < 16; i++) {
        fprintf(out, "R%02d=%08x%s", i, cpu->regs[i], (i & 3) == 3 ? "\n"
                                                                   : " ");
    }
    fprintf(out, "PSR=%08x %c%c%c%c %c A32 mode=%02x\n", psr,
            psr & (1u << 31) ? 'N' : '-', psr & (1u << 30) ? 'Z' : '-',
            psr & (1u << 29) ? 'C' : '-', psr & (1u << 28) ? 'V' : '-',
            psr & CPSR_T ? 'T' : 'A', psr & CPSR_M);
}

const CPUClass arm_cpu_class = {
    .name = "arm",
    .translator = &arm_frontend,
    .state_size = sizeof(ARMCPU),
    .get_tb_cpu_state = arm_get_tb_cpu_state,
    .restore_state_to_opc = arm_restore_state_to_opc,
    .tlb_fill = arm_tlb_fill,
    .do_transaction_failed = arm_do_transaction_failed,
    .do_unaligned_access = arm_do_unaligned_access,
    .do_interrupt = arm_do_interrupt,
    .exec_interrupt = arm_exec_interrupt,
    .dump_state = arm_dump_state,
    .mmu_index = arm_mmu_index,
    .vaddr_mask = UINT32_MAX,
};
