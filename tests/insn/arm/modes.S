// SPDX-License-Identifier: MIT
// Processor modes and banked registers: r13/r14 banked per mode, r8-r12
// banked in FIQ mode, SPSR per mode (MSR/MRS SPSR), mode changes with CPS
// and with MSR CPSR_c, and MRS CPSR in each mode.  (MRS/MSR of banked
// registers needs the Virtualization Extensions, which qemu's virt board
// leaves out by default: not tested.)
#include "test.inc"

    .macro MODE m
    cps     #\m
    .endm

    .text
    .global test_main
test_main:
    push    {r4-r11, lr}
    mov     r11, sp                 // the SVC stack pointer, to restore
    mov     r10, lr
    mov     r8, #0x88
    mov     r9, #0x99
    mov     r12, #0xcc
    // Give every mode its own sp/lr/spsr; FIQ also r8-r12.
    .irp m, 0x11, 0x12, 0x17, 0x1b, 0x1f
    MODE    \m
    mov     sp, #(\m << 8)
    mov     lr, #(\m << 4)
    .if \m != 0x1f
    LI      r0, (\m << 24) | 0x1d3
    msr     spsr_fsxc, r0
    .endif
    .endr
    MODE    0x11
    .irp r, 8, 9, 10, 11, 12
    mov     r\r, #(0xf0 + \r)
    .endr
    MODE    0x13
    // Back in SVC: r8-r12 are the SVC ones again.
    mov     r0, r11
    mov     r1, r10
    mov     r11, #0x13
    REPORT  svc_r8_r12_after_fiq, R8|R9|R12
    mov     r11, r0
    mov     r10, r1
    // Read every mode's banked registers back.
    .irp m, 0x11, 0x12, 0x17, 0x1b, 0x1f
    MODE    \m
    mov     r0, sp
    mov     r1, lr
    mrs     r2, cpsr
    ubfx    r2, r2, #0, #9
    .if \m != 0x1f
    mrs     r3, spsr
    .else
    mov     r3, #0
    .endif
    mov     r4, r8
    mov     r5, r12
    MODE    0x13
    mov     sp, r11
    REPORT  banked_\m, R0|R1|R2|R3|R4|R5
    .endr
    // MSR CPSR_c changes the mode as well.
    mrs     r0, cpsr
    bic     r1, r0, #0x1f
    orr     r1, r1, #0x12
    msr     cpsr_c, r1
    mov     r2, sp
    mrs     r3, cpsr
    msr     cpsr_c, r0
    mov     sp, r11
    ubfx    r3, r3, #0, #5
    REPORT  msr_cpsr_c_mode, R2|R3
    // User mode shares r13/r14 with System mode.
    MODE    0x1f
    mov     r0, #0x55
    mov     lr, r0
    MODE    0x13
    mov     sp, r11
    MODE    0x1f
    mov     r1, lr
    MODE    0x13
    mov     sp, r11
    REPORT  usr_sys_shared, R1
    mov     lr, r10
    pop     {r4-r11, pc}
