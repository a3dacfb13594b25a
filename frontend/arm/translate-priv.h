/* SPDX-License-Identifier: MIT */
/*
 * Private to the A32 translator files: the per-group decoders tried by
 * translate.c, and gen_* helpers not needed outside frontend/arm/.
 */
#ifndef FRONTEND_ARM_TRANSLATE_PRIV_H
#define FRONTEND_ARM_TRANSLATE_PRIV_H

#include "frontend/arm/translate.h"

/* One decoder per spec file; false means "not mine" */
bool arm_decode_dp(DisasContext *dc, uint32_t insn);      /* a32.decode */
bool arm_decode_ldst(DisasContext *dc, uint32_t insn);    /* a32-ldst */
bool arm_decode_sys(DisasContext *dc, uint32_t insn);     /* a32-sys */
bool arm_decode_uncond(DisasContext *dc, uint32_t insn);  /* a32-uncond */
bool arm_decode_t16_dp(DisasContext *dc, uint32_t insn);  /* t16-dp */
bool arm_decode_t32_dp(DisasContext *dc, uint32_t insn);  /* t32-dp */
bool arm_decode_t16_ldst(DisasContext *dc, uint32_t insn);
bool arm_decode_t32_ldst(DisasContext *dc, uint32_t insn);
bool arm_decode_t16_sys(DisasContext *dc, uint32_t insn);
bool arm_decode_t32_sys(DisasContext *dc, uint32_t insn);
/* Store the IT state into CPSR (cpsr_rest) */
void gen_set_itstate(DisasContext *dc, uint32_t it);


/* Read-only operand view of a register (a global, or pc+8 constant). */
IRTemp *load_reg_ro(DisasContext *dc, int reg);
/* CPSR = SPSR (or psr), pc = v: exception return; ends the TB. */
void gen_exception_return(DisasContext *dc, IRTemp *pc, IRTemp *psr);
/* Shifter: dst = src shifted by an immediate / by a register's low byte;
 * with set_carry, CF receives the shifter carry-out. */
void gen_shift_imm(DisasContext *dc, IRTemp *dst, IRTemp *src, int shty,
                   int shim, bool set_carry);
void gen_shift_reg(DisasContext *dc, IRTemp *dst, IRTemp *src, int shty,
                   IRTemp *rs, bool set_carry);

#endif
