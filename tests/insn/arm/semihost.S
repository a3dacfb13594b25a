// SPDX-License-Identifier: MIT
// Arm semihosting as used by every test: SYS_WRITE0 (0x04) prints a string
// (to the emulator's stderr on qemu and mosaic; lines starting "sh-" there
// count as cases), SYS_WRITEC (0x03) one character, and SYS_EXIT_EXTENDED
// (0x20) with a non-zero code becomes the emulator's exit status.
// R0 after SYS_WRITE0/WRITEC is corrupted by definition: not reported.
#include "test.inc"

// EXPECT-EXIT: 3

    .text
    .global test_main
test_main:
    push    {r4-r11, lr}
    LI      r4, 0x12345678
    mov     r0, #0x04               // SYS_WRITE0
    adr     r1, msg
    svc     0x123456
    REPORT  after_write0, R1|R4
    mov     r0, #0x03               // SYS_WRITEC: "sh-c\n", one at a time
    adr     r1, chars
    svc     0x123456
    add     r1, r1, #1
    mov     r0, #0x03
    svc     0x123456
    add     r1, r1, #1
    mov     r0, #0x03
    svc     0x123456
    add     r1, r1, #1
    mov     r0, #0x03
    svc     0x123456
    add     r1, r1, #1
    mov     r0, #0x03
    svc     0x123456
    REPORT  after_writec, R4
    mov     r0, #3
    bl      sh_exit                 // SYS_EXIT_EXTENDED, code 3
    REPORT  not_reached, R0
    pop     {r4-r11, pc}
msg:
    .asciz  "sh-write0: hello from SYS_WRITE0\n"
chars:
    .ascii  "sh-c\n"
    .balign 4
