// SPDX-License-Identifier: MIT
// Parallel add/subtract (S/Q/SH/U/UQ/UH x ADD16/ASX/SAX/SUB16/ADD8/SUB8,
// GE bits from the S and U forms), saturating arithmetic (QADD/QSUB/QDADD/
// QDSUB, SSAT/USAT with shifts, SSAT16/USAT16) and the sticky Q flag.
#include "test.inc"

    .macro SET_A
    LI      r1, 0x7fff8000
    LI      r2, 0x00017fff
    FLAGS   0
    GEBITS  0
    .endm
    .macro SET_B
    LI      r1, 0x80ff017f
    LI      r2, 0x7f0180ff
    FLAGS   0
    GEBITS  0xf
    .endm
    .macro SET_C
    LI      r1, 0x12345678
    LI      r2, 0xfedcba98
    FLAGS   0x6
    GEBITS  0x5
    .endm
    .macro SET_D
    LI      r1, 0x80000000
    LI      r2, 0x7fffffff
    FLAGS   0
    GEBITS  0
    .endm

    .macro P3 op, set
    SET_\set
    \op     r0, r1, r2
    REPORT  \op\()_\set, R0|F
    .endm
    .macro PALL op
    .irp set, A, B, C, D
    P3      \op, \set
    .endr
    .endm
    .macro PFAM pre
    .irp k, add16, asx, sax, sub16, add8, sub8
    PALL    \pre\()\k
    .endr
    .endm
    .macro SAT tag, insn:vararg
    FLAGS   0
    \insn
    REPORT  \tag, R0|F
    .endm

    .text
    .global test_main
test_main:
    push    {r4-r11, lr}
    .irp pre, s, q, sh, u, uq, uh
    PFAM    \pre
    .endr
    .irp op, qadd, qsub, qdadd, qdsub
    PALL    \op
    .endr
    // Q is sticky: a saturating op that does not saturate keeps it set.
    LI      r1, 1
    LI      r2, 2
    FLAGSQ  0
    qadd    r0, r1, r2
    REPORT  qadd_q_sticky, R0|F
    // SSAT / USAT.
    LI      r1, 0x00012345
    SAT     ssat8, ssat r0, #8, r1
    SAT     ssat32, ssat r0, #32, r1
    SAT     ssat17, ssat r0, #17, r1
    SAT     ssat18, ssat r0, #18, r1
    SAT     ssat1_lsl, ssat r0, #1, r1, lsl #3
    SAT     usat8, usat r0, #8, r1
    SAT     usat0, usat r0, #0, r1
    SAT     usat31, usat r0, #31, r1
    SAT     usat17, usat r0, #17, r1
    SAT     ssat_asr, ssat r0, #12, r1, asr #8
    SAT     ssat_lsl31, ssat r0, #16, r1, lsl #31
    LI      r1, 0xfff00000
    SAT     ssat_neg, ssat r0, #16, r1
    SAT     ssat_neg_ok, ssat r0, #24, r1, asr #4
    SAT     usat_neg, usat r0, #16, r1
    SAT     usat_asr32, usat r0, #16, r1, asr #31
    SAT     ssat_asr32, ssat r0, #4, r1, asr #31
    LI      r1, 0x7fff8000
    SAT     ssat16_8, ssat16 r0, #8, r1
    SAT     ssat16_16, ssat16 r0, #16, r1
    SAT     ssat16_1, ssat16 r0, #1, r1
    SAT     usat16_8, usat16 r0, #8, r1
    SAT     usat16_0, usat16 r0, #0, r1
    SAT     usat16_15, usat16 r0, #15, r1
    LI      r1, 0x00400040
    SAT     ssat16_ok, ssat16 r0, #8, r1
    SAT     usat16_ok, usat16 r0, #8, r1
    pop     {r4-r11, pc}
