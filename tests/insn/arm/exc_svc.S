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
    // A conditional SVC whose condition fails takes no exception.
    CLEARINFO
    FLAGS   0x4                     // Z set
    mov     r12, #0
10: svcne   #0x77
    add     r12, r12, #1
    SHOW    svc_cond_skipped, 10b
    FLAGS   0x4
11: svceq   #0x78
    SHOW    svc_cond_taken, 11b
    cpsid   aif
    pop     {r4-r11, pc}
    .ltorg
