// SPDX-License-Identifier: MIT
// Exceptions into the guest vector table (VBAR set by start.S): SVC from SVC
// and from User mode, UDF (undefined instruction), BKPT (prefetch abort,
// debug event), data aborts on reads and writes to an unmapped address, a
// prefetch abort on a jump to an unmapped address.  The handlers record the
// return address (reported relative to the faulting instruction), SPSR,
// the handler's CPSR mode/mask bits and the fault status/address registers.
#include "test.inc"

    .equ    UNMAPPED, 0x70000000    // nothing there on virt with default RAM

    .data
    .balign 4
info:       .space 32               // vector, lr, spsr, cpsr, fsr, far, extra
resume:     .word 0                 // where the prefetch abort handler goes

    .text
    // Save r0-r3 on the mode's stack, record state into info[].
    .macro RECORD vec, kind
    push    {r0-r3}
    movw    r0, #:lower16:info
    movt    r0, #:upper16:info
    mov     r1, #\vec
    str     r1, [r0]
    str     lr, [r0, #4]
    mrs     r1, spsr
    str     r1, [r0, #8]
    mrs     r1, cpsr
    ubfx    r1, r1, #0, #10
    str     r1, [r0, #12]
    mov     r1, #0
    .ifc \kind,d
    mrc     p15, 0, r1, c5, c0, 0   // DFSR
    .endif
    .ifc \kind,p
    mrc     p15, 0, r1, c5, c0, 1   // IFSR
    .endif
    bic     r1, r1, #0x1000         // ExT is implementation defined
    str     r1, [r0, #16]
    mov     r1, #0
    .ifc \kind,d
    mrc     p15, 0, r1, c6, c0, 0   // DFAR
    .endif
    .ifc \kind,p
    mrc     p15, 0, r1, c6, c0, 2   // IFAR
    .endif
    str     r1, [r0, #20]
    .endm

svc_handler:
    RECORD  2, none
    ldr     r1, [lr, #-4]           // the SVC instruction: its immediate
    bic     r1, r1, #0xff000000
    str     r1, [r0, #24]
    mrs     r1, spsr                // an SVC from User mode returns in SVC
    and     r2, r1, #0x1f
    cmp     r2, #0x10
    biceq   r1, r1, #0x1f
    orreq   r1, r1, #0x13
    msr     spsr_cxsf, r1
    pop     {r0-r3}
    movs    pc, lr

und_handler:
    RECORD  1, none
    pop     {r0-r3}
    movs    pc, lr                  // skip the undefined instruction

dabt_handler:
    RECORD  4, d
    pop     {r0-r3}
    subs    pc, lr, #4              // skip the faulting access

pabt_handler:
    RECORD  3, p
    movw    r0, #:lower16:resume
    movt    r0, #:upper16:resume
    ldr     lr, [r0]
    pop     {r0-r3}
    movs    pc, lr

    // Report info[] with lr made relative to label \at.
    .macro SHOW tag, at
    movw    r0, #:lower16:info
    movt    r0, #:upper16:info
    ldm     r0, {r1-r7}
    adr     r8, \at
    sub     r2, r2, r8
    REPORT  \tag, R1|R2|R3|R4|R5|R6|R7|R12
    .endm
    .macro CLEARINFO
    movw    r0, #:lower16:info
    movt    r0, #:upper16:info
    mov     r1, #0
    .rept 7
    str     r1, [r0], #4
    .endr
    .endm

    .global test_main
test_main:
    push    {r4-r11, lr}
    mov     r0, #1
    ldr     r1, =und_handler
    bl      set_exc_hook
    mov     r0, #2
    ldr     r1, =svc_handler
    bl      set_exc_hook
    mov     r0, #3
    ldr     r1, =pabt_handler
    bl      set_exc_hook
    mov     r0, #4
    ldr     r1, =dabt_handler
    bl      set_exc_hook
    cpsie   aif                     // nothing can interrupt: no GIC set up
    // SVC from SVC mode (LR_svc is clobbered: keep ours on the stack).
    CLEARINFO
    FLAGS   0x9
    mov     r12, #0x5
1:  svc     #0x42
    add     r12, r12, #1            // runs after the return
    SHOW    svc_from_svc, 1b
    // UDF.
    CLEARINFO
    FLAGS   0x6
    mov     r12, #0
2:  udf     #0x1234
    add     r12, r12, #1
    SHOW    udf, 2b
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
    // Data abort: load from an unmapped address (the load is skipped).
    CLEARINFO
    LI      r9, UNMAPPED
    LI      r12, 0xabcd
5:  ldr     r12, [r9, #0x10]
    SHOW    dabt_load, 5b
    // Data abort: store.
    CLEARINFO
    LI      r12, 0x1234
6:  str     r12, [r9, #0x24]
    SHOW    dabt_store, 6b
    // Data abort on a byte load with writeback: the base must not change.
    CLEARINFO
    mov     r12, r9
7:  ldrb    r0, [r12, #1]!
    sub     r12, r12, r9
    SHOW    dabt_no_writeback, 7b
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
