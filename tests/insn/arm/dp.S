// SPDX-License-Identifier: MIT
// Data processing: all sixteen opcodes with the S bit in every shifter
// operand form (immediates with and without rotation, register, register
// shifted by immediate incl. the 32-bit and RRX encodings, register shifted
// by register with amounts 0, 1, 31, 32, 33, 255, 256), from two input sets
// with different carry-in; plus the non-S forms (flags must not change).
#include "test.inc"

// Input sets: r1 = Rn, r2 = Rm, flags.
    .macro SETIN_A
    LI      r1, 0x80000001
    LI      r2, 0xc0000003
    FLAGS   0x2                     // C=1
    .endm
    .macro SETIN_B
    LI      r1, 0x7ffffff0
    LI      r2, 0x00000011
    FLAGS   0x1                     // V=1, C=0
    .endm
    .macro SETIN_C
    LI      r1, 0x00000000
    LI      r2, 0xffffffff
    FLAGS   0xc                     // N=1 Z=1
    .endm

// kind 3: op Rd, Rn, op2; 2: op Rd, op2 (MOV/MVN); c: op Rn, op2 (compare)
    .macro ONE op, kind, set, tag, operand:vararg
    SETIN_\set
    .ifc \kind,3
    \op     r0, r1, \operand
    .endif
    .ifc \kind,2
    \op     r0, \operand
    .endif
    .ifc \kind,c
    mov     r0, #0
    \op     r1, \operand
    .endif
    REPORT  \op\()_\tag\()_\set, R0|F
    .endm

    .macro ONERS op, kind, set, sh, amt
    LI      r3, \amt
    ONE     \op, \kind, \set, \sh\()r\amt, r2, \sh r3
    .endm

    .macro FORMS op, kind, set
    ONE     \op, \kind, \set, i0, #0
    ONE     \op, \kind, \set, iff, #0xff
    ONE     \op, \kind, \set, irot, #0xf000000f
    ONE     \op, \kind, \set, i80, #0x80000000
    ONE     \op, \kind, \set, reg, r2
    ONE     \op, \kind, \set, lsl1, r2, lsl #1
    ONE     \op, \kind, \set, lsl31, r2, lsl #31
    ONE     \op, \kind, \set, lsr1, r2, lsr #1
    ONE     \op, \kind, \set, lsr32, r2, lsr #32
    ONE     \op, \kind, \set, asr1, r2, asr #1
    ONE     \op, \kind, \set, asr32, r2, asr #32
    ONE     \op, \kind, \set, ror1, r2, ror #1
    ONE     \op, \kind, \set, ror31, r2, ror #31
    ONE     \op, \kind, \set, rrx, r2, rrx
    .irp sh, lsl, lsr, asr, ror
    .irp amt, 0, 1, 31, 32, 33, 255, 256
    ONERS   \op, \kind, \set, \sh, \amt
    .endr
    .endr
    .endm

    .macro ALLSETS op, kind
    FORMS   \op, \kind, A
    FORMS   \op, \kind, B
    FORMS   \op, \kind, C
    .endm

    .macro NOS3 op
    ONE     \op, 3, A, nos, r2, lsr r1
    ONE     \op, 3, B, nos, r2, asr #3
    .endm
    .macro NOS2 op
    ONE     \op, 2, A, nos, r2, ror #4
    ONE     \op, 2, C, nos, r1
    .endm

    .text
    .global test_main
test_main:
    push    {r4-r11, lr}
    .irp op, ands, eors, subs, rsbs, adds, adcs, sbcs, rscs, orrs, bics
    ALLSETS \op, 3
    .endr
    .irp op, movs, mvns
    ALLSETS \op, 2
    .endr
    .irp op, tst, teq, cmp, cmn
    ALLSETS \op, c
    .endr
    // Non-S forms leave every flag alone.
    .irp op, and, eor, sub, rsb, add, adc, sbc, rsc, orr, bic
    NOS3    \op
    .endr
    NOS2    mov
    NOS2    mvn
    // Same register as several operands, and Rd == Rn.
    LI      r4, 0x40000001
    FLAGS   0
    adds    r4, r4, r4, lsl #1
    REPORT  adds_same_reg, R4|F
    LI      r4, 0x00000003
    LI      r5, 0x00000002
    FLAGS   0x2
    rscs    r5, r5, r4, lsl r5
    REPORT  rscs_rd_is_rs, R5|F
    // PC as an operand reads the instruction address + 8.
    adr     r6, 1f
    add     r7, pc, #0
1:  sub     r7, r7, r6
    REPORT  add_pc_operand, R7
    mov     r8, pc
2:  adr     r9, 2b
    sub     r8, r8, r9
    REPORT  mov_from_pc, R8
    pop     {r4-r11, pc}
