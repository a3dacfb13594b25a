/* SPDX-License-Identifier: MIT */
/*
 * Mosaic's Linux boot stub for 32-bit ARM boards (virt): copied to the
 * base of RAM and entered on the boot CPU.  Puts the CPU in the state
 * the Linux ARM boot protocol asks for (SVC mode, IRQs/FIQs/aborts
 * masked, MMU and caches off), then r0 = 0, r1 = machine type, r2 =
 * device tree address, and jumps to the kernel.  The board fills the
 * three words at the end (boot_params) before the CPU starts.
 */
    .syntax unified
    .arm
    .text
    .global _start
_start:
    cpsid   aif                     @ mask aborts, IRQs and FIQs
    msr     cpsr_c, #0xd3           @ SVC mode, I and F set, ARM state
    mrc     p15, 0, r0, c1, c0, 0   @ SCTLR
    bic     r0, r0, #0x1            @ M: MMU off
    bic     r0, r0, #0x4            @ C: data cache off
    bic     r0, r0, #0x1000         @ I: instruction cache off
    mcr     p15, 0, r0, c1, c0, 0
    isb
    mov     r0, #0
    ldr     r1, machine_type
    ldr     r2, dtb_address
    ldr     pc, kernel_entry

    .align  2
    @ boot_params: the last 12 bytes of the image, written by the board
machine_type:
    .word   0xffffffff              @ ~0: described by the device tree
dtb_address:
    .word   0
kernel_entry:
    .word   0
