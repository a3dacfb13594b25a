/* SPDX-License-Identifier: MIT */
/*
 * Advanced SIMD instructions implemented so far, on pseudo-random and
 * special register contents: each instruction runs on q0-q2 (d0-d5)
 * loaded from memory; the line shows q0-q2 afterwards and FPSCR (QC and
 * the cumulative flags).  See README-fpu.md for what is implemented.
 */
#include <stdint.h>

void puts_uart(const char *s);
void putc_uart(int c);
void puthex(uint32_t v);

static uint32_t regs[32] __attribute__((aligned(16)));
static uint32_t rng_state = 0x9e3779b9;

static uint32_t rng(void)
{
    rng_state = rng_state * 1664525u + 1013904223u;
    return rng_state ^ (rng_state >> 15);
}

#define FPU ".fpu neon-vfpv4\n"
#define INSN(name, text)                                                    \
    static void name(void)                                                  \
    {                                                                       \
        __asm__ volatile(FPU "mov r0, #0\nvmsr fpscr, r0\n"                 \
                         "vldmia %0, {d0-d5}\n" text "\n"                   \
                         "vstmia %0, {d0-d5}\nvmrs r0, fpscr\n"             \
                         "str r0, [%0, #48]\n"                              \
                         : : "r"(regs) : "r0", "r12", "memory");                   \
    }

INSN(i_vadd8, "vadd.i8 q2, q0, q1")
INSN(i_vadd64, "vadd.i64 q2, q0, q1")
INSN(i_vsub16, "vsub.i16 d4, d0, d3")
INSN(i_vqadd_s8, "vqadd.s8 q2, q0, q1")
INSN(i_vqadd_u16, "vqadd.u16 q2, q0, q1")
INSN(i_vqsub_s32, "vqsub.s32 q2, q0, q1")
INSN(i_vqsub_u64, "vqsub.u64 q2, q0, q1")
INSN(i_vhadd_s8, "vhadd.s8 q2, q0, q1")
INSN(i_vrhadd_u16, "vrhadd.u16 q2, q0, q1")
INSN(i_vhsub_u32, "vhsub.u32 q2, q0, q1")
INSN(i_vand, "vand q2, q0, q1")
INSN(i_vbic, "vbic q2, q0, q1")
INSN(i_vorr, "vorr q2, q0, q1")
INSN(i_vorn, "vorn q2, q0, q1")
INSN(i_veor, "veor q2, q0, q1")
INSN(i_vbsl, "vbsl q2, q0, q1")
INSN(i_vbit, "vbit q2, q0, q1")
INSN(i_vbif, "vbif q2, q0, q1")
INSN(i_vcgt_s8, "vcgt.s8 q2, q0, q1")
INSN(i_vcge_u16, "vcge.u16 q2, q0, q1")
INSN(i_vceq_i32, "vceq.i32 q2, q0, q1")
INSN(i_vtst_8, "vtst.8 q2, q0, q1")
INSN(i_vshl_s8, "vshl.s8 q2, q0, q1")
INSN(i_vshl_u64, "vshl.u64 q2, q0, q1")
INSN(i_vrshl_s16, "vrshl.s16 q2, q0, q1")
INSN(i_vqshl_u32, "vqshl.u32 q2, q0, q1")
INSN(i_vqrshl_s8, "vqrshl.s8 q2, q0, q1")
INSN(i_vqshl_s64, "vqshl.s64 q2, q0, q1")
INSN(i_vmax_s16, "vmax.s16 q2, q0, q1")
INSN(i_vmin_u8, "vmin.u8 q2, q0, q1")
INSN(i_vabd_s32, "vabd.s32 q2, q0, q1")
INSN(i_vaba_u8, "vaba.u8 q2, q0, q1")
INSN(i_vmla_i16, "vmla.i16 q2, q0, q1")
INSN(i_vmls_i32, "vmls.i32 q2, q0, q1")
INSN(i_vmul_i8, "vmul.i8 q2, q0, q1")
INSN(i_vmul_p8, "vmul.p8 q2, q0, q1")
INSN(i_vpmax_s8, "vpmax.s8 d4, d0, d3")
INSN(i_vpmin_u16, "vpmin.u16 d4, d0, d3")
INSN(i_vpadd_i32, "vpadd.i32 d4, d0, d3")
INSN(i_vqdmulh_s16, "vqdmulh.s16 q2, q0, q1")
INSN(i_vqrdmulh_s32, "vqrdmulh.s32 q2, q0, q1")
INSN(f_vadd, "vadd.f32 q2, q0, q1")
INSN(f_vsub, "vsub.f32 q2, q0, q1")
INSN(f_vpadd, "vpadd.f32 d4, d0, d3")
INSN(f_vabd, "vabd.f32 q2, q0, q1")
INSN(f_vmla, "vmla.f32 q2, q0, q1")
INSN(f_vmls, "vmls.f32 q2, q0, q1")
INSN(f_vmul, "vmul.f32 q2, q0, q1")
INSN(f_vfma, "vfma.f32 q2, q0, q1")
INSN(f_vfms, "vfms.f32 q2, q0, q1")
INSN(f_vceq, "vceq.f32 q2, q0, q1")
INSN(f_vcge, "vcge.f32 q2, q0, q1")
INSN(f_vcgt, "vcgt.f32 q2, q0, q1")
INSN(f_vacge, "vacge.f32 q2, q0, q1")
INSN(f_vacgt, "vacgt.f32 q2, q0, q1")
INSN(f_vmax, "vmax.f32 q2, q0, q1")
INSN(f_vmin, "vmin.f32 q2, q0, q1")
INSN(f_vpmax, "vpmax.f32 d4, d0, d3")
INSN(f_vpmin, "vpmin.f32 d4, d0, d3")
INSN(f_vrecps, "vrecps.f32 q2, q0, q1")
INSN(f_vrsqrts, "vrsqrts.f32 q2, q0, q1")
INSN(m_imm, "vmov.i32 q2, #0x45\nvmvn.i16 d0, #0x1200\nvorr.i32 d1, #0x8c00\n"
            "vbic.i16 d2, #0x7f\nvmov.i64 d3, #0xff00ff0000ffff00\n"
            "vmov.f32 d5, #-1.25")
INSN(m_vext, "vext.8 q2, q0, q1, #5\nvext.16 d1, d2, d3, #3")
INSN(m_vdup, "vdup.8 d4, d1[5]\nvdup.16 q0, d2[3]\nvdup.32 d5, d3[1]")
INSN(m_vdupr, "vmov r0, s3\nvdup.8 d4, r0\nvdup.16 q0, r0\nvdup.32 d5, r0")
INSN(m_vrev, "vrev64.8 d4, d0\nvrev32.16 d5, d1\nvrev16.8 q0, q1")
INSN(m_vcls, "vcls.s8 d4, d0\nvclz.i16 d5, d1\nvcnt.8 d2, d3")
INSN(m_vmvn, "vmvn q2, q0\nvqabs.s8 d0, d3\nvqneg.s16 d1, d2")
INSN(m_cmpz, "vcgt.s8 d0, d3, #0\nvcge.s16 d1, d2, #0\nvceq.i32 d4, d3, #0\n"
             "vcle.s8 d5, d2, #0\nvclt.s16 d2, d3, #0")
INSN(m_absneg, "vabs.s8 q2, q0\nvneg.s32 d0, d3")
INSN(m_fcmpz, "vcgt.f32 d0, d3, #0\nvcge.f32 d1, d2, #0\nvceq.f32 d4, d3, #0\n"
              "vcle.f32 d5, d2, #0\nvclt.f32 d2, d3, #0")
INSN(m_fabsneg, "vabs.f32 q2, q0\nvneg.f32 d0, d3")
INSN(m_fcvt, "vcvt.s32.f32 d4, d0\nvcvt.u32.f32 d5, d1\n"
             "vcvt.f32.s32 d0, d2\nvcvt.f32.u32 d1, d3")
INSN(p_vswp, "vswp d0, d3")
INSN(p_vtrn8, "vtrn.8 q0, q1")
INSN(p_vtrn32, "vtrn.32 d4, d5")
INSN(p_vuzp16, "vuzp.16 q0, q1")
INSN(p_vuzp8, "vuzp.8 d4, d5")
INSN(p_vzip32, "vzip.32 q0, q1")
INSN(p_vzip8, "vzip.8 d4, d5")
INSN(l_vld1, "mov r0, %0\nvld1.8 {d4-d5}, [r0]!\nvld1.32 {d0}, [r0]\n"
             "vst1.16 {d2-d3}, [r0:64]\nvld1.64 {d1-d3}, [r0]")
INSN(l_vld2, "mov r0, %0\nvld2.8 {d0-d1}, [r0]\nvld2.16 {d2, d4}, [r0]!\n"
             "vst2.32 {d2-d5}, [r0]")
INSN(l_vld3, "mov r0, %0\nvld3.16 {d0-d2}, [r0]\nvst3.8 {d1, d3, d5}, [r0]!\n"
             "vld3.32 {d3-d5}, [r0]")
INSN(l_vld4, "mov r0, %0\nvld4.8 {d0-d3}, [r0]\nvst4.16 {d1, d3, d5, d7}, [r0]\n"
             "vld4.32 {d2-d5}, [r0:128]")
INSN(l_lane, "mov r0, %0\nvld1.8 {d0[3]}, [r0]\nadd r0, r0, #4\nvld1.32 {d1[1]}, [r0:32]\n"
             "vld2.16 {d2[1], d4[1]}, [r0]\nvst3.32 {d3[1], d4[1], d5[1]}, [r0]\n"
             "vld4.8 {d0[7], d1[7], d2[7], d3[7]}, [r0]")
INSN(l_all, "mov r0, %0\nvld1.16 {d0[]}, [r0]\nvld1.32 {d1[], d2[]}, [r0:32]\n"
            "vld2.8 {d3[], d5[]}, [r0]\nvld3.16 {d0[], d1[], d2[]}, [r0]\n"
            "vld4.32 {d2[], d3[], d4[], d5[]}, [r0]")
INSN(l_wb, "mov r0, %0\nmov r12, #4\nvld1.8 {d0}, [r0], r12\n"
           "vld4.8 {d1[2], d2[2], d3[2], d4[2]}, [r0]!\nvmov.32 d5[0], r0\n"
           "sub r0, r0, %0\nvmov.32 d5[1], r0")

INSN(s_shr, "vshr.s8 q2, q0, #3\nvshr.u64 d1, d3, #64\nvsra.s16 d0, d2, #16")
INSN(s_rshr, "vrshr.u32 q2, q0, #7\nvrsra.s8 d1, d3, #8\nvrshr.s64 d0, d2, #1")
INSN(s_sri, "vsri.8 q2, q0, #3\nvsli.16 d1, d3, #15\nvshl.i32 d0, d2, #31")
INSN(s_qshl, "vqshl.s8 q2, q0, #3\nvqshlu.s16 d1, d3, #9\nvqshl.u64 d0, d2, #33")
INSN(s_shrn, "vshrn.i16 d4, q0, #5\nvrshrn.i32 d5, q1, #16\nvqshrn.s64 d0, q1, #3")
INSN(s_qshrn, "vqshrun.s16 d4, q0, #1\nvqrshrun.s32 d5, q1, #9\n"
              "vqrshrn.u16 d0, q1, #8")
INSN(s_shll, "vshll.s8 q2, d0, #3\nvmovl.u16 q0, d3")
INSN(s_cvtfix, "vcvt.s32.f32 q2, q0, #5\nvcvt.f32.u32 d0, d3, #32\n"
               "vcvt.u32.f32 d1, d2, #1")
INSN(d_long, "vaddl.s8 q2, d0, d3\nvsubw.u16 q0, q1, d5")
INSN(d_hn, "vaddhn.i16 d4, q0, q1\nvrsubhn.i32 d5, q1, q0\nvraddhn.i64 d0, q1, q2")
INSN(d_abal, "vabal.u8 q2, d0, d3\nvabdl.s16 q0, d2, d5")
INSN(d_mlal, "vmlal.s16 q2, d0, d3\nvmlsl.u32 q0, d2, d5")
INSN(d_mull, "vmull.u8 q2, d0, d3\nvmull.p8 q0, d2, d5")
INSN(d_qd, "vqdmlal.s16 q2, d0, d3\nvqdmlsl.s32 q0, d2, d5\nvqdmull.s16 q1, d4, d4")
INSN(c_int, "vmla.i16 q2, q0, d3[2]\nvmls.i32 d0, d2, d5[1]\nvmul.i16 d1, d1, d7[3]")
INSN(c_flt, "vmla.f32 q2, q0, d3[1]\nvmls.f32 d0, d2, d5[0]\nvmul.f32 d1, d1, d3[1]")
INSN(c_long, "vmlal.s16 q2, d0, d3[2]\nvmull.u32 q0, d2, d5[1]")
INSN(c_qd, "vqdmulh.s16 q2, q0, d3[2]\nvqrdmulh.s32 d0, d2, d5[1]\n"
           "vqdmlal.s16 q1, d4, d0[3]")
INSN(t_tbl, "vtbl.8 d4, {d0-d2}, d3\nvtbx.8 d5, {d1}, d2")
INSN(m_paddl, "vpaddl.s8 q2, q0\nvpadal.u16 d1, d3")
INSN(m_movn, "vmovn.i16 d4, q0\nvqmovun.s32 d5, q1\nvqmovn.u64 d0, q1\n"
             "vqmovn.s16 d1, q2")
INSN(m_shllmax, "vshll.i16 q2, d1, #16")
INSN(m_half, "vcvt.f16.f32 d4, q0\nvcvt.f32.f16 q0, d3")
INSN(m_recpe, "vrecpe.f32 q2, q0\nvrsqrte.f32 d0, d3\nvrecpe.u32 d1, d2\n"
              "vrsqrte.u32 d3, d5")

typedef void (*Fn)(void);
static const struct { const char *n; Fn f; } insns[] = {
#define E(x) { #x, x }
    E(i_vadd8), E(i_vadd64), E(i_vsub16), E(i_vqadd_s8), E(i_vqadd_u16),
    E(i_vqsub_s32), E(i_vqsub_u64), E(i_vhadd_s8), E(i_vrhadd_u16),
    E(i_vhsub_u32), E(i_vand), E(i_vbic), E(i_vorr), E(i_vorn), E(i_veor),
    E(i_vbsl), E(i_vbit), E(i_vbif), E(i_vcgt_s8), E(i_vcge_u16),
    E(i_vceq_i32), E(i_vtst_8), E(i_vshl_s8), E(i_vshl_u64),
    E(i_vrshl_s16), E(i_vqshl_u32), E(i_vqrshl_s8), E(i_vqshl_s64),
    E(i_vmax_s16), E(i_vmin_u8), E(i_vabd_s32), E(i_vaba_u8),
    E(i_vmla_i16), E(i_vmls_i32), E(i_vmul_i8), E(i_vmul_p8),
    E(i_vpmax_s8), E(i_vpmin_u16), E(i_vpadd_i32), E(i_vqdmulh_s16),
    E(i_vqrdmulh_s32), E(f_vadd), E(f_vsub), E(f_vpadd), E(f_vabd),
    E(f_vmla), E(f_vmls), E(f_vmul), E(f_vfma), E(f_vfms), E(f_vceq),
    E(f_vcge), E(f_vcgt), E(f_vacge), E(f_vacgt), E(f_vmax), E(f_vmin),
    E(f_vpmax), E(f_vpmin), E(f_vrecps), E(f_vrsqrts), E(m_imm), E(m_vext),
    E(m_vdup), E(m_vdupr), E(m_vrev), E(m_vcls), E(m_vmvn), E(m_cmpz),
    E(m_absneg), E(m_fcmpz), E(m_fabsneg), E(m_fcvt), E(p_vswp),
    E(p_vtrn8), E(p_vtrn32), E(p_vuzp16), E(p_vuzp8), E(p_vzip32),
    E(p_vzip8), E(l_vld1), E(l_vld2), E(l_vld3), E(l_vld4), E(l_lane),
    E(l_all), E(l_wb), E(s_shr), E(s_rshr), E(s_sri), E(s_qshl),
    E(s_shrn), E(s_qshrn), E(s_shll), E(s_cvtfix), E(d_long), E(d_hn),
    E(d_abal), E(d_mlal), E(d_mull), E(d_qd), E(c_int), E(c_flt),
    E(c_long), E(c_qd), E(t_tbl), E(m_paddl), E(m_movn), E(m_shllmax),
    E(m_half), E(m_recpe),
#undef E
};

static const uint32_t special[] = {
    0x00000000, 0x80000000, 0x7fffffff, 0xffffffff, 0x3f800000, 0xbf800000,
    0x7f800000, 0xff800000, 0x7fc00000, 0x7f800001, 0x00000001, 0x807fffff,
    0x00ff7f80, 0x80017ffe, 0x40400000, 0x0000003f,
};

static void fill(int n)
{
    for (int i = 0; i < 12; i++) {
        uint32_t r = rng();
        if (n % 3 == 1) {
            r = special[r % 16];
        } else if (n % 3 == 2) {
            r = (r & 0x83ffffff) | 0x3c000000;      /* floats near 1 */
        }
        regs[i] = r;
    }
}

void test_main(void)
{
    __asm__ volatile(".fpu neon-vfpv4\n"
                     "mrc p15, 0, r0, c1, c0, 2\n"
                     "orr r0, r0, #0xf00000\n"
                     "mcr p15, 0, r0, c1, c0, 2\n"
                     "isb\n"
                     "mov r0, #0x40000000\n"
                     "vmsr fpexc, r0\n" : : : "r0");
    for (unsigned k = 0; k < sizeof(insns) / sizeof(insns[0]); k++) {
        for (int n = 0; n < 24; n++) {
            static uint32_t extra[13];
            fill(n);
            insns[k].f();
            for (int i = 0; i < 13; i++) {
                extra[i] = regs[i];
            }
            puts_uart(insns[k].n);
            putc_uart('_');
            puthex((uint32_t)n);
            putc_uart(':');
            for (int i = 0; i < 13; i++) {
                putc_uart(' ');
                puthex(extra[i]);
            }
            putc_uart('\n');
        }
    }
}
