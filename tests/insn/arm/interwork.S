// SPDX-License-Identifier: MIT
// ARM/Thumb interworking: BLX immediate and BLX register into T32 code,
// return to ARM state via BX LR and POP {pc}, and the ARMv7 interworking
// forms of LDR pc and MOV pc (ALUWritePC = BXWritePC in ARM state).  Needs
// a T32 decoder for the few 16-bit instructions in the Thumb functions.
#include "test.inc"

    .text
    .global test_main
test_main:
    push    {r4-r11, lr}
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
    pop     {r4-r11, pc}

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
