// SPDX-License-Identifier: MIT
// Data aborts on loads and stores to an unmapped address: LR_abt, SPSR,
// DFSR (status and WnR), DFAR, and no base writeback on a faulting access.
#include "exc.inc"

    .global test_main
test_main:
    push    {r4-r11, lr}
    INSTALL
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
    cpsid   aif
    pop     {r4-r11, pc}
    .ltorg
