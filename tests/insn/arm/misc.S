// SPDX-License-Identifier: MIT
// Miscellaneous data instructions: CLZ, REV/REV16/REVSH, RBIT, the extends
// (UXTB/UXTH/UXTB16/SXTB/SXTH/SXTB16 with every rotation, and the
// accumulating UXTA*/SXTA* forms), UBFX/SBFX, BFI/BFC, MOVW/MOVT, SEL,
// PKHBT/PKHTB, and MRS/MSR on the APSR (flags, Q, GE).
#include "test.inc"

    .macro SRC
    LI      r1, 0x8123f4e5
    LI      r2, 0x00ff7f80
    .endm
    .macro U2 op, rot=0                     // op r0, r1, ror #rot
    SRC
    .if \rot
    \op     r0, r1, ror #\rot
    REPORT  \op\()_ror\rot, R0
    .else
    \op     r0, r1
    REPORT  \op, R0
    .endif
    .endm
    .macro U3 op, rot=0                     // op r0, r2, r1, ror #rot
    SRC
    .if \rot
    \op     r0, r2, r1, ror #\rot
    REPORT  \op\()_ror\rot, R0
    .else
    \op     r0, r2, r1
    REPORT  \op, R0
    .endif
    .endm
    .macro BF tag, insn:vararg
    SRC
    LI      r0, 0x5a5a5a5a
    \insn
    REPORT  \tag, R0
    .endm
    .macro CLZ1 val
    LI      r1, \val
    clz     r0, r1
    REPORT  clz_\val, R0
    .endm
    .macro SEL1 ge
    SRC
    GEBITS  \ge
    sel     r0, r1, r2
    REPORT  sel_ge\ge, R0|F
    .endm

    .text
    .global test_main
test_main:
    push    {r4-r11, lr}
    .irp v, 0, 1, 0x80000000, 0x00010000, 0x7fffffff, 0xffffffff, 0x00000300
    CLZ1    \v
    .endr
    .irp op, rev, rev16, revsh, rbit
    U2      \op
    .endr
    LI      r1, 0x00000080
    revsh   r0, r1
    REPORT  revsh_neg, R0
    .irp op, uxtb, uxth, uxtb16, sxtb, sxth, sxtb16
    U2      \op
    U2      \op, 8
    U2      \op, 16
    U2      \op, 24
    .endr
    .irp op, uxtab, uxtah, uxtab16, sxtab, sxtah, sxtab16
    U3      \op
    U3      \op, 8
    U3      \op, 16
    U3      \op, 24
    .endr
    BF      ubfx_0_8, ubfx r0, r1, #0, #8
    BF      ubfx_4_12, ubfx r0, r1, #4, #12
    BF      ubfx_31_1, ubfx r0, r1, #31, #1
    BF      ubfx_0_32, ubfx r0, r1, #0, #32
    BF      sbfx_0_8, sbfx r0, r1, #0, #8
    BF      sbfx_12_4, sbfx r0, r1, #12, #4
    BF      sbfx_5_27, sbfx r0, r1, #5, #27
    BF      sbfx_31_1, sbfx r0, r1, #31, #1
    BF      sbfx_0_32, sbfx r0, r1, #0, #32
    BF      bfi_0_8, bfi r0, r1, #0, #8
    BF      bfi_4_12, bfi r0, r1, #4, #12
    BF      bfi_31_1, bfi r0, r1, #31, #1
    BF      bfi_0_32, bfi r0, r1, #0, #32
    BF      bfi_16_16, bfi r0, r2, #16, #16
    BF      bfc_0_1, bfc r0, #0, #1
    BF      bfc_8_16, bfc r0, #8, #16
    BF      bfc_0_32, bfc r0, #0, #32
    BF      bfc_31_1, bfc r0, #31, #1
    BF      movw, movw r0, #0xbeef
    BF      movt, movt r0, #0xcafe
    movw    r0, #0xffff
    movt    r0, #0
    REPORT  movw_movt, R0
    BF      pkhbt, pkhbt r0, r1, r2
    BF      pkhbt_lsl, pkhbt r0, r1, r2, lsl #4
    BF      pkhbt_lsl31, pkhbt r0, r1, r2, lsl #31
    BF      pkhtb, pkhtb r0, r1, r2, asr #16
    BF      pkhtb_asr32, pkhtb r0, r1, r2, asr #32
    BF      pkhtb_asr1, pkhtb r0, r1, r2, asr #1
    .irp ge, 0, 1, 2, 5, 0xa, 0xf
    SEL1    \ge
    .endr
    // MRS / MSR on the APSR.
    LI      r1, 0xf80f0000
    msr     APSR_nzcvqg, r1
    mrs     r0, APSR
    and     r0, r0, r1
    REPORT  msr_all, R0|F
    LI      r1, 0x50000000
    msr     APSR_nzcvq, r1
    mrs     r0, APSR
    LI      r2, 0xf80f0000
    and     r0, r0, r2
    REPORT  msr_nzcvq_keeps_ge, R0|F
    LI      r1, 0x00050000
    msr     APSR_g, r1
    mrs     r0, APSR
    and     r0, r0, r2
    REPORT  msr_g_keeps_nzcv, R0|F
    msr     APSR_nzcvq, #0x80000000
    REPORT  msr_imm, F
    mrs     r0, cpsr
    ubfx    r0, r0, #0, #9
    REPORT  mrs_mode_bits, R0
    pop     {r4-r11, pc}
