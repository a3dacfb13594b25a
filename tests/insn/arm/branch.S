// SPDX-License-Identifier: MIT
// Branches: B and BL forwards and backwards (incl. conditional), BX and
// BLX to A32 and to T32 code (interworking), BLX immediate, return to ARM
// state via BX LR and POP {pc}, and the ARMv7 interworking forms of
// LDR pc and MOV pc (ALUWritePC = BXWritePC in ARM state).
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
    // BLX immediate to Thumb, BLX register to Thumb, returns through BX LR.
    mov     r0, #7
    blx     thumb_fn
    REPORT  blx_imm_thumb, R0|R3
    movw    r2, #:lower16:thumb_fn
    movt    r2, #:upper16:thumb_fn
    orr     r2, r2, #1
    mov     r0, #9
    blx     r2
6:  adr     r4, 6b
    bic     r5, lr, #1
    sub     r5, r5, r4
    REPORT  blx_reg_thumb, R0|R3|R5
    // Thumb function that returns with POP {pc}.
    movw    r2, #:lower16:thumb_pop
    movt    r2, #:upper16:thumb_pop
    orr     r2, r2, #1
    mov     r0, #3
    blx     r2
    REPORT  thumb_pop_return, R0
    // LDR pc with bit 0 set enters Thumb state.
    movw    r2, #:lower16:thumb_fn
    movt    r2, #:upper16:thumb_fn
    orr     r2, r2, #1
    push    {r2}
    mov     r0, #1
    adr     lr, 7f
    ldr     pc, [sp], #4
7:  REPORT  ldr_pc_interwork, R0|R3
    // MOV pc, Rm with bit 0 set enters Thumb state (ARMv7).
    mov     r0, #2
    adr     lr, 8f
    mov     pc, r2
8:  REPORT  mov_pc_interwork, R0|R3
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

    .thumb
    .thumb_func
thumb_fn:
    lsls    r0, r0, #4          // flag-setting 16-bit encodings
    adds    r0, r0, #3
    mov     r3, pc              // Thumb pc reads as address + 4
    adr     r1, thumb_fn
    subs    r3, r3, r1
    bx      lr

    .thumb_func
thumb_pop:
    push    {r4, lr}
    movs    r4, #5
    muls    r0, r4, r0
    pop     {r4, pc}
    .arm
