/* SPDX-License-Identifier: MIT */
/*
 * A small software floating-point core that follows the ARMv7 ARM
 * pseudocode (FPUnpack, FPRound, FPProcessNaNs, FPAdd ... FPToFixed)
 * bit for bit: rounding modes, flush-to-zero, default NaN, alternative
 * half precision and tininess before rounding.  Used by helper-vfp.c and
 * helper-neon.c; pure C with no host FPU state (README-fpu.md says why).
 *
 *   FPStatus st = fp_status_from_fpscr(fpscr);
 *   uint64_t r = fp_add(&st, FP_F32, a, b);
 *   fpscr |= st.flags;
 */
#ifndef FRONTEND_ARM_FPU_H
#define FRONTEND_ARM_FPU_H

#include <stdbool.h>
#include <stdint.h>

/* Formats */
typedef enum FPFmt { FP_F16, FP_F32, FP_F64 } FPFmt;

/* FPSCR.RMode values */
enum { FP_RN = 0, FP_RP = 1, FP_RM = 2, FP_RZ = 3 };

/* Cumulative exception bits as in FPSCR */
enum {
    FP_IOC = 1u << 0, FP_DZC = 1u << 1, FP_OFC = 1u << 2,
    FP_UFC = 1u << 3, FP_IXC = 1u << 4, FP_IDC = 1u << 7,
};

/* FPSCR control bits */
#define FPSCR_AHP (1u << 26)
#define FPSCR_DN (1u << 25)
#define FPSCR_FZ (1u << 24)
#define FPSCR_RMODE_SHIFT 22
#define FPSCR_QC (1u << 27)

typedef struct FPStatus {
    int rmode;
    bool fz, dn, ahp;
    uint32_t flags;         /* FP_* raised so far */
} FPStatus;

/* The controls of an FPSCR value; flags start clear. */
FPStatus fp_status_from_fpscr(uint32_t fpscr);
/* Advanced SIMD's "standard FPSCR value": RN, FZ, DN (AHP kept). */
FPStatus fp_status_standard(uint32_t fpscr);

/* Arithmetic on raw encodings of format f (F32 or F64). */
uint64_t fp_add(FPStatus *st, FPFmt f, uint64_t a, uint64_t b);
uint64_t fp_sub(FPStatus *st, FPFmt f, uint64_t a, uint64_t b);
uint64_t fp_mul(FPStatus *st, FPFmt f, uint64_t a, uint64_t b);
uint64_t fp_div(FPStatus *st, FPFmt f, uint64_t a, uint64_t b);
uint64_t fp_sqrt(FPStatus *st, FPFmt f, uint64_t a);
/* FPMulAdd: addend + a * b with one rounding */
uint64_t fp_muladd(FPStatus *st, FPFmt f, uint64_t addend, uint64_t a,
                   uint64_t b);
/* addend + a * b, times 2^scale, with one rounding (FPRSqrtStep) */
uint64_t fp_muladd_scaled(FPStatus *st, FPFmt f, uint64_t addend,
                          uint64_t a, uint64_t b, int scale);
/* FPMax / FPMin (NaNs processed; max(+0, -0) = +0, min = -0) */
uint64_t fp_max(FPStatus *st, FPFmt f, uint64_t a, uint64_t b);
uint64_t fp_min(FPStatus *st, FPFmt f, uint64_t a, uint64_t b);
/* FPNeg / FPAbs: sign bit only, NaNs included */
uint64_t fp_neg(FPFmt f, uint64_t a);
uint64_t fp_abs(FPFmt f, uint64_t a);
/* FPCompare: NZCV in bits 3:0; quiet_exc: any NaN raises IOC (VCMPE) */
uint32_t fp_compare(FPStatus *st, FPFmt f, uint64_t a, uint64_t b,
                    bool quiet_exc);
/* FPConvert between formats (F16 uses st->ahp) */
uint64_t fp_convert(FPStatus *st, FPFmt from, FPFmt to, uint64_t a);
/* FPToFixed: to a signed/unsigned integer of `bits` (16 or 32) bits with
 * frac_bits fraction bits; round_zero or st->rmode.  Result zero- or
 * sign-extended to 32 bits as the encoding wants it (low bits). */
uint32_t fp_to_fixed(FPStatus *st, FPFmt f, uint64_t a, int frac_bits,
                     bool is_unsigned, int bits, bool round_zero);
/* FixedToFP: the integer v (already sign/zero-extended) / 2^frac_bits */
uint64_t fp_from_fixed(FPStatus *st, FPFmt f, int64_t v, int frac_bits);

#endif
