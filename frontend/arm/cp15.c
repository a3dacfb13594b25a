/* SPDX-License-Identifier: MIT */
/*
 * A minimal CP15 (system control coprocessor) for MCR/MRC: identification,
 * SCTLR/ACTLR/CPACR, translation table and fault registers (used by
 * mmu.c), address translation (ATS), VBAR, thread ID registers, TLB
 * maintenance (flushes), and cache and branch predictor maintenance as
 * no-ops.  Anything not in the table is UNDEFINED, as on a CPU without it.
 */
#include <stddef.h>

#include "frontend/arm/cpu.h"
#include "frontend/arm/internals.h"
#include "hw/core/log.h"
#include "tcg/softmmu.h"

enum ARMCPId {
    CP_MIDR, CP_CTR, CP_ZERO, CP_MPIDR, CP_PFR0, CP_PFR1, CP_DFR0, CP_AFR0,
    CP_MMFR0, CP_MMFR1, CP_MMFR2, CP_MMFR3,
    CP_ISAR0, CP_ISAR1, CP_ISAR2, CP_ISAR3, CP_ISAR4, CP_ISAR5,
    CP_CCSIDR, CP_CLIDR, CP_ISR,
    CP_SCTLR, CP_ATS, CP_TLBI_ALL, CP_TLBI_MVA,
    CP_TLBI_ALL_IS, CP_TLBI_MVA_IS,  /* Inner Shareable: every CPU */
    CP_FIELD,           /* plain storage: ARMCP15 field at .off */
    CP_GT,              /* generic timer register .off (gtimer.c) */
    CP_DBGDIDR,
    CP_TTBR64,          /* .off: 0 TTBR0, 1 TTBR1, 2 PAR (64-bit views) */
};

struct ARMCPReg {
    uint32_t key;
    uint16_t id;
    uint16_t flags;
    uint32_t off;       /* CP_FIELD: offsetof(ARMCP15, x) */
    uint32_t wmask;     /* CP_FIELD: writable bits */
};

#define K(opc1, crn, crm, opc2) ARM_CP_KEY(15, opc1, crn, crm, opc2)
#define RO(k, id) { k, id, ARM_CP_RO, 0, 0 }
#define FLD(k, f, fl, wm) { k, CP_FIELD, fl, offsetof(ARMCP15, f), wm }
#define NOPW(k, fl) { k, CP_ZERO, ARM_CP_WO | ARM_CP_NOP | (fl), 0, 0 }
#define TLBI(k, id) { k, id, ARM_CP_WO | ARM_CP_END_TB, 0, 0 }
#define TTB (ARM_CP_FLUSH | ARM_CP_END_TB)
#define K64(opc1, crm) ARM_CP_KEY64(15, opc1, crm)
#define GT(k, reg, fl) { k, CP_GT, fl, reg, 0 }
#define K14(opc1, crn, crm, opc2) ARM_CP_KEY(14, opc1, crn, crm, opc2)
#define DBG(k, i) FLD(k, dbg[i], 0, 0xffffffffu)
#define RAZWI(k, fl) { k, CP_ZERO, ARM_CP_NOP | (fl), 0, 0 }

static const ARMCPReg arm_cp_regs[] = {
    RO(K(0, 0, 0, 0), CP_MIDR),
    RO(K(0, 0, 0, 1), CP_CTR),
    RO(K(0, 0, 0, 2), CP_ZERO),             /* TCMTR */
    RO(K(0, 0, 0, 3), CP_ZERO),             /* TLBTR */
    RO(K(0, 0, 0, 4), CP_MIDR),
    RO(K(0, 0, 0, 5), CP_MPIDR),
    RO(K(0, 0, 0, 6), CP_ZERO),             /* REVIDR */
    RO(K(0, 0, 0, 7), CP_MIDR),
    RO(K(0, 0, 1, 0), CP_PFR0),
    RO(K(0, 0, 1, 1), CP_PFR1),
    RO(K(0, 0, 1, 2), CP_DFR0),
    RO(K(0, 0, 1, 3), CP_AFR0),
    RO(K(0, 0, 1, 4), CP_MMFR0),
    RO(K(0, 0, 1, 5), CP_MMFR1),
    RO(K(0, 0, 1, 6), CP_MMFR2),
    RO(K(0, 0, 1, 7), CP_MMFR3),
    RO(K(0, 0, 2, 0), CP_ISAR0),
    RO(K(0, 0, 2, 1), CP_ISAR1),
    RO(K(0, 0, 2, 2), CP_ISAR2),
    RO(K(0, 0, 2, 3), CP_ISAR3),
    RO(K(0, 0, 2, 4), CP_ISAR4),
    RO(K(0, 0, 2, 5), CP_ISAR5),
    RO(K(1, 0, 0, 0), CP_CCSIDR),
    RO(K(1, 0, 0, 1), CP_CLIDR),
    RO(K(1, 0, 0, 7), CP_ZERO),             /* AIDR */
    FLD(K(2, 0, 0, 0), csselr, 0, 0xf),
    { K(0, 1, 0, 0), CP_SCTLR, ARM_CP_END_TB | ARM_CP_FLUSH, 0, 0 },
    FLD(K(0, 1, 0, 1), actlr, 0, 0xffffffffu),
    FLD(K(0, 1, 0, 2), cpacr, 0, 0xc0f00000u),  /* ASEDIS, D32DIS, cp10/11 */
    FLD(K(0, 2, 0, 0), ttbr0, TTB, 0xffffffffu),
    FLD(K(0, 2, 0, 1), ttbr1, TTB, 0xffffffffu),
    FLD(K(0, 2, 0, 2), ttbcr, TTB, 0x80000037u),
    FLD(K(0, 3, 0, 0), dacr, TTB, 0xffffffffu),
    FLD(K(0, 5, 0, 0), dfsr, 0, 0xffffffffu),
    FLD(K(0, 5, 0, 1), ifsr, 0, 0xffffffffu),
    { K(0, 5, 1, 0), CP_ZERO, ARM_CP_NOP, 0, 0 },    /* ADFSR */
    { K(0, 5, 1, 1), CP_ZERO, ARM_CP_NOP, 0, 0 },    /* AIFSR */
    FLD(K(0, 6, 0, 0), dfar, 0, 0xffffffffu),
    FLD(K(0, 6, 0, 2), ifar, 0, 0xffffffffu),
    NOPW(K(0, 7, 0, 4), 0),                 /* CP15WFI (v6): no-op */
    NOPW(K(0, 7, 1, 0), 0),                 /* ICIALLUIS */
    NOPW(K(0, 7, 1, 6), 0),                 /* BPIALLIS */
    FLD(K(0, 7, 4, 0), par, 0, 0xffffffffu),
    NOPW(K(0, 7, 5, 0), 0),                 /* ICIALLU */
    NOPW(K(0, 7, 5, 1), 0),                 /* ICIMVAU */
    NOPW(K(0, 7, 5, 4), ARM_CP_PL0_W),      /* CP15ISB */
    NOPW(K(0, 7, 5, 6), 0),                 /* BPIALL */
    NOPW(K(0, 7, 5, 7), 0),                 /* BPIMVA */
    NOPW(K(0, 7, 6, 1), 0),                 /* DCIMVAC */
    NOPW(K(0, 7, 6, 2), 0),                 /* DCISW */
    { K(0, 7, 8, 0), CP_ATS, ARM_CP_WO, 0, 0 },     /* ATS1CPR */
    { K(0, 7, 8, 1), CP_ATS, ARM_CP_WO, 0, 0 },     /* ATS1CPW */
    { K(0, 7, 8, 2), CP_ATS, ARM_CP_WO, 0, 0 },     /* ATS1CUR */
    { K(0, 7, 8, 3), CP_ATS, ARM_CP_WO, 0, 0 },     /* ATS1CUW */
    NOPW(K(0, 7, 10, 1), 0),                /* DCCMVAC */
    NOPW(K(0, 7, 10, 2), 0),                /* DCCSW */
    NOPW(K(0, 7, 10, 4), ARM_CP_PL0_W),     /* CP15DSB */
    NOPW(K(0, 7, 10, 5), ARM_CP_PL0_W),     /* CP15DMB */
    NOPW(K(0, 7, 11, 1), 0),                /* DCCMVAU */
    NOPW(K(0, 7, 14, 1), 0),                /* DCCIMVAC */
    NOPW(K(0, 7, 14, 2), 0),                /* DCCISW */
    TLBI(K(0, 8, 3, 0), CP_TLBI_ALL_IS), TLBI(K(0, 8, 3, 1), CP_TLBI_MVA_IS),
    TLBI(K(0, 8, 3, 2), CP_TLBI_ALL_IS), TLBI(K(0, 8, 3, 3), CP_TLBI_MVA_IS),
    TLBI(K(0, 8, 5, 0), CP_TLBI_ALL), TLBI(K(0, 8, 5, 1), CP_TLBI_MVA),
    TLBI(K(0, 8, 5, 2), CP_TLBI_ALL),
    TLBI(K(0, 8, 6, 0), CP_TLBI_ALL), TLBI(K(0, 8, 6, 1), CP_TLBI_MVA),
    TLBI(K(0, 8, 6, 2), CP_TLBI_ALL),
    TLBI(K(0, 8, 7, 0), CP_TLBI_ALL), TLBI(K(0, 8, 7, 1), CP_TLBI_MVA),
    TLBI(K(0, 8, 7, 2), CP_TLBI_ALL), TLBI(K(0, 8, 7, 3), CP_TLBI_MVA),
    FLD(K(0, 10, 2, 0), prrr, 0, 0xffffffffu),
    FLD(K(0, 10, 2, 1), nmrr, 0, 0xffffffffu),
    FLD(K(0, 10, 3, 0), amair0, 0, 0xffffffffu),
    FLD(K(0, 10, 3, 1), amair1, 0, 0xffffffffu),
    FLD(K(0, 12, 0, 0), vbar, 0, 0xffffffe0u),
    { K(0, 12, 1, 0), CP_ISR, ARM_CP_RO, 0, 0 },
    FLD(K(0, 13, 0, 1), contextidr, TTB, 0xffffffffu),
    FLD(K(0, 13, 0, 2), tpidrurw, ARM_CP_PL0_R | ARM_CP_PL0_W, 0xffffffffu),
    FLD(K(0, 13, 0, 3), tpidruro, ARM_CP_PL0_R, 0xffffffffu),
    FLD(K(0, 13, 0, 4), tpidrprw, 0, 0xffffffffu),
    FLD(K(1, 9, 0, 2), l2ctlr, 0, 0),       /* L2CTLR: 1 core */
    GT(K(0, 14, 0, 0), ARM_GT_REG_FRQ, ARM_CP_PL0_R),
    GT(K(0, 14, 1, 0), ARM_GT_REG_KCTL, 0),
    GT(K(0, 14, 2, 0), ARM_GT_REG_P_TVAL, 0),
    GT(K(0, 14, 2, 1), ARM_GT_REG_P_CTL, 0),
    GT(K(0, 14, 3, 0), ARM_GT_REG_V_TVAL, 0),
    GT(K(0, 14, 3, 1), ARM_GT_REG_V_CTL, 0),
    GT(K64(0, 14), ARM_GT_REG_PCT, ARM_CP_RO | ARM_CP_PL0_R),
    GT(K64(1, 14), ARM_GT_REG_VCT, ARM_CP_RO | ARM_CP_PL0_R),
    GT(K64(2, 14), ARM_GT_REG_P_CVAL, 0),
    GT(K64(3, 14), ARM_GT_REG_V_CVAL, 0),
    { K64(0, 2), CP_TTBR64, TTB, 0, 0 },     /* 64-bit views */
    { K64(1, 2), CP_TTBR64, TTB, 1, 0 },
    { K64(0, 7), CP_TTBR64, 0, 2, 0 },
    /* PMU: no counters (PMCR.N = 0), RAZ/WI */
    RAZWI(K(0, 9, 12, 0), 0), RAZWI(K(0, 9, 12, 1), 0),
    RAZWI(K(0, 9, 12, 2), 0), RAZWI(K(0, 9, 12, 3), 0),
    RAZWI(K(0, 9, 12, 4), 0), RAZWI(K(0, 9, 12, 5), 0),
    RAZWI(K(0, 9, 12, 6), 0), RAZWI(K(0, 9, 12, 7), 0),
    RAZWI(K(0, 9, 13, 0), 0), RAZWI(K(0, 9, 13, 1), 0),
    RAZWI(K(0, 9, 13, 2), 0), RAZWI(K(0, 9, 14, 0), ARM_CP_PL0_R),
    RAZWI(K(0, 9, 14, 1), 0), RAZWI(K(0, 9, 14, 2), 0),
    /* CP14 debug: identification, status, and break/watchpoint storage */
    { K14(0, 0, 0, 0), CP_DBGDIDR, ARM_CP_RO | ARM_CP_PL0_R, 0, 0 },
    RO(K14(0, 1, 0, 0), CP_ZERO),           /* DBGDRAR */
    RO(K14(0, 2, 0, 0), CP_ZERO),           /* DBGDSAR */
    RO(K14(0, 0, 1, 0), CP_ZERO),           /* DBGDSCRint */
    DBG(K14(0, 0, 2, 2), 20),               /* DBGDSCRext */
    DBG(K14(0, 0, 7, 0), 21),               /* DBGVCR */
    NOPW(K14(0, 1, 0, 4), 0),               /* DBGOSLAR */
    RO(K14(0, 1, 1, 4), CP_ZERO),           /* DBGOSLSR */
    DBG(K14(0, 1, 3, 4), 22),               /* DBGOSDLR */
    DBG(K14(0, 1, 4, 4), 23),               /* DBGPRCR */
    DBG(K14(0, 7, 8, 6), 24),               /* DBGCLAIMSET */
    NOPW(K14(0, 7, 9, 6), 0),               /* DBGCLAIMCLR */
    RO(K14(0, 7, 14, 6), CP_ZERO),          /* DBGAUTHSTATUS */
    DBG(K14(0, 0, 0, 4), 0), DBG(K14(0, 0, 1, 4), 1),   /* DBGBVRn */
    DBG(K14(0, 0, 2, 4), 2), DBG(K14(0, 0, 3, 4), 3),
    DBG(K14(0, 0, 4, 4), 4), DBG(K14(0, 0, 5, 4), 5),
    DBG(K14(0, 0, 0, 5), 6), DBG(K14(0, 0, 1, 5), 7),   /* DBGBCRn */
    DBG(K14(0, 0, 2, 5), 8), DBG(K14(0, 0, 3, 5), 9),
    DBG(K14(0, 0, 4, 5), 10), DBG(K14(0, 0, 5, 5), 11),
    DBG(K14(0, 0, 0, 6), 12), DBG(K14(0, 0, 1, 6), 13), /* DBGWVRn */
    DBG(K14(0, 0, 2, 6), 14), DBG(K14(0, 0, 3, 6), 15),
    DBG(K14(0, 0, 0, 7), 16), DBG(K14(0, 0, 1, 7), 17), /* DBGWCRn */
    DBG(K14(0, 0, 2, 7), 18), DBG(K14(0, 0, 3, 7), 19),
    /* ThumbEE (ID_PFR0 reports it, and Linux saves TEEHBR per thread).
     * TEECR.XED is kept but user access to TEEHBR is always allowed. */
    FLD(K14(6, 0, 0, 0), teecr, 0, 1),                          /* TEECR */
    FLD(K14(6, 1, 0, 0), teehbr, ARM_CP_PL0_R | ARM_CP_PL0_W,
        0xfffffffcu),                                           /* TEEHBR */
};

#define ARM_NB_CP_REGS (sizeof(arm_cp_regs) / sizeof(arm_cp_regs[0]))

static const ARMCPReg *arm_cp_find(uint32_t key)
{
    for (size_t i = 0; i < ARM_NB_CP_REGS; i++) {
        if (arm_cp_regs[i].key == key) {
            return &arm_cp_regs[i];
        }
    }
    return NULL;
}

int arm_cp_lookup(const ARMCPU *cpu, uint32_t key)
{
    const ARMCPReg *r = arm_cp_find(key);
    if (!r) {
        return -1;
    }
    /* L2CTLR and the generic timer exist on Cortex-A15/A7 only */
    if ((key == K(1, 9, 0, 2) || r->id == CP_GT) &&
        !cpu->model->has_gtimer) {
        return -1;
    }
    return r->flags;
}

int arm_cp_field(const ARMCPU *cpu, uint32_t key, uint32_t *wmask)
{
    const ARMCPReg *r = arm_cp_find(key);

    if (!r || r->id != CP_FIELD ||
        (r->flags & (ARM_CP_FLUSH | ARM_CP_END_TB))) {
        return -1;
    }
    *wmask = r->wmask;
    return (int)(offsetof(ARMCPU, cp15) + r->off);
}

static uint32_t arm_ccsidr(const ARMCPU *cpu)
{
    uint32_t sel = cpu->cp15.csselr;
    if (sel == 0) {
        return cpu->model->ccsidr[0];
    }
    if (sel == 1) {
        return cpu->model->ccsidr[1];
    }
    return 0;
}

uint32_t arm_cp_read(ARMCPU *cpu, uint32_t key)
{
    const ARMCPReg *r = arm_cp_find(key);
    const ARMCPUModel *m = cpu->model;
    if (!r) {
        return 0;
    }
    switch (r->id) {
    case CP_MIDR: return m->midr;
    case CP_CTR: return m->ctr;
    case CP_MPIDR: return cpu->mpidr;
    case CP_PFR0: return m->id_pfr0;
    case CP_PFR1: return m->id_pfr1;
    case CP_DFR0: return m->id_dfr0;
    case CP_AFR0: return m->id_afr0;
    case CP_MMFR0: case CP_MMFR1: case CP_MMFR2: case CP_MMFR3:
        return m->id_mmfr[r->id - CP_MMFR0];
    case CP_ISAR0: case CP_ISAR1: case CP_ISAR2: case CP_ISAR3:
    case CP_ISAR4: case CP_ISAR5:
        return m->id_isar[r->id - CP_ISAR0];
    case CP_CCSIDR: return arm_ccsidr(cpu);
    case CP_CLIDR: return m->clidr;
    case CP_ISR:
        return ((cpu->common.interrupt_request & ARM_INTERRUPT_IRQ) ? 0x80
                                                                    : 0) |
               ((cpu->common.interrupt_request & ARM_INTERRUPT_FIQ) ? 0x40
                                                                    : 0);
    case CP_SCTLR: return cpu->cp15.sctlr;
    case CP_DBGDIDR: return m->dbgdidr;
    case CP_GT: return (uint32_t)arm_gt_read(cpu, (int)r->off);
    case CP_FIELD:
        return *(uint32_t *)((uint8_t *)&cpu->cp15 + r->off);
    default:
        return 0;
    }
}

static void arm_sctlr_write(ARMCPU *cpu, uint32_t val)
{
    /* Bits we model; the rest keep their reset values (RAO/RAZ) */
    const uint32_t wmask = SCTLR_M | SCTLR_A | SCTLR_C | SCTLR_SW |
                           SCTLR_Z | SCTLR_I | SCTLR_V | SCTLR_EE |
                           SCTLR_TE | (1u << 29) | (1u << 28);
    cpu->cp15.sctlr = (cpu->cp15.sctlr & ~wmask) | (val & wmask);
}

void arm_cp_write(ARMCPU *cpu, uint32_t key, uint32_t val)
{
    const ARMCPReg *r = arm_cp_find(key);
    if (!r || (r->flags & ARM_CP_NOP)) {
        return;
    }
    switch (r->id) {
    case CP_SCTLR:
        arm_sctlr_write(cpu, val);
        break;
    case CP_ATS: { /* opc2: 0 PL1 read, 1 PL1 write, 2 PL0 R, 3 PL0 W */
        uint64_t par = arm_ats(cpu, val, (key & 7) >= 2, key & 1);
        cpu->cp15.par = (uint32_t)par;
        cpu->cp15.par_hi = (uint32_t)(par >> 32);
        break;
    }
    case CP_TLBI_ALL:
        tlb_flush(&cpu->common);
        break;
    case CP_GT:
        arm_gt_write(cpu, (int)r->off, val);
        break;
    case CP_TLBI_MVA:
        tlb_flush_page(&cpu->common, val & 0xfffff000u);
        break;
    case CP_TLBI_ALL_IS:
        tlb_flush_all_cpus(&cpu->common);
        break;
    case CP_TLBI_MVA_IS:
        tlb_flush_page_all_cpus(&cpu->common, val & 0xfffff000u);
        break;
    case CP_FIELD: {
        uint32_t *p = (uint32_t *)((uint8_t *)&cpu->cp15 + r->off);
        *p = (*p & ~r->wmask) | (val & r->wmask);
        break;
    }
    default:
        break;
    }
    if (r->flags & ARM_CP_FLUSH) {
        tlb_flush(&cpu->common);
    }
}

/* TTBR0, TTBR1, PAR as 64-bit registers: low and high words */
static uint32_t *arm_cp_pair(ARMCPU *cpu, uint32_t which, uint32_t **hi)
{
    switch (which) {
    case 0:
        *hi = &cpu->cp15.ttbr0_hi;
        return &cpu->cp15.ttbr0;
    case 1:
        *hi = &cpu->cp15.ttbr1_hi;
        return &cpu->cp15.ttbr1;
    default:
        *hi = &cpu->cp15.par_hi;
        return &cpu->cp15.par;
    }
}

/* MRRC: 64-bit registers (generic timer, TTBRn, PAR) */
uint64_t arm_cp_read64(ARMCPU *cpu, uint32_t key)
{
    const ARMCPReg *r = arm_cp_find(key);
    uint32_t *lo, *hi;
    if (r && r->id == CP_GT) {
        return arm_gt_read(cpu, (int)r->off);
    }
    if (r && r->id == CP_TTBR64) {
        lo = arm_cp_pair(cpu, r->off, &hi);
        return ((uint64_t)*hi << 32) | *lo;
    }
    return arm_cp_read(cpu, key);
}

void arm_cp_write64(ARMCPU *cpu, uint32_t key, uint64_t val)
{
    const ARMCPReg *r = arm_cp_find(key);
    uint32_t *lo, *hi;
    if (r && r->id == CP_GT) {
        arm_gt_write(cpu, (int)r->off, val);
        return;
    }
    if (r && r->id == CP_TTBR64) {
        lo = arm_cp_pair(cpu, r->off, &hi);
        *lo = (uint32_t)val;
        *hi = (uint32_t)(val >> 32);
        if (r->flags & ARM_CP_FLUSH) {
            tlb_flush(&cpu->common);
        }
        return;
    }
    arm_cp_write(cpu, key, (uint32_t)val);
}
