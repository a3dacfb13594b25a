/* SPDX-License-Identifier: MIT */
/*
 * Advanced SIMD helpers (helper-neon.c) called from translate-neon.c.
 * Each works on one 64-bit D register's worth of lanes.
 */
#ifndef FRONTEND_ARM_HELPER_NEON_H
#define FRONTEND_ARM_HELPER_NEON_H

#include <stdint.h>

#include "frontend/arm/cpu.h"
#include "tcg/ir.h"

/*
 * "Three registers of the same length": op = A (insn bits 11:8) | B (bit
 * 4) << 4 | U (bit 24) << 5 | size (bits 21:20) << 6.  d is the old
 * destination (accumulating and bit-select forms).  The caller rejects
 * the UNDEFINED combinations.
 */
uint64_t helper_neon_3same(ARMCPU *cpu, uint64_t d, uint64_t n, uint64_t m,
                           uint32_t op);

/* Two registers, miscellaneous, per D: op = b (bits 10:7) | a (bits
 * 17:16) << 4 | size << 6 (VREV*, VCLS, VCLZ, VCNT, VMVN, VQABS, VQNEG,
 * compares with zero, VABS, VNEG, VCVT F32<->32-bit integers). */
uint64_t helper_neon_misc(ARMCPU *cpu, uint64_t m, uint32_t op);
/* VSWP/VTRN/VUZP/VZIP on the registers themselves: op = kind (0-3) |
 * size << 2 | Q << 4 | Dd << 5 | Dm << 10. */
void helper_neon_perm(ARMCPU *cpu, uint32_t op);

/* VLD1-4/VST1-4 (helper-neon-ldst.c): the whole transfer of the A32
 * encoding insn at addr (valid encodings only; no writeback). */
void helper_neon_ldst(ARMCPU *cpu, uint32_t addr, uint32_t insn);

/* Whole instructions from the A32 encoding (helper-neon-ops.c): shifts
 * by an immediate (incl. NEON VCVT fixed), three registers of different
 * lengths, two registers and a scalar, VTBL/VTBX, and the rest of the
 * two-register miscellaneous group. */
void helper_neon_shimm(ARMCPU *cpu, uint32_t insn);
void helper_neon_3diff(ARMCPU *cpu, uint32_t insn);
void helper_neon_scalar(ARMCPU *cpu, uint32_t insn);
void helper_neon_vtbl(ARMCPU *cpu, uint32_t insn);
void helper_neon_misc2(ARMCPU *cpu, uint32_t insn);

extern IRHelper arm_helper_neon_shimm, arm_helper_neon_3diff;
extern IRHelper arm_helper_neon_scalar, arm_helper_neon_vtbl;
extern IRHelper arm_helper_neon_misc2;
extern IRHelper arm_helper_neon_3same, arm_helper_neon_misc;
extern IRHelper arm_helper_neon_ldst;
extern IRHelper arm_helper_neon_perm;

#endif
