/* SPDX-License-Identifier: MIT */
/*
 * frontend/arm: hand-encoded A32 programs run on a bare CPU + RAM with
 * both backends (interp and x86_64 JIT), ending with a semihosting exit;
 * the test checks registers and flags afterwards.  The guest test suites
 * (tests/insn/arm, tests/diff/arm) cover the ISA in depth; these catch a
 * broken build of the frontend without any cross tools.
 */
#include <stdlib.h>

#include "frontend/arm/cpu.h"
#include "tcg/backend.h"
#include "tcg/exec.h"
#include "tests/test.h"

#define RAM_BASE 0x40000000u

/* mov r0, #0x18; movw r1, #0x26; movt r1, #2; svc 0x123456 */
#define EXIT_SEQ 0xe3a00018, 0xe3001026, 0xe3401002, 0xef123456

typedef struct ArmRig {
    AddressSpace *as;
    TBCache *tbc;
    ARMCPU *cpu;
} ArmRig;

/* Vectors (VBAR) at the start of RAM, where the code goes */
/* The same check as two tests: the interpreter and the JIT. */
#define ON_BOTH_BACKENDS(name, check)                                       \
    TEST(arm, name##_interp)                                                \
    {                                                                       \
        check(&interp_backend);                                             \
    }                                                                       \
    TEST(arm, name##_jit)                                                   \
    {                                                                       \
        check(&x86_64_backend);                                             \
    }

static int rig_run(ArmRig *r, const Backend *be, const uint32_t *code,
                   size_t n)
{
    r->as = as_new("test");
    as_add_ram(r->as, "ram", RAM_BASE, 1 << 20);
    r->tbc = tbc_new(be, 4 << 20);
    r->cpu = arm_cpu_new(NULL, r->as, r->tbc);
    r->cpu->semihosting = true;
    r->cpu->cp15.vbar = RAM_BASE;
    as_write_bytes(r->as, RAM_BASE, code, n * 4);
    arm_cpu_set_pc(r->cpu, RAM_BASE);
    return cpu_exec(&r->cpu->common);
}

static void rig_free(ArmRig *r)
{
    arm_cpu_free(r->cpu);
    tbc_free(r->tbc);
    as_free(r->as);
}

static const uint32_t prog_flags[] = {
    0xe3a04001,     /* mov r4, #1 */
    0xe3e05000,     /* mvn r5, #0 */
    0xe0946005,     /* adds r6, r4, r5 */
    0xe10f7000,     /* mrs r7, cpsr */
    EXIT_SEQ,
};

static void check_flags(const Backend *be)
{
    ArmRig r;
    ASSERT_EQ(rig_run(&r, be, prog_flags, 8), EXCP_EXIT);
    ASSERT_EQ(r.cpu->common.exit_code, 0);
    ASSERT_EQ(r.cpu->regs[6], 0);
    ASSERT_EQ(r.cpu->regs[7] >> 28, 0x6);       /* nZCv */
    ASSERT_EQ(r.cpu->regs[7] & 0x1f, ARM_MODE_SVC);
    rig_free(&r);
}

ON_BOTH_BACKENDS(adds_flags, check_flags)

static const uint32_t prog_branch[] = {
    0xe3a04005,     /* 00 mov r4, #5 */
    0xe3540005,     /* 04 cmp r4, #5 */
    0x03a05007,     /* 08 moveq r5, #7 */
    0x13a05009,     /* 0c movne r5, #9 */
    0xeb000003,     /* 10 bl 0x24 */
    EXIT_SEQ,       /* 14 */
    0xe2855001,     /* 24 add r5, r5, #1 */
    0xe12fff1e,     /* 28 bx lr */
};

static void check_branch(const Backend *be)
{
    ArmRig r;
    ASSERT_EQ(rig_run(&r, be, prog_branch, 11), EXCP_EXIT);
    ASSERT_EQ(r.cpu->regs[5], 8);
    ASSERT_EQ(r.cpu->regs[14], RAM_BASE + 0x14);
    rig_free(&r);
}

ON_BOTH_BACKENDS(cond_bl_bx, check_branch)

static const uint32_t prog_mem[] = {
    0xe3a06a01,     /* mov r6, #0x1000 */
    0xe2866101,     /* add r6, r6, #0x40000000 */
    0xe3a07c12,     /* mov r7, #0x1200 */
    0xe5a67004,     /* str r7, [r6, #4]! */
    0xe5968000,     /* ldr r8, [r6] */
    0xe8860180,     /* stm r6, {r7, r8} */
    0xe8961800,     /* ldm r6, {r11, r12} */
    EXIT_SEQ,
};

static void check_mem(const Backend *be)
{
    ArmRig r;
    ASSERT_EQ(rig_run(&r, be, prog_mem, 11), EXCP_EXIT);
    ASSERT_EQ(r.cpu->regs[6], RAM_BASE + 0x1004);
    ASSERT_EQ(r.cpu->regs[8], 0x1200);
    ASSERT_EQ(r.cpu->regs[11], 0x1200);
    ASSERT_EQ(r.cpu->regs[12], 0x1200);
    rig_free(&r);
}

ON_BOTH_BACKENDS(ldr_str_ldm_stm, check_mem)

/* An undefined instruction enters the UND vector with LR = insn + 4 */
static const uint32_t prog_undef[] = {
    0xea000007,     /* 00 b 0x24 */
    0xe1a00000,     /* 04 undef vector: nop */
    0xe10f9000,     /* 08 mrs r9, cpsr */
    0xe14fa000,     /* 0c mrs r10, spsr */
    0xe1a0b00e,     /* 10 mov r11, lr */
    EXIT_SEQ,       /* 14 */
    0xe7f000f0,     /* 24 udf #0 */
};

static void check_undef(const Backend *be)
{
    ArmRig r;
    ASSERT_EQ(rig_run(&r, be, prog_undef, 10), EXCP_EXIT);
    ASSERT_EQ(r.cpu->regs[9] & 0x1f, ARM_MODE_UND);
    ASSERT_EQ(r.cpu->regs[10] & 0x1f, ARM_MODE_SVC);
    ASSERT_EQ(r.cpu->regs[11], RAM_BASE + 0x28);
    rig_free(&r);
}

ON_BOTH_BACKENDS(undef_vector, check_undef)

/* A 32-bit Thumb UNDEF: LR = insn + 2 (not past it), SPSR.T set */
static const uint32_t prog_undef_t32[] = {
    0xea000007,     /* 00 b 0x24 */
    0xe1a00000,     /* 04 undef vector: nop */
    0xe10f9000,     /* 08 mrs r9, cpsr */
    0xe14fa000,     /* 0c mrs r10, spsr */
    0xe1a0b00e,     /* 10 mov r11, lr */
    EXIT_SEQ,       /* 14 */
    0xe28f0001,     /* 24 add r0, pc, #1 (0x2d: Thumb code at 0x2c) */
    0xe12fff10,     /* 28 bx r0 */
    0xa000f7f0,     /* 2c udf.w #0 */
};

static void check_undef_t32(const Backend *be)
{
    ArmRig r;
    ASSERT_EQ(rig_run(&r, be, prog_undef_t32, 12), EXCP_EXIT);
    ASSERT_EQ(r.cpu->regs[9] & 0x1f, ARM_MODE_UND);
    ASSERT_EQ(r.cpu->regs[10] & (0x1f | CPSR_T), ARM_MODE_SVC | CPSR_T);
    ASSERT_EQ(r.cpu->regs[11], RAM_BASE + 0x2e);
    rig_free(&r);
}

ON_BOTH_BACKENDS(undef_t32_lr, check_undef_t32)

TEST(arm, models)
{
    AddressSpace *as = as_new("test");
    TBCache *tbc = tbc_new(&interp_backend, 1 << 20);
    ARMCPU *cpu = arm_cpu_new("cortex-a9", as, tbc);
    ASSERT(cpu != NULL);
    ASSERT_EQ(cpu->model->midr, 0x410fc090);
    ASSERT_EQ(arm_cpsr_read(cpu) & 0x1ff, 0x1d3);
    ASSERT(arm_cpu_new("cortex-m3", as, tbc) == NULL);
    arm_cpu_free(cpu);
    tbc_free(tbc);
    as_free(as);
}

/* MMU: a section alias and a translation fault through VBAR */
static const uint32_t prog_mmu[] = {
    0xea000006,     /* 00 b 0x20 */
    0xe1a00000,     /* 04 */
    0xe1a00000,     /* 08 */
    0xe1a00000,     /* 0c */
    0xee159f10,     /* 10 dabt: mrc p15, 0, r9, c5, c0, 0 (DFSR) */
    0xee16af10,     /* 14 mrc p15, 0, r10, c6, c0, 0 (DFAR) */
    0xea000004,     /* 18 b 0x30 */
    0xe1a00000,     /* 1c */
    0xe3a04102,     /* 20 mov r4, #0x80000000 */
    0xe5945020,     /* 24 ldr r5, [r4, #0x20] */
    0xe3a064a0,     /* 28 mov r6, #0xa0000000 */
    0xe5967000,     /* 2c ldr r7, [r6] */
    EXIT_SEQ,       /* 30 */
};

static void check_mmu(const Backend *be)
{
    ArmRig r;
    r.as = as_new("test");
    as_add_ram(r.as, "ram", RAM_BASE, 1 << 20);
    r.tbc = tbc_new(be, 4 << 20);
    r.cpu = arm_cpu_new(NULL, r.as, r.tbc);
    r.cpu->semihosting = true;
    r.cpu->cp15.vbar = RAM_BASE;
    as_write_bytes(r.as, RAM_BASE, prog_mmu, sizeof(prog_mmu));
    /* L1 table at RAM + 64K: VA 0x400xxxxx and 0x800xxxxx -> RAM, AP=11 */
    as_write(r.as, RAM_BASE + 0x10000 + 0x400 * 4, 0x40000c02, 4);
    as_write(r.as, RAM_BASE + 0x10000 + 0x800 * 4, 0x40000c02, 4);
    r.cpu->cp15.ttbr0 = RAM_BASE + 0x10000;
    r.cpu->cp15.dacr = 1;
    r.cpu->cp15.sctlr |= SCTLR_M;
    arm_cpu_set_pc(r.cpu, RAM_BASE);
    ASSERT_EQ(cpu_exec(&r.cpu->common), EXCP_EXIT);
    ASSERT_EQ(r.cpu->regs[5], 0xe3a04102);
    ASSERT_EQ(r.cpu->regs[9], 0x005);
    ASSERT_EQ(r.cpu->regs[10], 0xa0000000);
    ASSERT_EQ(r.cpu->regs[7], 0);
    rig_free(&r);
}

ON_BOTH_BACKENDS(mmu_section_fault, check_mmu)

/* Thumb: movs r0, #5; adds r0, #3; bx lr back to ARM */
static const uint32_t prog_thumb[] = {
    0xe28f0009,     /* 00 add r0, pc, #9 (0x11: Thumb code at 0x10) */
    0xe12fff30,     /* 04 blx r0 */
    0xea000002,     /* 08 b 0x18 */
    0xe1a00000,     /* 0c */
    0x30032005,     /* 10 movs r0, #5 ; adds r0, #3 */
    0x00004770,     /* 14 bx lr */
    0xe1a08000,     /* 18 mov r8, r0 */
    EXIT_SEQ,       /* 1c */
};

static void check_thumb(const Backend *be)
{
    ArmRig r;
    ASSERT_EQ(rig_run(&r, be, prog_thumb, 11), EXCP_EXIT);
    ASSERT_EQ(r.cpu->regs[8], 8);
    rig_free(&r);
}

ON_BOTH_BACKENDS(thumb_call, check_thumb)

/* A pending IRQ is taken as soon as CPSIE unmasks it: LR = next + 4 */
static const uint32_t prog_irq[] = {
    0xea000006,     /* 00 b 0x20 */
    0xe1a00000, 0xe1a00000, 0xe1a00000, 0xe1a00000, 0xe1a00000,
    0xe1a0900e,     /* 18 irq: mov r9, lr */
    0xea000007,     /* 1c b 0x40 */
    0xf1080080,     /* 20 cpsie i */
    0xe3a05001,     /* 24 mov r5, #1 */
    0xeafffffe,     /* 28 b . */
    0xe1a00000, 0xe1a00000, 0xe1a00000, 0xe1a00000, 0xe1a00000,
    EXIT_SEQ,       /* 40 */
};

static void check_irq(const Backend *be)
{
    ArmRig r;
    r.as = as_new("test");
    as_add_ram(r.as, "ram", RAM_BASE, 1 << 20);
    r.tbc = tbc_new(be, 4 << 20);
    r.cpu = arm_cpu_new(NULL, r.as, r.tbc);
    r.cpu->semihosting = true;
    r.cpu->cp15.vbar = RAM_BASE;
    as_write_bytes(r.as, RAM_BASE, prog_irq, sizeof(prog_irq));
    arm_cpu_set_pc(r.cpu, RAM_BASE);
    arm_cpu_set_irq(r.cpu, 0, 1);
    int ret;
    do {
        ret = cpu_exec(&r.cpu->common);
    } while (ret == EXCP_INTERRUPT);
    ASSERT_EQ(ret, EXCP_EXIT);
    ASSERT_EQ(r.cpu->regs[9], RAM_BASE + 0x28);
    ASSERT_EQ(r.cpu->regs[5], 0);
    ASSERT_EQ(arm_cpu_mode(r.cpu), ARM_MODE_IRQ);
    rig_free(&r);
}

ON_BOTH_BACKENDS(irq_entry, check_irq)
