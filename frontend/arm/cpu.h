/* SPDX-License-Identifier: MIT */
/*
 * The ARMv7-A (AArch32, A32) guest CPU: architectural state, CPU models,
 * CP15 and the CPUClass hooks (frontend/arm/cpu.c).  Generated code keeps
 * r0-r15 and the flags in the globals below; everything else is read by
 * helpers.  See frontend/arm/README.md.
 *
 *   ARMCPU *cpu = arm_cpu_new("cortex-a15", as, tbc);
 *   arm_cpu_set_pc(cpu, entry);
 *   cpu_exec(&cpu->common);
 */
#ifndef FRONTEND_ARM_CPU_H
#define FRONTEND_ARM_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tcg/cpu.h"
#include "tcg/tb.h"

/* CPSR bits */
#define CPSR_M 0x1fu
#define CPSR_T (1u << 5)
#define CPSR_F (1u << 6)
#define CPSR_I (1u << 7)
#define CPSR_A (1u << 8)
#define CPSR_E (1u << 9)
#define CPSR_IT_2_7 0xfc00u
#define CPSR_GE (0xfu << 16)
#define CPSR_J (1u << 24)
#define CPSR_IT_0_1 (3u << 25)
#define CPSR_Q (1u << 27)
#define CPSR_NZCV (0xfu << 28)
#define CPSR_IT (CPSR_IT_0_1 | CPSR_IT_2_7)
/* Bits kept in cpsr_rest (everything not held in NF..GE) */
#define CPSR_REST_MASK (CPSR_M | CPSR_T | CPSR_F | CPSR_I | CPSR_A |       \
                        CPSR_E | CPSR_IT | CPSR_J)
/* Bits MSR may change in user mode */
#define CPSR_USER (CPSR_NZCV | CPSR_Q | CPSR_GE | CPSR_E)

/* Processor modes (CPSR.M) */
enum {
    ARM_MODE_USR = 0x10, ARM_MODE_FIQ = 0x11, ARM_MODE_IRQ = 0x12,
    ARM_MODE_SVC = 0x13, ARM_MODE_MON = 0x16, ARM_MODE_ABT = 0x17,
    ARM_MODE_HYP = 0x1a, ARM_MODE_UND = 0x1b, ARM_MODE_SYS = 0x1f,
};

/* Register banks: r13, r14 and SPSR per mode (USR and SYS share bank 0) */
enum {
    ARM_BANK_USR, ARM_BANK_FIQ, ARM_BANK_IRQ, ARM_BANK_SVC, ARM_BANK_ABT,
    ARM_BANK_UND, ARM_BANK_NUM
};

/* Guest exceptions (CPUCommon.exception_index) */
enum {
    ARM_EXCP_UDEF = 1,      /* undefined instruction */
    ARM_EXCP_SWI = 2,       /* SVC */
    ARM_EXCP_PREFETCH_ABORT = 3,
    ARM_EXCP_DATA_ABORT = 4,
    ARM_EXCP_IRQ = 5,
    ARM_EXCP_FIQ = 6,
    ARM_EXCP_BKPT = 7,      /* taken as a prefetch abort (debug event) */
};

/* CPUCommon.interrupt_request bits (set by arm_cpu_set_irq) */
#define ARM_INTERRUPT_IRQ (1u << 0)
#define ARM_INTERRUPT_FIQ (1u << 1)

/* MMU indexes: MMU off means flat for both; user vs privileged matters for
 * LDRT/STRT and later for page permissions. */
enum { ARM_MMU_IDX_USER = 0, ARM_MMU_IDX_PRIV = 1 };

/* TB flags (get_tb_cpu_state): everything translation depends on */
#define ARM_TBFLAG_PRIV (1u << 0)       /* not user mode */
#define ARM_TBFLAG_THUMB (1u << 1)      /* CPSR.T (Thumb not implemented) */
#define ARM_TBFLAG_BE_DATA (1u << 2)    /* CPSR.E: big-endian data */
#define ARM_TBFLAG_ALIGN (1u << 3)      /* SCTLR.A: alignment checks */
#define ARM_TBFLAG_SEMIHOST (1u << 4)   /* SVC 0x123456 is semihosting */
#define ARM_TBFLAG_SWP (1u << 5)        /* SCTLR.SW: SWP/SWPB enabled */
#define ARM_TBFLAG_IT_SHIFT 8           /* bits 15:8: Thumb IT state */

/* SCTLR bits */
#define SCTLR_M (1u << 0)
#define SCTLR_A (1u << 1)
#define SCTLR_C (1u << 2)
#define SCTLR_SW (1u << 10)
#define SCTLR_Z (1u << 11)
#define SCTLR_I (1u << 12)
#define SCTLR_V (1u << 13)
#define SCTLR_EE (1u << 25)
#define SCTLR_TE (1u << 30)

/* CP15 state: the registers this minimal system-control block keeps */
typedef struct ARMCP15 {
    uint32_t sctlr, actlr, cpacr;
    uint32_t ttbr0, ttbr1, ttbcr, dacr;
    uint32_t ttbr0_hi, ttbr1_hi;    /* LPAE: TTBRn bits 63:32 (MCRR) */
    uint32_t par_hi;
    uint32_t dfsr, ifsr, dfar, ifar;
    uint32_t vbar, contextidr;
    uint32_t tpidrurw, tpidruro, tpidrprw;
    uint32_t par, csselr;
    uint32_t nsacr;
    uint32_t prrr, nmrr, amair0, amair1;
    uint32_t l2ctlr;
    uint32_t teecr, teehbr;         /* ThumbEE (CP14) */
    /* CP14 debug registers kept as storage (no debug events):
     * BVR0-5, BCR0-5, WVR0-3, WCR0-3, then DSCRext, VCR, OSDLR, PRCR,
     * CLAIM */
    uint32_t dbg[25];
} ARMCP15;

/* Read-only identification of a CPU model (values as the silicon's) */
typedef struct ARMCPUModel {
    const char *name;
    const char *desc;
    uint32_t midr, ctr, mpidr_base;
    uint32_t id_pfr0, id_pfr1, id_dfr0, id_afr0;
    uint32_t dbgdidr;               /* CP14 DBGDIDR */
    uint32_t id_mmfr[4];
    uint32_t id_isar[6];
    uint32_t clidr, ccsidr[2];      /* [0] L1 D, [1] L1 I */
    uint32_t reset_sctlr;
    bool has_div;                   /* SDIV/UDIV in ARM state */
    bool has_gtimer;                /* generic timer (CP15 c14) */
} ARMCPUModel;

/* Generic timer (gtimer.c): a 62.5 MHz counter, physical and virtual
 * timers whose outputs go to the board's interrupt controller (PPIs 30
 * and 27 on virt). */
enum { ARM_GT_PHYS = 0, ARM_GT_VIRT = 1, ARM_GT_NUM = 2 };
#define ARM_GT_HZ 62500000u
#define ARM_GT_NS_PER_TICK 16u
typedef struct ARMGenericTimer {
    uint32_t ctl;                   /* ENABLE, IMASK (ISTATUS computed) */
    uint64_t cval;
    bool level;                     /* output as last signalled */
} ARMGenericTimer;

typedef struct ARMCPU {
    CPUCommon common;               /* must be first (env) */

    /* Generated code reads and writes these directly. */
    uint32_t regs[16];              /* current mode's view; r15 = pc */
    uint32_t NF;                    /* N = bit 31 */
    uint32_t ZF;                    /* Z = (ZF == 0) */
    uint32_t CF;                    /* C = CF (0 or 1) */
    uint32_t VF;                    /* V = bit 31 */
    uint32_t QF;                    /* Q = (QF != 0) */
    uint32_t GE;                    /* GE[3:0] in bits 3:0 */
    uint32_t cpsr_rest;             /* CPSR & CPSR_REST_MASK */
    uint32_t spsr;                  /* current mode's SPSR */
    uint32_t exclusive_addr;        /* monitor address (valid if open) */
    uint32_t exclusive_val;         /* value seen by LDREX (low word) */
    uint32_t exclusive_high;        /* LDREXD high word */
    uint32_t exclusive_open;        /* nonzero: monitor in Exclusive state */

    /* Banked registers of the modes not currently active. */
    uint32_t banked_r13[ARM_BANK_NUM];
    uint32_t banked_r14[ARM_BANK_NUM];
    uint32_t banked_spsr[ARM_BANK_NUM];
    uint32_t usr_regs[5];           /* r8-r12 of every mode but FIQ */
    uint32_t fiq_regs[5];           /* r8-r12 of FIQ mode */

    /* The exception being raised (the exec loop may clear
     * exception_index before calling do_interrupt). */
    int pending_excp;

    /* VFP and Advanced SIMD (translate-vfp.c, helper-vfp.c; zeroed at
     * reset).  S<2n> and S<2n+1> are the low and high halves of D<n>;
     * Q<n> is D<2n> (low) and D<2n+1>.  fpscr holds every FPSCR bit. */
    uint64_t vfp_d[32];
    uint32_t fpscr;
    uint32_t fpexc;

    ARMCP15 cp15;
    const ARMCPUModel *model;
    uint32_t mpidr;

    /* Interrupt lines (levels) as last set by arm_cpu_set_irq. */
    bool irq_level, fiq_level;

    /* Generic timer.  clock_ns: the board's clock (NULL: host monotonic
     * time since the CPU was created); gt_irq: timer output changes. */
    uint32_t cntfrq, cntkctl;
    uint64_t cntvoff;
    ARMGenericTimer gt[ARM_GT_NUM];
    uint64_t (*clock_ns)(void *opaque);
    void *clock_opaque;
    uint64_t host_ns_base;
    void (*gt_irq)(void *opaque, int timer, int level);
    void *gt_irq_opaque;

    /* Semihosting (Arm semihosting v2 subset; see semihost.c). */
    bool semihosting;
    void (*semihost_write)(void *opaque, const char *buf, size_t len);
    int (*semihost_readc)(void *opaque);    /* -1: no input */
    void *semihost_opaque;
    /* Firmware services (PSCI) called by HVC; NULL: HVC is UNDEFINED.
     * Arguments and result in the guest registers. */
    bool (*psci_call)(void *opaque, struct ARMCPU *cpu);
    void *psci_opaque;
    uint32_t semihost_errno;
    /* SYS_HEAPINFO: RAM the board gives the program (0 = unknown) and
     * the end of the loaded image (highest segment vaddr + memsz; 0 =
     * unknown: the heap then starts half-way up RAM). */
    uint32_t ram_base, ram_size;
    uint32_t image_end;
    uint64_t semihost_start_ns;     /* SYS_CLOCK epoch */
} ARMCPU;

/* IT state in CPSR: bits 26:25 hold IT[1:0], bits 15:10 IT[7:2] */
static inline uint32_t arm_it_to_cpsr(uint32_t it)
{
    return ((it & 3) << 25) | ((it >> 2) << 10);
}
static inline uint32_t arm_cpsr_to_it(uint32_t cpsr)
{
    return ((cpsr >> 25) & 3) | (((cpsr >> 10) & 0x3f) << 2);
}

static inline ARMCPU *arm_cpu(CPUCommon *c)
{
    return (ARMCPU *)c;
}

extern const CPUClass arm_cpu_class;

/* A CPU of the given model (NULL: default cortex-a15); NULL if unknown. */
ARMCPU *arm_cpu_new(const char *model, AddressSpace *as, TBCache *tbc);
void arm_cpu_free(ARMCPU *cpu);
void arm_cpu_reset(ARMCPU *cpu);
/* Print the available models, one per line. */
void arm_cpu_list(FILE *out);
void arm_cpu_set_pc(ARMCPU *cpu, uint32_t pc);
/* Interrupt input: line 0 = IRQ, 1 = FIQ (usable as an IrqLine handler). */
void arm_cpu_set_irq(void *opaque, int line, int level);

uint32_t arm_cpsr_read(ARMCPU *cpu);
/* Write the bits of val selected by mask; switches mode (banks) if M
 * changes.  No privilege checks: callers apply them. */
void arm_cpsr_write(ARMCPU *cpu, uint32_t val, uint32_t mask);
/* Switch register banks to mode (CPSR.M is not changed). */
void arm_switch_mode(ARMCPU *cpu, uint32_t mode);
/* Bank of a mode; -1 for a mode that does not exist here (MON, HYP). */
int arm_mode_bank(uint32_t mode);
static inline uint32_t arm_cpu_mode(const ARMCPU *cpu)
{
    return cpu->cpsr_rest & CPSR_M;
}

/* Raise a guest exception from a helper: pc must already point at the
 * faulting instruction.  Does not return. */
_Noreturn void arm_raise_exception(ARMCPU *cpu, int excp);

/* gtimer.c: the physical count; re-evaluate the timer outputs (call when
 * time has passed, e.g. from the board's timer callback); the clock time
 * (ns) of the next output change, or UINT64_MAX if none is due. */
uint64_t arm_gt_count(ARMCPU *cpu);
void arm_gt_update(ARMCPU *cpu);
uint64_t arm_gt_next_deadline_ns(ARMCPU *cpu);

/* semihost.c: perform the call in r0/r1, result in r0. */
void arm_semihost_call(ARMCPU *cpu);

#endif
