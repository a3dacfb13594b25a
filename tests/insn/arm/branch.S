// SPDX-License-Identifier: MIT
// Branches within A32: B and BL forwards and backwards (incl. conditional),
// BX and BLX register, conditional BX/BL that are skipped.  Thumb
// interworking is in interwork.S.
#include "test.inc"

    .text
    .global test_main
test_main:
    push    {r4-r11, lr}
    // B forwards / backwards, BL link value.
    mov     r0, #0
    b       1f
0:  add     r0, r0, #0x10
    b       2f
1:  add     r0, r0, #1
    b       0b
2:  REPORT  b_fwd_back, R0
    adr     r4, 3f
    bl      arm_fn
3:  sub     r1, lr, r4
    REPORT  bl_link, R0|R1
    // Conditional branches in a loop.
    mov     r0, #0
    mov     r1, #10
4:  add     r0, r0, r1
    subs    r1, r1, #1
    bne     4b
    REPORT  loop_bne, R0|R1|F
    // BX to ARM, BLX register to ARM.
    adr     r2, arm_fn
    blx     r2
5:  adr     r4, 5b
    sub     r1, lr, r4
    REPORT  blx_reg_arm, R0|R1
    // BX with a condition that fails, and a conditional BL that fails.
    FLAGS   0x4
    adr     r2, 9f
    mov     r0, #0
    bxne    r2
    add     r0, r0, #1
9:  blne    arm_fn
    add     r0, r0, #2
    REPORT  cond_bx_bl_skipped, R0
    pop     {r4-r11, pc}

arm_fn:
    add     r0, r0, #0x100
    bx      lr

