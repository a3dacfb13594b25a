// SPDX-License-Identifier: MIT
// Loads and stores: LDR/LDRB/LDRH/LDRSB/LDRSH/LDRD and STR/STRB/STRH/STRD in
// every addressing mode (immediate and register offsets, added and
// subtracted, offset / pre-indexed with writeback / post-indexed, scaled
// register forms), LDRT/STRT, LDM/STM in all four modes with and without
// writeback, PUSH/POP, and LDREX/STREX (all sizes, CLREX).  All accesses
// are aligned (unaligned accesses with the MMU off are not tested).
#include "test.inc"

    .data
    .balign 64
pattern:                            // 64 bytes copied into buf by refill
    .word   0x03020100, 0x87868584, 0x0b0a0908, 0x8f8e8d8c
    .word   0x13121110, 0x97969594, 0x1b1a1918, 0x9f9e9d9c
    .word   0x23222120, 0xa7a6a5a4, 0x2b2a2928, 0xafaeadac
    .word   0x33323130, 0xb7b6b5b4, 0x3b3a3938, 0xbfbebdbc
    .balign 64
buf:
    .space  64
    .equ    MID, 32                 // base register points at buf + MID

    .text
// Copy pattern into buf; r1 = buf + MID, r2 = 8, r3 = 4.  Clobbers r0, r4-r7.
refill:
    movw    r0, #:lower16:pattern
    movt    r0, #:upper16:pattern
    movw    r1, #:lower16:buf
    movt    r1, #:upper16:buf
    .rept 4
    ldmia   r0!, {r4-r7}
    stmia   r1!, {r4-r7}
    .endr
    sub     r1, r1, #(64 - MID)
    mov     r2, #8
    mov     r3, #4
    LI      r0, 0xdeadbeef
    bx      lr

// Load buf words 4..11 (around MID) into r4-r11.
peek:
    movw    r4, #:lower16:buf + 16
    movt    r4, #:upper16:buf + 16
    ldmia   r4, {r4-r11}
    bx      lr

    // Load case: r0 = value, r1 = base after, offset regs r2 (=8), r3 (=4).
    .macro LD tag, insn:vararg
    bl      refill
    \insn
    movw    r9, #:lower16:buf
    movt    r9, #:upper16:buf
    sub     r1, r1, r9              // report the base as an offset into buf
    REPORT  \tag, R0|R1
    .endm
    .macro LDD tag, insn:vararg
    bl      refill
    mov     r5, #0
    \insn
    movw    r9, #:lower16:buf
    movt    r9, #:upper16:buf
    sub     r1, r1, r9
    REPORT  \tag, R1|R4|R5
    .endm
    // Store case: stores r0 (0xdeadbeef) / r6:r7 pair, reports memory.
    .macro ST tag, insn:vararg
    bl      refill
    LI      r6, 0x66666666
    LI      r7, 0x77777777
    \insn
    movw    r9, #:lower16:buf
    movt    r9, #:upper16:buf
    sub     r1, r1, r9
    mov     r12, r1
    bl      peek
    REPORT  \tag, R4|R5|R6|R7|R8|R9|R10|R11|R12
    .endm

    .macro LDMONE mode, wb, tag
    bl      refill
    CLEARREGS
    bl      refill
    ldm\mode r1\wb, {r0, r2, r4, r5, r8, r12, lr}
    movw    r9, #:lower16:buf
    movt    r9, #:upper16:buf
    sub     r1, r1, r9
    REPORT  \tag, R0|R1|R2|R4|R5|R8|R12|LR
    .endm
    .macro LDMALL mode
    LDMONE  \mode, , ldm\mode
    LDMONE  \mode, !, ldm\mode\()_wb
    .endm
    .macro STMONE mode, wb, tag
    bl      refill
    LI      r2, 0x22222222
    LI      r3, 0x33333333
    LI      r6, 0x66666666
    ldr     lr, =0xeeeeeeee
    stm\mode r1\wb, {r0, r2, r3, r6, lr}
    movw    r9, #:lower16:buf
    movt    r9, #:upper16:buf
    sub     r12, r1, r9
    bl      peek
    REPORT  \tag, R4|R5|R6|R7|R8|R9|R10|R11|R12
    .endm
    .macro STMALL mode
    STMONE  \mode, , stm\mode
    STMONE  \mode, !, stm\mode\()_wb
    .endm

    .global test_main
test_main:
    push    {r4-r11, lr}
    // Word and byte, immediate offsets.
    LD      ldr_imm, ldr r0, [r1, #4]
    LD      ldr_imm_neg, ldr r0, [r1, #-12]
    LD      ldr_pre, ldr r0, [r1, #4]!
    LD      ldr_pre_neg, ldr r0, [r1, #-4]!
    LD      ldr_post, ldr r0, [r1], #8
    LD      ldr_post_neg, ldr r0, [r1], #-8
    LD      ldr_zero, ldr r0, [r1]
    LD      ldrb_imm, ldrb r0, [r1, #5]
    LD      ldrb_imm_neg, ldrb r0, [r1, #-3]
    LD      ldrb_pre, ldrb r0, [r1, #7]!
    LD      ldrb_post, ldrb r0, [r1], #-1
    // Register offsets, plain and scaled.
    LD      ldr_reg, ldr r0, [r1, r2]
    LD      ldr_reg_neg, ldr r0, [r1, -r2]
    LD      ldr_reg_pre, ldr r0, [r1, r3]!
    LD      ldr_reg_post, ldr r0, [r1], -r3
    LD      ldr_lsl, ldr r0, [r1, r3, lsl #2]
    LD      ldr_lsl_neg, ldr r0, [r1, -r2, lsl #1]
    LD      ldr_lsr, ldr r0, [r1, r2, lsr #1]
    LD      ldr_asr_pre, ldr r0, [r1, r2, asr #1]!
    LD      ldr_ror_post, ldr r0, [r1], r2, ror #1
    LD      ldrb_lsl_post, ldrb r0, [r1], r3, lsl #1
    LD      ldrb_reg_neg_pre, ldrb r0, [r1, -r3]!
    // Halfword and signed forms.
    LD      ldrh_imm, ldrh r0, [r1, #6]
    LD      ldrh_imm_neg, ldrh r0, [r1, #-2]
    LD      ldrh_pre, ldrh r0, [r1, #2]!
    LD      ldrh_post, ldrh r0, [r1], #-6
    LD      ldrh_reg, ldrh r0, [r1, r2]
    LD      ldrh_reg_post, ldrh r0, [r1], -r3
    LD      ldrsh_imm, ldrsh r0, [r1, #6]
    LD      ldrsh_pos, ldrsh r0, [r1, #0]
    LD      ldrsh_reg_pre, ldrsh r0, [r1, -r3]!
    LD      ldrsb_imm, ldrsb r0, [r1, #7]
    LD      ldrsb_pos, ldrsb r0, [r1, #1]
    LD      ldrsb_post, ldrsb r0, [r1], #5
    LD      ldrsb_reg, ldrsb r0, [r1, r3]
    // Doubleword.
    LDD     ldrd_imm, ldrd r4, r5, [r1, #8]
    LDD     ldrd_neg, ldrd r4, r5, [r1, #-16]
    LDD     ldrd_pre, ldrd r4, r5, [r1, #-8]!
    LDD     ldrd_post, ldrd r4, r5, [r1], #16
    LDD     ldrd_reg, ldrd r4, r5, [r1, r2]
    LDD     ldrd_reg_pre, ldrd r4, r5, [r1, -r2]!
    LDD     ldrd_reg_post, ldrd r4, r5, [r1], r2
    // Unprivileged forms (same as normal accesses here: MMU off).
    LD      ldrt_post, ldrt r0, [r1], #4
    LD      ldrbt_post, ldrbt r0, [r1], #-4
    LD      ldrt_reg, ldrt r0, [r1], r2
    // Base register also the loaded register (no writeback).
    LD      ldr_rt_is_rn, ldr r1, [r1, #4]
    // Stores.
    ST      str_imm, str r0, [r1, #4]
    ST      str_imm_neg, str r0, [r1, #-8]
    ST      str_pre, str r0, [r1, #8]!
    ST      str_post, str r0, [r1], #-4
    ST      str_reg, str r0, [r1, r2]
    ST      str_reg_lsl_pre, str r0, [r1, -r3, lsl #1]!
    ST      str_reg_post, str r0, [r1], r3, lsr #1
    ST      strb_imm, strb r0, [r1, #3]
    ST      strb_pre_neg, strb r0, [r1, #-5]!
    ST      strb_post, strb r0, [r1], #1
    ST      strb_reg, strb r0, [r1, -r2]
    ST      strh_imm, strh r0, [r1, #2]
    ST      strh_imm_neg, strh r0, [r1, #-6]
    ST      strh_pre, strh r0, [r1, #6]!
    ST      strh_post, strh r0, [r1], #-2
    ST      strh_reg, strh r0, [r1, r3]
    ST      strh_reg_post, strh r0, [r1], -r2
    ST      strd_imm, strd r6, r7, [r1, #8]
    ST      strd_pre, strd r6, r7, [r1, #-8]!
    ST      strd_post, strd r6, r7, [r1], #8
    ST      strd_reg, strd r6, r7, [r1, -r2]
    ST      strd_reg_pre, strd r6, r7, [r1, r2]!
    ST      strt_post, strt r0, [r1], #4
    ST      strbt_post, strbt r0, [r1], #-1
    ST      str_rt_is_rn, str r1, [r1, #4]
    // LDM / STM, all modes, with and without writeback.
    LDMALL  ia
    LDMALL  ib
    LDMALL  da
    LDMALL  db
    STMALL  ia
    STMALL  ib
    STMALL  da
    STMALL  db
    // Base in the register list of a load without writeback.
    bl      refill
    ldmia   r1, {r0, r1, r2}
    REPORT  ldm_base_in_list, R0|R1|R2
    // Base in the list of a store without writeback.
    bl      refill
    mov     r12, r1
    stmdb   r1, {r0, r1, r2}
    sub     r12, r12, #12
    ldmia   r12, {r4, r5, r6}
    movw    r9, #:lower16:buf
    movt    r9, #:upper16:buf
    sub     r5, r5, r9
    REPORT  stm_base_in_list, R4|R5|R6
    // PUSH/POP with a mix of registers, and POP into pc.
    LI      r4, 0x44
    LI      r7, 0x77
    LI      r10, 0xaa
    mov     r12, sp
    push    {r4, r7, r10}
    sub     r12, r12, sp
    pop     {r5, r8, r11}
    REPORT  push_pop, R5|R8|R11|R12
    adr     r0, 1f
    push    {r0}
    mov     r1, #0
    pop     {pc}
    mov     r1, #1                  // skipped
1:  REPORT  pop_pc, R1
    // LDM with pc in the list.
    adr     r0, 2f
    movw    r2, #:lower16:buf
    movt    r2, #:upper16:buf
    str     r0, [r2, #4]
    LI      r3, 0x33
    str     r3, [r2]
    ldmia   r2, {r3, pc}
    mov     r3, #0                  // skipped
2:  REPORT  ldm_pc, R3
    bl      excl_tests
    pop     {r4-r11, pc}

    .ltorg

// Exclusive loads and stores.  Status register 0 = success.
excl_tests:
    push    {r4-r11, lr}
    bl      refill
    ldrex   r0, [r1]
    add     r0, r0, #1
    strex   r4, r0, [r1]
    ldr     r5, [r1]
    REPORT  ldrex_strex, R0|R4|R5
    bl      refill
    clrex
    strex   r4, r0, [r1]
    ldr     r5, [r1]
    REPORT  strex_after_clrex, R4|R5
    bl      refill
    ldrex   r0, [r1]
    strex   r4, r0, [r1]
    strex   r6, r0, [r1]            // monitor already cleared: fails
    REPORT  strex_twice, R4|R6
    bl      refill
    ldrexb  r0, [r1]
    mov     r0, #0x5a
    strexb  r4, r0, [r1]
    ldr     r5, [r1]
    REPORT  ldrexb_strexb, R0|R4|R5
    bl      refill
    add     r1, r1, #2
    ldrexh  r0, [r1]
    LI      r0, 0xa5a5
    strexh  r4, r0, [r1]
    ldr     r5, [r1, #-2]
    REPORT  ldrexh_strexh, R0|R4|R5
    bl      refill
    ldrexd  r6, r7, [r1]
    REPORT  ldrexd, R6|R7
    LI      r8, 0x01234567
    LI      r9, 0x89abcdef
    strexd  r4, r8, r9, [r1]
    ldrd    r10, r11, [r1]
    REPORT  strexd, R4|R10|R11
    pop     {r4-r11, pc}
