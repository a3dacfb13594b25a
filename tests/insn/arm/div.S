// SPDX-License-Identifier: MIT
// SDIV/UDIV: signs, rounding toward zero, INT_MIN / -1, and division by
// zero (result 0 in the A profile, no exception).  Flags never change.
#include "test.inc"

    .macro DIV n, d, tag
    LI      r1, \n
    LI      r2, \d
    FLAGS   0x5
    sdiv    r0, r1, r2
    udiv    r3, r1, r2
    REPORT  div_\tag, R0|R3|F
    .endm

    .text
    .global test_main
test_main:
    push    {r4-r11, lr}
    DIV     100, 7, pos
    DIV     -100, 7, negn
    DIV     100, -7, negd
    DIV     -100, -7, negboth
    DIV     0x80000000, 0xffffffff, intmin_m1
    DIV     0x80000000, 1, intmin_1
    DIV     0xffffffff, 0xffffffff, ones
    DIV     12345, 0, byzero
    DIV     0x80000000, 0, intmin_zero
    DIV     0, 0, zero_zero
    DIV     0, 5, zero_n
    DIV     7, 100, small
    DIV     0xfffffff9, 2, odd_neg
    DIV     0xdeadbeef, 0x10, big
    DIV     0x7fffffff, 0x80000000, maxmin
    // Destination equals a source.
    LI      r4, 1000
    LI      r5, 3
    udiv    r4, r4, r5
    sdiv    r5, r4, r5
    REPORT  div_overlap, R4|R5
    pop     {r4-r11, pc}
