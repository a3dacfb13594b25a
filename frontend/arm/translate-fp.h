/* SPDX-License-Identifier: MIT */
/*
 * Shared by translate-vfp.c and translate-neon.c: the FP register file
 * in ARMCPU.vfp_d and the CPACR/FPEXC access check.
 */
#ifndef FRONTEND_ARM_TRANSLATE_FP_H
#define FRONTEND_ARM_TRANSLATE_FP_H

#include "frontend/arm/translate.h"

/* env offset of S<reg> (dp false) or D<reg> */
int32_t vfp_reg_off(int reg, bool dp);
/* An S (zero-extended) or D register as an i64 temp, and back */
IRTemp *vfp_load(DisasContext *dc, int reg, bool dp);
void vfp_store(DisasContext *dc, int reg, bool dp, IRTemp *v);
/* UNDEFINED unless CPACR and FPEXC.EN allow FP/SIMD (emit before any
 * temp that must survive: it ends a basic block). */
void vfp_check(DisasContext *dc);

#endif
