// SPDX-License-Identifier: MIT
// Multiplies: MUL/MLA/MLS, the long forms UMULL/SMULL/UMLAL/SMLAL/UMAAL
// (with and without S), and the DSP forms: SMULxy, SMLAxy, SMULWy, SMLAWy,
// SMLALxy, SMUAD(X), SMUSD(X), SMLAD(X), SMLSD(X), SMLALD(X), SMLSLD(X),
// SMMUL(R), SMMLA(R), SMMLS(R), USAD8, USADA8.  Q flag set by overflowing
// accumulations; S forms leave C and V alone.
#include "test.inc"

// Operand sets: r1 = Rn, r2 = Rm, r3 = Ra / RdLo, r4 = RdHi.
    .macro SET_A
    LI      r1, 0x12345678
    LI      r2, 0x9abcdef0
    LI      r3, 0x0f0f0f0f
    LI      r4, 0x80000001
    FLAGS   0x3
    .endm
    .macro SET_B
    LI      r1, 0x80008000
    LI      r2, 0x80007fff
    LI      r3, 0x7fffffff
    LI      r4, 0xffffffff
    FLAGS   0x0
    .endm
    .macro SET_C
    LI      r1, 0xffffffff
    LI      r2, 0xffffffff
    LI      r3, 0xffffffff
    LI      r4, 0xffffffff
    FLAGS   0xc
    .endm
    .macro SET_D
    LI      r1, 0x7fff8000
    LI      r2, 0x00010000
    LI      r3, 0x00000000
    LI      r4, 0x00000000
    FLAGS   0x1
    .endm

    .macro M3 op, set             // op Rd, Rn, Rm
    SET_\set
    \op     r0, r1, r2
    REPORT  \op\()_\set, R0|F
    .endm
    .macro M4 op, set             // op Rd, Rn, Rm, Ra
    SET_\set
    \op     r0, r1, r2, r3
    REPORT  \op\()_\set, R0|F
    .endm
    .macro ML op, set             // op RdLo, RdHi, Rn, Rm
    SET_\set
    \op     r3, r4, r1, r2
    REPORT  \op\()_\set, R3|R4|F
    .endm

    .macro ALL mac, op
    .irp set, A, B, C, D
    \mac    \op, \set
    .endr
    .endm

    .text
    .global test_main
test_main:
    push    {r4-r11, lr}
    .irp op, mul, muls, smmul, smmulr, smuad, smuadx, smusd, smusdx, usad8
    ALL     M3, \op
    .endr
    .irp op, smulbb, smulbt, smultb, smultt, smulwb, smulwt
    ALL     M3, \op
    .endr
    .irp op, mla, mlas, mls, smmla, smmlar, smmls, smmlsr, usada8
    ALL     M4, \op
    .endr
    .irp op, smlad, smladx, smlsd, smlsdx
    ALL     M4, \op
    .endr
    .irp op, smlabb, smlabt, smlatb, smlatt, smlawb, smlawt
    ALL     M4, \op
    .endr
    .irp op, umull, umulls, smull, smulls, umlal, umlals, smlal, smlals, umaal
    ALL     ML, \op
    .endr
    .irp op, smlalbb, smlalbt, smlaltb, smlaltt, smlald, smlaldx, smlsld, smlsldx
    ALL     ML, \op
    .endr
    // Rd == Rn == Rm, and accumulate into a register that is also a source.
    LI      r5, 0xfffffffe
    muls    r5, r5, r5
    REPORT  muls_same, R5|F
    LI      r5, 3
    LI      r6, 0x40000000
    mla     r5, r6, r5, r5
    REPORT  mla_overlap, R5
    // Q overflow in SMLAD and SMLABB: Q is sticky, so also run with Q set.
    LI      r1, 0x80008000
    LI      r2, 0x80008000
    LI      r3, 0x7fffffff
    FLAGS   0
    smlad   r0, r1, r2, r3
    REPORT  smlad_q, R0|F
    FLAGSQ  0
    smlabb  r0, r1, r2, r3
    REPORT  smlabb_qsticky, R0|F
    FLAGS   0
    smuad   r0, r1, r2
    REPORT  smuad_q, R0|F
    pop     {r4-r11, pc}
