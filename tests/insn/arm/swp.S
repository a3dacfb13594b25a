// SPDX-License-Identifier: MIT
// SWP/SWPB.  With SCTLR.SW = 1 they swap a word/byte with memory.  With
// SCTLR.SW = 0 (the reset value) they are UNDEFINED on an ARMv7 CPU with
// the Multiprocessing Extensions such as the Cortex-A15 (ARM ARM, SCTLR.SW;
// Linux's SWP emulation relies on it); qemu 7.2 executes them anyway, so
// those cases are known differences compared against the manual's result.
#include "test.inc"

// KNOWN-DIFF: swp_sw0 => swp_sw0: r4=00000000 r5=11223344 r6=000000ee | SCTLR.SW=0: SWP is UNDEFINED (ARMv7 MP Extensions); qemu 7.2 performs the swap
// KNOWN-DIFF: swpb_sw0 => swpb_sw0: r4=00000000 r5=11223344 r6=000000ee | SCTLR.SW=0: SWPB is UNDEFINED (ARMv7 MP Extensions); qemu 7.2 performs the swap

    .data
    .balign 4
word:   .word 0

    .text
und_handler:                        // marks r6 and skips the instruction
    mov     r6, #0xee
    movs    pc, lr

    .macro SETWORD
    movw    r2, #:lower16:word
    movt    r2, #:upper16:word
    LI      r5, 0x11223344
    str     r5, [r2]
    LI      r3, 0xaabbccdd
    mov     r4, #0
    mov     r6, #0
    .endm

    .macro SETSW on
    mrc     p15, 0, r0, c1, c0, 0
    .if \on
    orr     r0, r0, #(1 << 10)
    .else
    bic     r0, r0, #(1 << 10)
    .endif
    mcr     p15, 0, r0, c1, c0, 0
    isb
    .endm

    .global test_main
test_main:
    push    {r4-r11, lr}
    mov     r0, #1
    ldr     r1, =und_handler
    bl      set_exc_hook
    SETSW   1
    SETWORD
    swp     r4, r3, [r2]
    ldr     r5, [r2]
    REPORT  swp_sw1, R4|R5|R6
    SETWORD
    swpb    r4, r3, [r2]
    ldr     r5, [r2]
    REPORT  swpb_sw1, R4|R5|R6
    SETWORD
    swp     r3, r3, [r2]            // Rt == Rt2 is allowed
    ldr     r5, [r2]
    REPORT  swp_same_reg, R3|R5
    SETSW   0
    SETWORD
    swp     r4, r3, [r2]
    ldr     r5, [r2]
    REPORT  swp_sw0, R4|R5|R6
    SETWORD
    swpb    r4, r3, [r2]
    ldr     r5, [r2]
    REPORT  swpb_sw0, R4|R5|R6
    pop     {r4-r11, pc}
    .ltorg
