// SPDX-License-Identifier: MIT
// Unaligned accesses that cross the top of the 32-bit address space wrap
// to address 0 (the MMU maps VA 0xfff00000 and VA 0 to two RAM sections;
// everything else is flat).  Loads and stores of every size that straddle
// 0xffffffff/0x00000000 must touch both pages, as on hardware and qemu.
#include "test.inc"

    .equ    TOP_PA, 0x47e00000      // VA 0xfff00000 (free RAM, see link.ld)
    .equ    LOW_PA, 0x47d00000      // VA 0x00000000

    .bss
    .balign 16384
table:      .space 16384            // short-descriptor level 1: 4096 sections

    .text
    .global test_main
test_main:
    push    {r4-r11, lr}
    // Flat map of all 4 GiB (sections, AP=11, domain 0), then the two moved.
    movw    r0, #:lower16:table
    movt    r0, #:upper16:table
    movw    r1, #0x0c02
    mov     r2, #0
1:  orr     r3, r1, r2, lsl #20
    str     r3, [r0, r2, lsl #2]
    add     r2, r2, #1
    cmp     r2, #4096
    bne     1b
    LI      r3, TOP_PA | 0x0c02
    add     r4, r0, #0x3000
    str     r3, [r4, #0xffc]        // entry 0xfff
    LI      r3, LOW_PA | 0x0c02
    str     r3, [r0]
    // Known bytes at the end of the top section and the start of VA 0.
    LI      r4, TOP_PA + 0xffffc
    LI      r3, 0x44332211
    str     r3, [r4]
    LI      r4, LOW_PA
    LI      r3, 0x88776655
    str     r3, [r4]
    dsb
    mov     r3, #0
    mcr     p15, 0, r3, c2, c0, 2   // TTBCR: short descriptors, TTBR0 only
    mcr     p15, 0, r0, c2, c0, 0   // TTBR0
    mov     r3, #3
    mcr     p15, 0, r3, c3, c0, 0   // DACR: domain 0 manager
    mcr     p15, 0, r3, c8, c7, 0   // TLBIALL
    mrc     p15, 0, r11, c1, c0, 0
    bic     r3, r11, #2             // A = 0: unaligned accesses allowed
    orr     r3, r3, #1              // M = 1
    mcr     p15, 0, r3, c1, c0, 0
    isb

    LI      r5, 0xfffffffe
    ldr     r0, [r5]                // 0xfffffffe..0x00000001
    LI      r5, 0xffffffff
    ldrh    r1, [r5]                // 0xffffffff, 0x00000000
    LI      r5, 0xfffffffd
    ldr     r2, [r5]
    LI      r5, 0xfffffffd
    LI      r3, 0xdeadbeef
    str     r3, [r5]                // 0xfffffffd..0x00000000
    LI      r5, 0xfffffffc
    ldr     r3, [r5]
    mov     r5, #0
    ldr     r4, [r5]
    LI      r5, 0xffffffff
    LI      r6, 0xcafe
    strh    r6, [r5]
    LI      r5, 0xfffffffc
    ldr     r6, [r5]
    mov     r5, #0
    ldr     r7, [r5]

    mcr     p15, 0, r11, c1, c0, 0  // MMU off again
    isb
    mov     r5, #0
    mcr     p15, 0, r5, c8, c7, 0
    REPORT  wrap_loads_and_stores, R0|R1|R2|R3|R4|R6|R7
    pop     {r4-r11, pc}
