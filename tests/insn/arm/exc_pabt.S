// SPDX-License-Identifier: MIT
// Prefetch aborts: BKPT (debug event, IFSR = 2) and a jump to an unmapped
// address (IFSR, IFAR, LR_abt).
#include "exc.inc"

    .global test_main
test_main:
    push    {r4-r11, lr}
    INSTALL
    // BKPT: a debug event taken as a prefetch abort.
    CLEARINFO
    adr     r0, 3f
    movw    r1, #:lower16:resume
    movt    r1, #:upper16:resume
    str     r0, [r1]
    mov     r12, #0
4:  bkpt    #0x17
    mov     r12, #1                 // skipped: the handler resumes at 3f
3:  movw    r0, #:lower16:info      // IFAR is UNKNOWN after a debug event
    movt    r0, #:upper16:info
    mov     r1, #0
    str     r1, [r0, #20]
    SHOW    bkpt, 4b
    // Prefetch abort: jump to an unmapped address.
    CLEARINFO
    adr     r0, 8f
    movw    r1, #:lower16:resume
    movt    r1, #:upper16:resume
    str     r0, [r1]
    mov     r12, #0
    LI      r2, UNMAPPED + 0x100
    adr     lr, 8f
    bx      r2
8:  ldr     r0, =UNMAPPED + 0x100
    movw    r1, #:lower16:info
    movt    r1, #:upper16:info
    ldr     r2, [r1, #4]
    sub     r2, r2, r0              // LR_abt relative to the target
    str     r2, [r1, #4]
    adr     r0, 8b                  // SHOW subtracts 8b: add it back
    add     r2, r2, r0
    str     r2, [r1, #4]
    SHOW    pabt_unmapped, 8b
    cpsid   aif
    pop     {r4-r11, pc}
    .ltorg
