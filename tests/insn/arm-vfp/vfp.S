// SPDX-License-Identifier: MIT
// VFP instruction forms: enable sequence and ID registers, VLDR/VSTR,
// VLDM/VSTM/VPUSH/VPOP (S and D lists, D16-D31, writeback), every VMOV
// form, VMRS APSR_nzcv, conditional execution, FPSCR writable bits, and
// UNDEFINED while FPEXC.EN or CPACR deny access.  Arithmetic itself is
// fpgen.c.
#include "../arm/exc.inc"
    .fpu    vfpv4

    .data
    .balign 8
buf:    .space 256
    .text

    .macro  ENABLE
    mrc     p15, 0, r0, c1, c0, 2
    orr     r0, r0, #0xf00000
    mcr     p15, 0, r0, c1, c0, 2
    isb
    mov     r0, #0x40000000
    vmsr    fpexc, r0
    .endm

    // Fill buf with bytes 0x10, 0x11, ...
    .macro  FILLBUF
    ldr     r0, =buf
    mov     r1, #0x10
1:  strb    r1, [r0], #1
    add     r1, r1, #1
    cmp     r1, #0x110
    bne     1b
    .endm

    .global test_main
test_main:
    push    {r4-r11, lr}
    INSTALL
    // Disabled at reset: UNDEFINED
    CLEARINFO
    mov     r12, #0
2:  vadd.f32 s0, s1, s2
    SHOW    und_cpacr, 2b
    mrc     p15, 0, r0, c1, c0, 2
    orr     r0, r0, #0xf00000
    mcr     p15, 0, r0, c1, c0, 2
    isb
    mrc     p15, 0, r1, c1, c0, 2
    vmrs    r2, fpexc
    REPORT  cpacr, R1|R2
    CLEARINFO
2:  vmov    r3, s0
    SHOW    und_fpexc, 2b
    CLEARINFO
2:  vmrs    r3, fpscr
    SHOW    und_fpscr, 2b
    vmrs    r1, fpsid
    REPORT  fpsid, R1
    vmrs    r1, mvfr0
    vmrs    r2, mvfr1
    REPORT  mvfr, R1|R2
    ENABLE
    vmrs    r1, fpexc
    REPORT  fpexc, R1

    // FPSCR: writable bits
    LI      r0, 0xffffffff
    vmsr    fpscr, r0
    vmrs    r1, fpscr
    mov     r0, #0
    vmsr    fpscr, r0
    vmrs    r2, fpscr
    REPORT  fpscr_bits, R1|R2

    // VMOV immediate, register, core
    vmov.f32 s0, #1.0
    vmov.f32 s1, #-0.125
    vmov.f64 d1, #31.0
    vmov.f64 d17, #-2.5
    vmov    r1, s0
    vmov    r2, s1
    vmov    r3, r4, d1
    vmov    r5, r6, d17
    REPORT  vmov_imm, R1|R2|R3|R4|R5|R6
    LI      r0, 0x12345678
    LI      r1, 0x9abcdef0
    vmov    s31, r0
    vmov    s30, r1
    vmov    r2, r3, d15
    vmov    d31, r0, r1
    vmov    r4, r5, d31
    vmov    s6, s7, r1, r0
    vmov    r6, r7, s6, s7
    vmov.f32 s8, s31
    vmov.f64 d20, d31
    vmov    r8, s8
    vmov    r9, r10, d20
    REPORT  vmov_core, R2|R3|R4|R5|R6|R7|R8|R9|R10
    vabs.f32 s9, s30
    vneg.f32 s10, s30
    vneg.f64 d21, d20
    vabs.f64 d22, d21
    vmov    r1, s9
    vmov    r2, s10
    vmov    r3, r4, d21
    vmov    r5, r6, d22
    REPORT  vabsneg, R1|R2|R3|R4|R5|R6

    // Scalars
    LI      r0, 0x89abcdef
    LI      r1, 0x01234567
    vmov    d5, r0, r1
    vmov.32 r2, d5[1]
    .fpu    neon-vfpv4
    vmov.s16 r3, d5[1]
    vmov.u16 r4, d5[1]
    vmov.s8 r5, d5[2]
    vmov.u8 r6, d5[7]
    REPORT  scalar_from, R2|R3|R4|R5|R6
    LI      r0, 0xa5c3
    vmov.8  d5[0], r0
    vmov.16 d5[3], r0
    .fpu    vfpv4
    vmov.32 d25[1], r0
    vmov.32 d25[0], r1
    vmov    r2, r3, d5
    vmov    r4, r5, d25
    REPORT  scalar_to, R2|R3|R4|R5

    // VLDR / VSTR
    FILLBUF
    ldr     r0, =buf
    vldr    s3, [r0, #8]
    vldr    d4, [r0, #16]
    add     r1, r0, #64
    vldr    d30, [r1, #-40]
    vldr    s5, [r1, #-4]
    vmov    r2, s3
    vmov    r3, r4, d4
    vmov    r5, r6, d30
    vmov    r7, s5
    REPORT  vldr, R2|R3|R4|R5|R6|R7
    vstr    d30, [r0, #128]
    vstr    s3, [r0, #140]
    ldrd    r2, r3, [r0, #128]
    ldr     r4, [r0, #140]
    vldr    s12, lit
    vldr    d13, litd
    vmov    r5, s12
    vmov    r6, r7, d13
    REPORT  vstr_lit, R2|R3|R4|R5|R6|R7
    b       1f
    .balign 8
litd:   .word 0x11223344, 0x55667788
lit:    .word 0xcafef00d
1:
    // VLDM / VSTM / VPUSH / VPOP
    FILLBUF
    ldr     r0, =buf
    vldmia  r0, {s0-s4}
    vmov    r1, s0
    vmov    r2, s4
    mov     r3, r0
    vldmia  r3!, {d16-d19}
    vmov    r4, r5, d19
    sub     r3, r3, r0
    add     r6, r0, #64
    vldmdb  r6!, {d0-d1}
    vmov    r7, r8, d0
    sub     r6, r6, r0
    REPORT  vldm, R1|R2|R3|R4|R5|R6|R7|R8
    mov     r9, sp
    LI      r0, 0xdeadbeef
    vmov    d8, r0, r0
    vmov    d15, r1, r2
    vpush   {d8-d15}
    sub     r9, r9, sp
    vmov.f64 d8, #1.0
    vmov.f64 d15, #2.0
    vpop    {d8-d15}
    vmov    r3, r4, d8
    vmov    r5, r6, d15
    vpush   {s3-s5}
    vpop    {s20-s22}
    vmov    r7, s21
    REPORT  vpush, R3|R4|R5|R6|R7|R9
    ldr     r0, =buf
    add     r0, r0, #200
    vstmdb  r0!, {d16-d17}
    vstmia  r0, {s0-s1}
    ldr     r1, =buf
    sub     r2, r0, r1
    ldm     r0, {r3-r6}
    REPORT  vstm, R2|R3|R4|R5|R6

    // VMRS APSR_nzcv and conditional execution
    vmov.f32 s0, #1.0
    vmov.f32 s1, #2.0
    vcmp.f32 s0, s1
    vmrs    APSR_nzcv, fpscr
    REPORT  vmrs_lt, F
    vcmp.f32 s1, s0
    vmrs    APSR_nzcv, fpscr
    REPORT  vmrs_gt, F
    vcmp.f32 s1, #0
    vmrs    APSR_nzcv, fpscr
    REPORT  vmrs_gtz, F
    vcmpe.f32 s0, s0
    vmrs    APSR_nzcv, fpscr
    vmrs    r1, fpscr
    REPORT  vmrs_eq, F|R1
    FLAGS   0x4
    vmov.f32 s2, #3.0
    vaddne.f32 s2, s0, s1
    vmov    r1, s2
    vaddeq.f32 s2, s0, s2
    vmov    r2, s2
    vldrne  s2, lit
    vmovne  r3, s2
    REPORT  cond, R1|R2|R3

    // A faulting Advanced SIMD load: data abort, registers written just
    // before it are seen by the handler
    .fpu    neon-vfpv4
    CLEARINFO
    LI      r5, UNMAPPED
    mov     r12, #0x55
2:  vld1.8  {d0-d1}, [r5]!
    SHOW    neon_dabt, 2b
    mov     r1, r5
    REPORT  neon_dabt_wb, R1
    .fpu    vfpv4

    // FPEXC.EN cleared again: UNDEFINED, FPEXC still accessible
    mov     r0, #0
    vmsr    fpexc, r0
    CLEARINFO
2:  vmul.f64 d0, d1, d2
    SHOW    und_en, 2b
    vmrs    r1, fpexc
    REPORT  fpexc_off, R1
    ENABLE
    // User mode: FPSCR accessible, FPEXC not
    cps     #0x10
    vmrs    r1, fpscr
    CLEARINFO
2:  vmrs    r2, fpexc
    SHOW    und_user, 2b
    svc     #0
    cps     #0x13
    cpsid   aif
    pop     {r4-r11, pc}
    .ltorg
