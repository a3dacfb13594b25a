/* SPDX-License-Identifier: MIT */
/*
 * Entry of the bare-metal demo for the ARM virt board: set up a stack,
 * clear .bss, call main, then leave through semihosting with main's
 * return value as the exit status (A32 state, SVC 0x123456 convention).
 */
    .syntax unified
    .arm
    .section .text.start, "ax"
    .global _start
_start:
    ldr     sp, =__stack_top
    ldr     r0, =__bss_start
    ldr     r1, =__bss_end
    mov     r2, #0
1:  cmp     r0, r1
    strlo   r2, [r0], #4
    blo     1b
    bl      main
    bl      semihost_exit
2:  wfi
    b       2b

/* void semihost_exit(int status): SYS_EXIT for 0, else SYS_EXIT_EXTENDED */
    .text
    .global semihost_exit
semihost_exit:
    ldr     r2, =0x20026            /* ADP_Stopped_ApplicationExit */
    cmp     r0, #0
    bne     1f
    mov     r1, r2
    mov     r0, #0x18               /* SYS_EXIT */
    svc     0x123456
    b       2f
1:  push    {r0}
    push    {r2}
    mov     r1, sp                  /* { reason, status } */
    mov     r0, #0x20               /* SYS_EXIT_EXTENDED */
    svc     0x123456
2:  b       2b
