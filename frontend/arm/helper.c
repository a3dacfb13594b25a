/* SPDX-License-Identifier: MIT */
/*
 * C helpers called from A32 generated code, with their IRHelper
 * descriptors.  The first argument is always env (the ARMCPU).  Helpers
 * that raise guest exceptions expect regs[15] to be set by the caller.
 */
#include <stdint.h>

#include "frontend/arm/cpu.h"
#include "frontend/arm/internals.h"
#include "hw/core/log.h"
#include "tcg/softmmu.h"
#include "tcg/tb.h"

#define ENV IR_I64
#define DESC(fn, fl, r, n, ...)                                             \
    const IRHelper arm_helper_##fn = {                                      \
        .name = #fn, .func = (void *)helper_##fn, .flags = (fl),           \
        .ret = (r), .nargs = (n), .args = { __VA_ARGS__ } }

static void helper_exception(ARMCPU *cpu, uint32_t excp)
{
    arm_raise_exception(cpu, (int)excp);
}
DESC(exception, 0, IR_VOID, 2, ENV, IR_I32);

static uint32_t helper_cpsr_read(ARMCPU *cpu)
{
    return arm_cpsr_read(cpu);
}
DESC(cpsr_read, IR_CALL_NO_WRITE_GLOBALS | IR_CALL_NO_SIDE_EFFECTS, IR_I32,
     1, ENV);

static void helper_cpsr_write(ARMCPU *cpu, uint32_t val, uint32_t mask)
{
    arm_cpsr_write(cpu, val, mask);
}
DESC(cpsr_write, 0, IR_VOID, 3, ENV, IR_I32, IR_I32);

/* SPSR write (MSR SPSR); no SPSR in USR/SYS: ignored */
static void helper_spsr_write(ARMCPU *cpu, uint32_t val, uint32_t mask)
{
    if (arm_mode_bank(arm_cpu_mode(cpu)) <= ARM_BANK_USR) {
        log_mask(LOG_GUEST_ERROR, "arm: MSR SPSR in a mode without one\n");
        return;
    }
    cpu->spsr = (cpu->spsr & ~mask) | (val & mask);
}
DESC(spsr_write, IR_CALL_NO_READ_GLOBALS | IR_CALL_NO_WRITE_GLOBALS, IR_VOID,
     3, ENV, IR_I32, IR_I32);

/* Exception return: CPSR = new_cpsr (all bits), pc = new_pc. */
static void helper_exception_return(ARMCPU *cpu, uint32_t pc, uint32_t psr)
{
    arm_cpsr_write(cpu, psr, 0xffffffffu);
    if (cpu->cpsr_rest & CPSR_T) {
        cpu->regs[15] = pc & ~1u;
    } else {
        cpu->regs[15] = pc & ~3u;
    }
}
DESC(exception_return, 0, IR_VOID, 3, ENV, IR_I32, IR_I32);

/* User-mode view of r8-r14 (LDM/STM with ^) */
static uint32_t *arm_user_reg_ptr(ARMCPU *cpu, uint32_t reg)
{
    uint32_t mode = arm_cpu_mode(cpu);
    if (reg >= 8 && reg <= 12 && mode == ARM_MODE_FIQ) {
        return &cpu->usr_regs[reg - 8];
    }
    if (reg >= 13 && reg <= 14 && arm_mode_bank(mode) > ARM_BANK_USR) {
        return reg == 13 ? &cpu->banked_r13[ARM_BANK_USR]
                         : &cpu->banked_r14[ARM_BANK_USR];
    }
    return &cpu->regs[reg];
}

static uint32_t helper_get_user_reg(ARMCPU *cpu, uint32_t reg)
{
    return *arm_user_reg_ptr(cpu, reg);
}
DESC(get_user_reg, IR_CALL_NO_WRITE_GLOBALS | IR_CALL_NO_SIDE_EFFECTS,
     IR_I32, 2, ENV, IR_I32);

static void helper_set_user_reg(ARMCPU *cpu, uint32_t reg, uint32_t val)
{
    *arm_user_reg_ptr(cpu, reg) = val;
}
DESC(set_user_reg, 0, IR_VOID, 3, ENV, IR_I32, IR_I32);

static uint32_t helper_sdiv(ARMCPU *cpu, uint32_t a, uint32_t b)
{
    (void)cpu;
    if (b == 0) {
        return 0;
    }
    if (a == 0x80000000u && b == 0xffffffffu) {
        return 0x80000000u;
    }
    return (uint32_t)((int32_t)a / (int32_t)b);
}
DESC(sdiv, IR_CALL_PURE, IR_I32, 3, ENV, IR_I32, IR_I32);

static uint32_t helper_udiv(ARMCPU *cpu, uint32_t a, uint32_t b)
{
    (void)cpu;
    return b ? a / b : 0;
}
DESC(udiv, IR_CALL_PURE, IR_I32, 3, ENV, IR_I32, IR_I32);

static uint32_t helper_cp_read(ARMCPU *cpu, uint32_t key)
{
    return arm_cp_read(cpu, key);
}
DESC(cp_read, IR_CALL_NO_WRITE_GLOBALS, IR_I32, 2, ENV, IR_I32);

static void helper_cp_write(ARMCPU *cpu, uint32_t key, uint32_t val)
{
    arm_cp_write(cpu, key, val);
}
DESC(cp_write, IR_CALL_NO_READ_GLOBALS | IR_CALL_NO_WRITE_GLOBALS, IR_VOID,
     3, ENV, IR_I32, IR_I32);

static uint64_t helper_cp_read64(ARMCPU *cpu, uint32_t key)
{
    return arm_cp_read64(cpu, key);
}
DESC(cp_read64, IR_CALL_NO_READ_GLOBALS | IR_CALL_NO_WRITE_GLOBALS, IR_I64,
     2, ENV, IR_I32);

static void helper_cp_write64(ARMCPU *cpu, uint32_t key, uint64_t val)
{
    arm_cp_write64(cpu, key, val);
}
DESC(cp_write64, IR_CALL_NO_READ_GLOBALS | IR_CALL_NO_WRITE_GLOBALS,
     IR_VOID, 3, ENV, IR_I32, IR_I64);

/* WFI: regs[15] already points past the instruction. */
static void helper_wfi(ARMCPU *cpu)
{
    if (cpu->common.interrupt_request) {
        return;
    }
    cpu->common.halted = true;
    arm_raise_exception(cpu, EXCP_HLT);
}
DESC(wfi, 0, IR_VOID, 1, ENV);

static void helper_semihost(ARMCPU *cpu)
{
    arm_semihost_call(cpu);
}
DESC(semihost, 0, IR_VOID, 1, ENV);

static void helper_psci(ARMCPU *cpu)
{
    cpu->psci_call(cpu->psci_opaque, cpu);
}
DESC(psci, 0, IR_VOID, 1, ENV);

/* SRS: store LR and SPSR to the stack of another mode (ARM ARM B9.3.16) */
static uint32_t *arm_banked_sp(ARMCPU *cpu, uint32_t mode)
{
    int bank = arm_mode_bank(mode);
    if (bank == arm_mode_bank(arm_cpu_mode(cpu))) {
        return &cpu->regs[13];
    }
    return &cpu->banked_r13[bank];
}

static void helper_srs(ARMCPU *cpu, uint32_t mode, uint32_t pu,
                       uint32_t wback)
{
    uintptr_t ra = GETPC();
    if (arm_mode_bank(mode) < 0 || arm_mode_bank(arm_cpu_mode(cpu)) < 1) {
        log_mask(LOG_GUEST_ERROR, "arm: SRS to mode 0x%x is UNPREDICTABLE"
                 "\n", mode);
        if (arm_mode_bank(mode) < 0) {
            cpu_restore_state(&cpu->common, ra);
            arm_raise_exception(cpu, ARM_EXCP_UDEF);
        }
    }
    bool inc = pu & 1, higher = ((pu >> 1) & 1) == (pu & 1);
    uint32_t *sp = arm_banked_sp(cpu, mode);
    uint32_t base = *sp;
    uint32_t addr = (inc ? base : base - 8) + (higher ? 4 : 0);
    MemOpIdx oi = make_memop_idx(MO_UL | ((cpu->cpsr_rest & CPSR_E) ? MO_BE
                                                                    : 0),
                                 ARM_MMU_IDX_PRIV);
    softmmu_st(&cpu->common, addr, cpu->regs[14], oi, ra);
    softmmu_st(&cpu->common, addr + 4, cpu->spsr, oi, ra);
    if (wback) {
        *sp = inc ? base + 8 : base - 8;
    }
}
DESC(srs, 0, IR_VOID, 4, ENV, IR_I32, IR_I32, IR_I32);

/* Register-specified shifts that set the carry (logical ops with S) */
static uint32_t helper_lsl_cc(ARMCPU *cpu, uint32_t x, uint32_t n)
{
    n &= 0xff;
    if (n == 0) {
        return x;
    }
    cpu->CF = n <= 32 ? (x >> (32 - n)) & 1 : 0;
    return n < 32 ? x << n : 0;
}

static uint32_t helper_lsr_cc(ARMCPU *cpu, uint32_t x, uint32_t n)
{
    n &= 0xff;
    if (n == 0) {
        return x;
    }
    cpu->CF = n <= 32 ? (x >> (n - 1)) & 1 : 0;
    return n < 32 ? x >> n : 0;
}

static uint32_t helper_asr_cc(ARMCPU *cpu, uint32_t x, uint32_t n)
{
    n &= 0xff;
    if (n == 0) {
        return x;
    }
    if (n >= 32) {
        cpu->CF = x >> 31;
        return (uint32_t)((int32_t)x >> 31);
    }
    cpu->CF = (x >> (n - 1)) & 1;
    return (uint32_t)((int32_t)x >> n);
}

static uint32_t helper_ror_cc(ARMCPU *cpu, uint32_t x, uint32_t n)
{
    n &= 0xff;
    if (n == 0) {
        return x;
    }
    n &= 31;
    if (n == 0) {
        cpu->CF = x >> 31;
        return x;
    }
    cpu->CF = (x >> (n - 1)) & 1;
    return (x >> n) | (x << (32 - n));
}

#define SHIFT_DESC(fn)                                                      \
    { .name = #fn, .func = (void *)helper_##fn,                             \
      .flags = 0, .ret = IR_I32, .nargs = 3,                                \
      .args = { ENV, IR_I32, IR_I32 } }
const IRHelper arm_helper_shift_cc[4] = {
    SHIFT_DESC(lsl_cc), SHIFT_DESC(lsr_cc), SHIFT_DESC(asr_cc),
    SHIFT_DESC(ror_cc),
};
