// SPDX-License-Identifier: MIT
// UDF: undefined instruction exception, LR_und, SPSR_und, mode.
#include "exc.inc"

    .global test_main
test_main:
    push    {r4-r11, lr}
    INSTALL
    // UDF.
    CLEARINFO
    FLAGS   0x6
    mov     r12, #0
2:  udf     #0x1234
    add     r12, r12, #1
    SHOW    udf, 2b
    cpsid   aif
    pop     {r4-r11, pc}
    .ltorg
