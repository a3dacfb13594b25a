// SPDX-License-Identifier: MIT
// Conditional execution: every condition code (EQ..AL) against all sixteen
// NZCV values, applied to one instruction of each group (data processing
// with and without S, load, store, multiply, long multiply, divide,
// saturating, parallel, extend, bitfield, MOVW/MOVT, CLZ, REV, SEL, LDM,
// LDREX, BL and BX).  A skipped instruction must have no effect at all.
#include "test.inc"

    .data
    .balign 16
cbuf:
    .word   0x11111111, 0, 0x22222222, 0x33333333

    .text
    .macro CC cond, nzcv
    movw    r9, #:lower16:cbuf
    movt    r9, #:upper16:cbuf
    mov     r0, #0
    str     r0, [r9, #4]
    .irp r, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12
    mov     r\r, #\r
    .endr
    mov     lr, #0
    msr     APSR_nzcvqg, #((\nzcv) << 28)
    add\cond r1, r1, #0x100
    ldr\cond r2, [r9]
    str\cond r3, [r9, #4]
    mul\cond r4, r4, r4
    umull\cond r5, r6, r5, r6
    udiv\cond r7, r7, r8
    qadd\cond r8, r8, r8
    uadd8\cond r10, r10, r10
    uxtb\cond r11, r9
    ubfx\cond r12, r9, #8, #8
    movt\cond r1, #0xab
    clz\cond r3, r3
    rev\cond r4, r4
    sel\cond r5, r5, r9
    ldmia\cond r9, {r6, r7}
    ldrex\cond r0, [r9]
    clrex
    bl\cond 1f
    nop
1:  adds\cond r2, r2, #0x80000000
    adr     r0, 2f
    bx\cond r0
    orr     r1, r1, #0x80000000
2:  ldr     r0, [r9, #4]
    str     r0, [r9, #4]
    clz     lr, lr                  // lr = 1 when BL did not run
    lsr     lr, lr, #5
    REPORT  \cond\()_\nzcv, R0|R1|R2|R3|R4|R5|R6|R7|R8|R10|R11|R12|LR|F
    .endm

    .macro ALLFLAGS cond
    .irp f, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
    CC      \cond, \f
    .endr
    .endm

    .global test_main
test_main:
    push    {r4-r11, lr}
    .irp c, eq, ne, cs, cc, mi, pl, vs, vc, hi, ls, ge, lt, gt, le, al
    ALLFLAGS \c
    .endr
    pop     {r4-r11, pc}
