/* SPDX-License-Identifier: MIT */
/*
 * Start file for bare-metal A32 test programs on the "virt" board (RAM at
 * 0x40000000): vector table (VBAR points at it), stacks for every mode,
 * then a call to test_main and a semihosting exit.  Exceptions jump through
 * exc_hooks[] so a test can install its own handler; an empty slot reports
 * the exception and exits with a failure code.
 */
    .syntax unified
    .arm
    .section .text.start, "ax"
    .global _start
_start:
    /* Stacks for the exception modes, then back to SVC mode. */
    cps     #0x1b                   /* UND */
    ldr     sp, =stack_und_top
    cps     #0x17                   /* ABT */
    ldr     sp, =stack_abt_top
    cps     #0x12                   /* IRQ */
    ldr     sp, =stack_irq_top
    cps     #0x11                   /* FIQ */
    ldr     sp, =stack_fiq_top
    cps     #0x1f                   /* SYS (and USR) */
    ldr     sp, =stack_usr_top
    cps     #0x13                   /* SVC */
    ldr     sp, =stack_svc_top
    ldr     r0, =vectors
    mcr     p15, 0, r0, c12, c0, 0  /* VBAR */
    isb
    /* Zero .bss. */
    ldr     r0, =__bss_start
    ldr     r1, =__bss_end
    mov     r2, #0
1:  cmp     r0, r1
    strlo   r2, [r0], #4
    blo     1b
    bl      test_main
    mov     r0, #0
    bl      sh_exit
2:  b       2b

/* Vector table: every entry loads the PC from exc_hooks[n], which points at
 * default_exc_n until a test replaces it (see set_exc_hook in lib.c).  The
 * table and the hooks sit in their own page, away from test code. */
    .section .vectors, "awx"
    .balign 32
    .global vectors
vectors:
    .irp n, 0,1,2,3,4,5,6,7
    ldr     pc, exc_hooks + 4 * \n
    .endr
    .global exc_hooks
exc_hooks:
    .irp n, 0,1,2,3,4,5,6,7
    .word   default_exc_\n
    .endr

    .text
    .irp n, 0,1,2,3,4,5,6,7
default_exc_\n:
    mov     r1, lr
    mrs     r2, spsr
    mov     r0, #\n
    b       unexpected_exception
    .endr
