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

TEST(arm, adds_flags_interp)
{
    check_flags(&interp_backend);
}

TEST(arm, adds_flags_jit)
{
    check_flags(&x86_64_backend);
}

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

TEST(arm, cond_bl_bx_interp)
{
    check_branch(&interp_backend);
}

TEST(arm, cond_bl_bx_jit)
{
    check_branch(&x86_64_backend);
}

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

TEST(arm, ldr_str_ldm_stm_interp)
{
    check_mem(&interp_backend);
}

TEST(arm, ldr_str_ldm_stm_jit)
{
    check_mem(&x86_64_backend);
}

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

TEST(arm, undef_vector_interp)
{
    check_undef(&interp_backend);
}

TEST(arm, undef_vector_jit)
{
    check_undef(&x86_64_backend);
}

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
