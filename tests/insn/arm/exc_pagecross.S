// SPDX-License-Identifier: MIT
// Straight-line code running off the end of RAM (0x48000000 with the virt
// board's default 128 MiB): the two instructions in the last RAM page
// must execute, then fetching the next (unmapped) page raises a prefetch
// abort with IFAR = 0x48000000 and LR_abt = 0x48000004.  Checks that
// translation blocks stop at page boundaries and aborts are precise.
#include "exc.inc"

    .equ    RAM_END, 0x48000000

    .text
enc_add1:   add r12, r12, #1
enc_add2:   add r12, r12, #2

    .global test_main
test_main:
    push    {r4-r11, lr}
    INSTALL
    CLEARINFO
    LI      r8, RAM_END - 8
    ldr     r0, enc_add1
    ldr     r1, enc_add2
    stm     r8, {r0, r1}
    mcr     p15, 0, r8, c7, c11, 1  // DCCMVAU
    dsb
    mcr     p15, 0, r8, c7, c5, 1   // ICIMVAU
    dsb
    isb
    adr     r0, 1f
    movw    r1, #:lower16:resume
    movt    r1, #:upper16:resume
    str     r0, [r1]
    mov     r12, #0
    bx      r8
1:  movw    r0, #:lower16:info
    movt    r0, #:upper16:info
    ldm     r0, {r1-r7}
    REPORT  fetch_off_ram_end, R1|R2|R3|R4|R5|R6|R12
    cpsid   aif
    pop     {r4-r11, pc}
    .ltorg
