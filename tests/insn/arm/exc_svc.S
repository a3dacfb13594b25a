// SPDX-License-Identifier: MIT
// SVC from SVC mode and from User mode: vector, LR_svc, SPSR_svc, mode
// and masks in the handler, the SVC immediate read back through LR.
#include "exc.inc"

    .global test_main
test_main:
    push    {r4-r11, lr}
    INSTALL
    // SVC from SVC mode (LR_svc is clobbered: keep ours on the stack).
    CLEARINFO
    FLAGS   0x9
    mov     r12, #0x5
1:  svc     #0x42
    add     r12, r12, #1            // runs after the return
    SHOW    svc_from_svc, 1b
    // SVC from User mode: the handler returns to SVC mode.
    CLEARINFO
    mov     r12, #0
    cps     #0x10
9:  svc     #0x99
    mrs     r12, cpsr
    ubfx    r12, r12, #0, #5        // back in SVC mode
    SHOW    svc_from_user, 9b
    cpsid   aif
    pop     {r4-r11, pc}
    .ltorg
