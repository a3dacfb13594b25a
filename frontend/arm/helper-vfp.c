/* SPDX-License-Identifier: MIT */
/*
 * VFP helpers: arithmetic, compares and conversions through the software
 * floating-point core (fpu.c) with the controls and cumulative flags of
 * FPSCR, and the model's FP identification registers.
 */
#include "frontend/arm/helper-vfp.h"

#include "frontend/arm/fpu.h"

static FPStatus vfp_status(const ARMCPU *cpu, uint32_t op)
{
    return (op & VFP_OP_STD) ? fp_status_standard(cpu->fpscr)
                             : fp_status_from_fpscr(cpu->fpscr);
}

/* FPMulAdd with the operands negated as the instruction says */
static uint64_t vfp_fused(FPStatus *st, FPFmt f, uint64_t d, uint64_t n,
                          uint64_t m, bool neg_d, bool neg_n)
{
    if (neg_d) {
        d = fp_neg(f, d);
    }
    if (neg_n) {
        n = fp_neg(f, n);
    }
    return fp_muladd(st, f, d, n, m);
}

static uint64_t vfp_compute(FPStatus *st, FPFmt f, ARMCPU *cpu, uint64_t d,
                            uint64_t n, uint64_t m, unsigned kind)
{
    switch (kind) {
    case VFP_ADD:
        return fp_add(st, f, n, m);
    case VFP_SUB:
        return fp_sub(st, f, n, m);
    case VFP_MUL:
        return fp_mul(st, f, n, m);
    case VFP_NMUL:
        return fp_neg(f, fp_mul(st, f, n, m));
    case VFP_DIV:
        return fp_div(st, f, n, m);
    case VFP_SQRT:
        return fp_sqrt(st, f, m);
    case VFP_MLA:
        return fp_add(st, f, d, fp_mul(st, f, n, m));
    case VFP_MLS:
        return fp_add(st, f, d, fp_neg(f, fp_mul(st, f, n, m)));
    case VFP_NMLA:
        return fp_add(st, f, fp_neg(f, d), fp_neg(f, fp_mul(st, f, n, m)));
    case VFP_NMLS:
        return fp_add(st, f, fp_neg(f, d), fp_mul(st, f, n, m));
    case VFP_FMA:
        return vfp_fused(st, f, d, n, m, false, false);
    case VFP_FMS:
        return vfp_fused(st, f, d, n, m, false, true);
    case VFP_FNMA:
        return vfp_fused(st, f, d, n, m, true, true);
    case VFP_FNMS:
        return vfp_fused(st, f, d, n, m, true, false);
    case VFP_CMP:
    case VFP_CMPE:
        cpu->fpscr = (cpu->fpscr & 0x0fffffffu) |
                     fp_compare(st, f, d, m, kind == VFP_CMPE) << 28;
        return 0;
    default:
        return 0;
    }
}

uint64_t helper_vfp_arith(ARMCPU *cpu, uint64_t d, uint64_t n, uint64_t m,
                          uint32_t op)
{
    FPStatus st = vfp_status(cpu, op);
    FPFmt f = (op & VFP_OP_DP) ? FP_F64 : FP_F32;
    uint64_t r = vfp_compute(&st, f, cpu, d, n, m, op & 0xff);

    cpu->fpscr |= st.flags;
    return r;
}

uint64_t helper_vfp_cvt(ARMCPU *cpu, uint64_t a, uint32_t op)
{
    FPStatus st = vfp_status(cpu, op);
    FPFmt from = (FPFmt)((op >> VFP_CVT_FROM_SHIFT) & 3);
    FPFmt to = (FPFmt)((op >> VFP_CVT_TO_SHIFT) & 3);
    int frac = (int)((op >> VFP_CVT_FRAC_SHIFT) & 0x3f);
    bool uns = op & VFP_CVT_UNSIGNED;
    int bits = (op & VFP_CVT_16) ? 16 : 32;
    uint64_t r;

    switch (op & 3) {
    case VFP_CVT_F2F:
        r = fp_convert(&st, from, to, a);
        break;
    case VFP_CVT_F2I: {
        uint32_t v = fp_to_fixed(&st, from, a, frac, uns, bits,
                                 op & VFP_CVT_RZ);
        /* extended to the register as the destination wants it */
        r = uns ? (uint64_t)v : (uint64_t)(int64_t)(int32_t)v;
        if (bits == 16) {
            r = uns ? (uint16_t)v : (uint64_t)(int64_t)(int16_t)v;
        }
        break;
    }
    default: {
        int64_t v;
        if (bits == 16) {
            v = uns ? (int64_t)(uint16_t)a : (int64_t)(int16_t)a;
        } else {
            v = uns ? (int64_t)(uint32_t)a : (int64_t)(int32_t)a;
        }
        if (frac) {
            st.rmode = FP_RN;       /* fixed point: round to nearest */
        }
        r = fp_from_fixed(&st, to, v, frac);
        break;
    }
    }
    cpu->fpscr |= st.flags;
    return r;
}

/*
 * Identification (Cortex-A15/A7 and A9 TRMs): VFPv4-D32 with Advanced
 * SIMD (A15, A7), VFPv3-D32 with Advanced SIMD and half precision but no
 * fused multiply-add (A9).
 */
uint32_t arm_vfp_fpsid(const ARMCPU *cpu)
{
    switch (cpu->model->midr & 0xfff0) {
    case 0xc070:
        return 0x41023075;
    case 0xc090:
        return 0x41033090;
    default:
        return 0x410430f0;
    }
}

uint32_t arm_vfp_mvfr0(const ARMCPU *cpu)
{
    (void)cpu;
    return 0x10110222;
}

uint32_t arm_vfp_mvfr1(const ARMCPU *cpu)
{
    return arm_vfp_has_fma(cpu) ? 0x11111111 : 0x01111111;
}

bool arm_vfp_has_fma(const ARMCPU *cpu)
{
    return (cpu->model->midr & 0xfff0) != 0xc090;
}

#define HELPER_DESC(name, ret, ...)                                         \
    IRHelper arm_helper_##name = {                                          \
        "arm_" #name, (void *)helper_##name,                                \
        IR_CALL_NO_READ_GLOBALS | IR_CALL_NO_WRITE_GLOBALS, ret,            \
        sizeof((uint8_t[]){ __VA_ARGS__ }), { __VA_ARGS__ }, NULL           \
    };
HELPER_DESC(vfp_arith, IR_I64, IR_I64, IR_I64, IR_I64, IR_I64, IR_I32)
HELPER_DESC(vfp_cvt, IR_I64, IR_I64, IR_I64, IR_I32)
#undef HELPER_DESC
