// SPDX-License-Identifier: MIT
// System forms of loads/stores and exception returns, from SVC mode:
// STM/LDM of the User-mode registers (^ without pc), LDM with pc and ^
// (CPSR <- SPSR), MOVS pc, lr and SUBS pc, lr, #imm, SRS and RFE.
#include "test.inc"

    .data
    .balign 16
sbuf:   .space 32

    .text
    .macro BUF reg
    movw    \reg, #:lower16:sbuf
    movt    \reg, #:upper16:sbuf
    .endm

    .global test_main
test_main:
    push    {r4-r11, lr}
    mov     r11, sp
    mov     r10, lr
    // User sp/lr through SYS mode, then STM ^ from SVC.
    cps     #0x1f
    LI      sp, 0x5555aaaa
    LI      lr, 0x1234abcd
    cps     #0x13
    BUF     r0
    stmia   r0, {sp, lr}^
    nop
    ldm     r0, {r1, r2}
    sub     r3, sp, r11             // SVC sp itself is untouched: 0
    REPORT  stm_user_regs, R1|R2|R3
    // LDM ^ loads the User registers.
    BUF     r0
    LI      r1, 0x0badf00d
    LI      r2, 0xfeedface
    stm     r0, {r1, r2}
    ldmia   r0, {sp, lr}^
    nop
    sub     r3, sp, r11
    cps     #0x1f
    mov     r4, sp
    mov     r5, lr
    cps     #0x13
    REPORT  ldm_user_regs, R3|R4|R5
    // LDM with pc and ^: CPSR <- SPSR (flags and mode SVC).
    LI      r0, 0xa0000000 | 0x1d3
    msr     spsr_fsxc, r0
    FLAGS   0
    BUF     r0
    LI      r1, 0x77
    adr     r2, 1f
    stm     r0, {r1, r2}
    ldmia   r0, {r3, pc}^
    mov     r2, #0                  // skipped
1:  mrs     r4, cpsr
    REPORT  ldm_pc_exception_return, R3|R4|F
    // MOVS pc, lr.
    LI      r0, 0x50000000 | 0x1d3
    msr     spsr_fsxc, r0
    FLAGS   0
    adr     lr, 2f
    movs    pc, lr
    mov     r2, #1                  // skipped
2:  mrs     r4, cpsr
    mov     lr, r10
    REPORT  movs_pc_lr, R4|F
    // SUBS pc, lr, #4.
    LI      r0, 0x30000000 | 0x1d3
    msr     spsr_fsxc, r0
    FLAGS   0
    adr     lr, 3f + 4
    subs    pc, lr, #4
    mov     r2, #1                  // skipped
3:  mrs     r4, cpsr
    mov     lr, r10
    REPORT  subs_pc_lr, R4|F
    // SRS stores lr and SPSR on the SVC stack; RFE returns through them.
    LI      r0, 0x90000000 | 0x1d3
    msr     spsr_fsxc, r0
    adr     lr, 4f
    srsdb   sp!, #0x13
    sub     r5, r11, sp             // 8 bytes pushed
    ldr     r6, [sp, #4]            // the saved SPSR
    FLAGS   0
    rfeia   sp!
    mov     r2, #1                  // skipped
4:  mrs     r4, cpsr
    sub     r7, r11, sp             // popped again: 0
    mov     lr, r10
    REPORT  srs_rfe, R4|R5|R6|R7|F
    mov     sp, r11
    pop     {r4-r11, pc}
