// SPDX-License-Identifier: MIT
// Self-modifying code.  Each case writes new instructions over code that
// has already run, performs the architected maintenance (DCCMVAU, DSB,
// ICIMVAU, DSB, ISB) and runs the code again: the new instructions must
// take effect.  Also: a store into the block being executed (the very next
// instructions; either the old or the new instruction may execute then,
// so only "one of the two" is checked), patching a hot loop body, and
// generating code into a data buffer.
#include "test.inc"

    .macro SYNC reg                 // make the code at [reg] visible
    mcr     p15, 0, \reg, c7, c11, 1    // DCCMVAU
    dsb
    mcr     p15, 0, \reg, c7, c5, 1     // ICIMVAU
    dsb
    isb
    .endm

    .text
// Patchable functions: their first instruction gets replaced.
patch_fn:
    mov     r0, #1
    bx      lr
patch_add:
    add     r0, r0, #1
    bx      lr

// Encodings used as patches.
enc_mov_r0_2:   mov r0, #2
enc_mov_r0_3:   mov r0, #3
enc_add_r0_100: add r0, r0, #0x100
enc_mov_r0_77:  mov r0, #0x77
enc_bx_lr:      bx lr
enc_mov_r0_r1:  mov r0, r1

same_tb:                            // stores over its own next instructions
    adr     r1, 1f
    ldr     r2, enc_mov_r0_77
    mov     r0, #0
    str     r2, [r1]
1:  mov     r0, #0x11
    bx      lr

    .global test_main
test_main:
    push    {r4-r11, lr}
    // Replace an instruction that has run, twice.
    bl      patch_fn
    mov     r4, r0
    adr     r1, patch_fn
    ldr     r2, enc_mov_r0_2
    str     r2, [r1]
    SYNC    r1
    bl      patch_fn
    mov     r5, r0
    ldr     r2, enc_mov_r0_3
    str     r2, [r1]
    SYNC    r1
    bl      patch_fn
    mov     r6, r0
    REPORT  smc_replace, R4|R5|R6
    // Patch a function called in a hot loop, halfway through.
    mov     r0, #0
    mov     r7, #0
2:  bl      patch_add
    add     r7, r7, #1
    cmp     r7, #50
    bne     3f
    adr     r1, patch_add
    ldr     r2, enc_add_r0_100
    str     r2, [r1]
    SYNC    r1
3:  cmp     r7, #100
    blo     2b
    REPORT  smc_hot_loop, R0|R7
    // Store into the block being executed.
    bl      same_tb
    mov     r3, #0
    cmp     r0, #0x11
    cmpne   r0, #0x77
    moveq   r3, #1                  // 1: old or new instruction ran
    adr     r1, same_tb
    SYNC    r1
    add     r1, r1, #16
    SYNC    r1
    bl      same_tb
    mov     r4, r0                  // now the new instruction, for sure
    REPORT  smc_same_tb, R3|R4
    // Generate code into a data buffer, run it, rewrite it, run it again.
    movw    r8, #:lower16:codebuf
    movt    r8, #:upper16:codebuf
    ldr     r2, enc_mov_r0_r1
    ldr     r3, enc_bx_lr
    stm     r8, {r2, r3}
    SYNC    r8
    mov     r1, #0x42
    blx     r8
    mov     r4, r0
    ldr     r2, enc_add_r0_100
    ldr     r3, enc_bx_lr
    stm     r8, {r2, r3}
    SYNC    r8
    blx     r8
    mov     r5, r0
    REPORT  smc_codebuf, R4|R5
    // Rewrite a loop of generated code many times (cache churn).
    mov     r9, #0
    mov     r10, #0
4:  LI      r2, 0xe3000000          // movw r0, #r9 (r9 < 0x1000)
    orr     r2, r2, r9
    ldr     r3, enc_bx_lr
    stm     r8, {r2, r3}
    SYNC    r8
    blx     r8
    add     r10, r10, r0
    add     r9, r9, #7
    cmp     r9, #700
    blo     4b
    REPORT  smc_churn, R9|R10
    pop     {r4-r11, pc}

    .data
    .balign 64
codebuf:
    .space  64
