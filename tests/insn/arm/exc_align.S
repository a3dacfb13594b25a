// SPDX-License-Identifier: MIT
// Alignment faults (data abort, DFSR status 0b00001, DFAR = the address):
// with SCTLR.A = 1 on unaligned LDR/STR/LDRH; byte accesses never fault.
// With SCTLR.A = 0, LDREX and LDM must still be aligned.  (Unaligned
// accesses that are allowed with A = 0 are not tested: with the MMU off
// memory is Strongly-ordered.)
#include "exc.inc"

    .data
    .balign 16
abuf:   .word 0x03020100, 0x07060504, 0x0b0a0908, 0x0f0e0d0c

    .text
    .macro SETA on
    mrc     p15, 0, r0, c1, c0, 0
    .if \on
    orr     r0, r0, #2
    .else
    bic     r0, r0, #2
    .endif
    mcr     p15, 0, r0, c1, c0, 0
    isb
    .endm

    // Run one access that should fault; report vector/LR/SPSR/DFSR/DFAR
    // (DFAR relative to abuf) and r12 (unchanged when skipped).
    .macro AF tag, off, insn:vararg
    CLEARINFO
    movw    r9, #:lower16:abuf
    movt    r9, #:upper16:abuf
    add     r9, r9, #\off
    LI      r12, 0x5555
1:  \insn
    movw    r0, #:lower16:info
    movt    r0, #:upper16:info
    ldm     r0, {r1-r6}
    adr     r8, 1b
    sub     r2, r2, r8
    movw    r9, #:lower16:abuf
    movt    r9, #:upper16:abuf
    cmp     r6, #0
    subne   r6, r6, r9
    REPORT  \tag, R1|R2|R3|R4|R5|R6|R12
    .endm

    .global test_main
test_main:
    push    {r4-r11, lr}
    INSTALL
    SETA    1
    AF      a1_ldr_plus1, 1, ldr r12, [r9]
    AF      a1_ldr_plus2, 0, ldr r12, [r9, #2]
    AF      a1_str_plus3, 0, str r12, [r9, #3]
    AF      a1_ldrh_odd, 0, ldrh r12, [r9, #5]
    AF      a1_strh_odd, 0, strh r12, [r9, #1]
    AF      a1_ldm_plus2, 2, ldm r9, {r12}
    AF      a1_ldrb_ok, 0, ldrb r12, [r9, #3]
    AF      a1_ldr_ok, 0, ldr r12, [r9, #8]
    AF      a1_ldrh_ok, 0, ldrh r12, [r9, #6]
    SETA    0
    AF      a0_ldrex_plus2, 2, ldrex r12, [r9]
    AF      a0_ldrexh_odd, 1, ldrexh r12, [r9]
    AF      a0_ldm_plus2, 2, ldm r9, {r12}
    AF      a0_stm_plus1, 1, stmia r9, {r12}
    AF      a0_ldrb_ok, 0, ldrb r12, [r9, #1]
    cpsid   aif
    pop     {r4-r11, pc}
    .ltorg
