// SPDX-License-Identifier: MIT
// PSCI SYSTEM_RESET reboots the board: the program counts its boots in RAM
// outside its image (a reset keeps RAM).  The first boot patches one of
// its instructions (and runs it), fires the physical timer and resets;
// the second must run the reloaded, unpatched instruction, see the timer
// interrupt no longer pending in the GIC and the timer disabled.
#include "test.inc"

    .equ    BOOTS, 0x47f00000
    .equ    GICD_ISPENDR0, 0x08000200
    .equ    PSCI_SYSTEM_RESET, 0x84000009

    .text
patched:
    mov     r5, #'O'                // the first boot makes it 'X'
    bx      lr

    .global test_main
test_main:
    push    {r4-r11, lr}
    LI      r4, BOOTS
    ldr     r0, [r4]
    add     r0, r0, #1
    str     r0, [r4]
    cmp     r0, #1
    bne     second
    adr     r1, patched
    LI      r2, 0xe3a05058          // mov r5, #'X'
    str     r2, [r1]
    mcr     p15, 0, r1, c7, c11, 1  // DCCMVAU
    dsb
    mcr     p15, 0, r1, c7, c5, 1   // ICIMVAU
    dsb
    isb
    bl      patched
    mov     r2, #0
    mov     r3, #0
    mcrr    p15, 2, r2, r3, c14     // CNTP_CVAL = 0: due at once
    mov     r2, #1
    mcr     p15, 0, r2, c14, c2, 1  // CNTP_CTL: enabled
    isb
    LI      r6, 1000000
1:  subs    r6, r6, #1
    bne     1b
    mrc     p15, 0, r7, c14, c2, 1
    REPORT  first_boot, R0|R5|R7
    LI      r0, PSCI_SYSTEM_RESET
    hvc     #0
2:  b       2b

second:
    bl      patched
    LI      r1, GICD_ISPENDR0
    ldr     r6, [r1]
    and     r6, r6, #(1 << 30)      // PPI 14: the physical timer
    mrc     p15, 0, r7, c14, c2, 1
    REPORT  after_reset, R0|R5|R6|R7
    pop     {r4-r11, pc}
