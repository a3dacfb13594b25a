/* SPDX-License-Identifier: MIT */
/*
 * Private to frontend/arm: fault status codes, exception entry, CP15
 * register lookup and the helpers generated code calls (helper.c).
 */
#ifndef FRONTEND_ARM_INTERNALS_H
#define FRONTEND_ARM_INTERNALS_H

#include "frontend/arm/cpu.h"
#include "tcg/ir.h"

/* Short-descriptor fault status values (DFSR/IFSR) */
#define ARM_FSR_ALIGN 0x001u
#define ARM_FSR_DEBUG 0x002u
#define ARM_FSR_EXTERNAL 0x008u
#define ARM_FSR_WNR (1u << 11)
#define ARM_FSR_LPAE (1u << 9)      /* long-descriptor format */
#define TTBCR_EAE (1u << 31)

/* The FSR for a short-format status, converted when TTBCR.EAE selects
 * the long-descriptor format (alignment, debug, external abort). */
static inline uint32_t arm_fsr_simple(const ARMCPU *cpu, uint32_t fsr)
{
    if (!(cpu->cp15.ttbcr & TTBCR_EAE)) {
        return fsr;
    }
    switch (fsr) {
    case ARM_FSR_ALIGN: return ARM_FSR_LPAE | 0x21;
    case ARM_FSR_DEBUG: return ARM_FSR_LPAE | 0x22;
    default: return ARM_FSR_LPAE | 0x10;
    }
}

/* mmu.c */
bool arm_tlb_fill(CPUCommon *c, uint64_t vaddr, int size,
                  MMUAccessType access, int mmu_idx, bool probe,
                  uintptr_t retaddr);
uint64_t arm_ats(ARMCPU *cpu, uint32_t va, bool user, bool write);

/* gtimer.c: CP15 c14 registers (id: ARM_GT_REG_*) */
enum {
    ARM_GT_REG_FRQ, ARM_GT_REG_KCTL, ARM_GT_REG_PCT, ARM_GT_REG_VCT,
    ARM_GT_REG_P_CTL, ARM_GT_REG_P_TVAL, ARM_GT_REG_P_CVAL,
    ARM_GT_REG_V_CTL, ARM_GT_REG_V_TVAL, ARM_GT_REG_V_CVAL,
};
void arm_gt_reset(ARMCPU *cpu);
uint64_t arm_gt_read(ARMCPU *cpu, int reg);
void arm_gt_write(ARMCPU *cpu, int reg, uint64_t val);

/* excp.c */
void arm_do_interrupt(CPUCommon *c);
static inline void arm_set_excp(ARMCPU *cpu, int excp)
{
    cpu->common.exception_index = excp;
    cpu->pending_excp = excp;
}

/* cp15.c: a coprocessor register of MCR/MRC (coproc 15, or 14 read-only) */
typedef struct ARMCPReg ARMCPReg;
enum {
    ARM_CP_PL0_R = 1 << 0,      /* user mode may read */
    ARM_CP_PL0_W = 1 << 1,      /* user mode may write */
    ARM_CP_RO = 1 << 2,         /* writes UNDEFINED */
    ARM_CP_WO = 1 << 3,         /* reads UNDEFINED */
    ARM_CP_NOP = 1 << 4,        /* no state: reads 0, writes ignored */
    ARM_CP_END_TB = 1 << 5,     /* writes change translation state */
    ARM_CP_FLUSH = 1 << 6,      /* writes change the memory map: TLB flush */
};
#define ARM_CP_KEY(cp, opc1, crn, crm, opc2)                               \
    (((uint32_t)(cp) << 16) | ((opc1) << 12) | ((crn) << 8) | ((crm) << 4) | \
     (opc2))
/* 64-bit registers (MCRR/MRRC): no crn/opc2 */
#define ARM_CP_KEY64(cp, opc1, crm)                                         \
    (ARM_CP_KEY(cp, opc1, 0, crm, 0) | (1u << 24))
/* The register's flags, or -1 if no such register exists. */
int arm_cp_lookup(const ARMCPU *cpu, uint32_t key);
/* Plain-storage register (no side effects): its offset in ARMCPU and
 * writable bits, so generated code reads and writes it inline; else -1. */
int arm_cp_field(const ARMCPU *cpu, uint32_t key, uint32_t *wmask);
uint32_t arm_cp_read(ARMCPU *cpu, uint32_t key);
void arm_cp_write(ARMCPU *cpu, uint32_t key, uint32_t val);
uint64_t arm_cp_read64(ARMCPU *cpu, uint32_t key);
void arm_cp_write64(ARMCPU *cpu, uint32_t key, uint64_t val);

/* helper.c: descriptors for ir_call (first argument is always env) */
extern const IRHelper arm_helper_exception;
extern const IRHelper arm_helper_cpsr_read;
extern const IRHelper arm_helper_cpsr_write;
extern const IRHelper arm_helper_exception_return;
extern const IRHelper arm_helper_get_user_reg;
extern const IRHelper arm_helper_set_user_reg;
extern const IRHelper arm_helper_sdiv;
extern const IRHelper arm_helper_udiv;
extern const IRHelper arm_helper_cp_read;
extern const IRHelper arm_helper_cp_write;
extern const IRHelper arm_helper_cp_read64;
extern const IRHelper arm_helper_cp_write64;
extern const IRHelper arm_helper_wfi;
extern const IRHelper arm_helper_semihost;
extern const IRHelper arm_helper_psci;
extern const IRHelper arm_helper_spsr_write;
extern const IRHelper arm_helper_srs;
extern const IRHelper arm_helper_shift_cc[4];

#endif
