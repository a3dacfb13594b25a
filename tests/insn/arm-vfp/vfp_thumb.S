// SPDX-License-Identifier: MIT
// The T32 encodings of the VFP instructions: a Thumb function runs loads,
// stores, transfers, arithmetic, VMRS and conditional (IT block) forms and
// returns its results to the ARM-state reporter.
#include "test.inc"
    .fpu    vfpv4

    .data
    .balign 8
tbuf:   .word 0x3f800000, 0x40000000, 0x00000000, 0x3ff80000
        .space 64
    .text

    .global test_main
test_main:
    push    {r4-r11, lr}
    mrc     p15, 0, r0, c1, c0, 2
    orr     r0, r0, #0xf00000
    mcr     p15, 0, r0, c1, c0, 2
    isb
    mov     r0, #0x40000000
    vmsr    fpexc, r0
    ldr     r0, =tbuf
    blx     thumb_part
    REPORT  t32_arith, R1|R2|R3|R4|R5|R6|R7|R8
    ldr     r0, =tbuf
    blx     thumb_part2
    REPORT  t32_cond, R1|R2|R3|R4|R5|R6|F
    ldr     r0, =tbuf
    blx     thumb_neon
    REPORT  t32_neon, R1|R2|R3|R4|R5|R6|R7|R8
    pop     {r4-r11, pc}
    .ltorg

    .thumb
    .thumb_func
thumb_part:
    vldr    s0, [r0]
    vldr    s1, [r0, #4]
    vldr    d1, [r0, #8]
    vadd.f32 s4, s0, s1
    vdiv.f32 s5, s0, s1
    vmul.f64 d3, d1, d1
    vsqrt.f64 d4, d3
    vcvt.s32.f64 s10, d4
    vfma.f32 s4, s4, s1
    vmov    r1, s4
    vmov    r2, s5
    vmov    r3, r4, d3
    vmov    r5, s10
    vstmia  r0!, {d1-d2}
    vpush   {s4-s5}
    vpop    {s6-s7}
    vmov    r6, r7, s6, s7
    vmov.f32 s8, #0.5
    vcvtb.f16.f32 s9, s8
    vmov    r8, s9
    bx      lr

    .thumb_func
thumb_part2:
    vldr    s0, [r0]
    vldr    s1, [r0, #4]
    vcmp.f32 s0, s1
    vmrs    APSR_nzcv, fpscr
    ite     lt
    vaddlt.f32 s2, s0, s1
    vsubge.f32 s2, s0, s1
    vmov    r1, s2
    itt     gt
    vmovgt  r2, s0
    vldrgt  s3, [r0]
    mov     r2, #7
    vmov.f32 s4, #3.0
    it      eq
    vmoveq.f32 s4, #5.0
    vmov    r3, s4
    vmrs    r4, fpscr
    vmov    r5, r6, d0
    bx      lr

    .fpu    neon-vfpv4
    .thumb_func
thumb_neon:
    vld1.8  {d0-d1}, [r0]!
    vld4.16 {d2[1], d3[1], d4[1], d5[1]}, [r0]
    vadd.i8 q3, q0, q1
    vshr.u16 d8, d6, #3
    vmull.s8 q5, d0, d3
    vtbl.8  d12, {d0-d1}, d2
    vmovl.u8 q7, d12
    vqmovn.s32 d9, q7
    vst1.32 {d8-d9}, [r0]
    vmov    r1, r2, d6
    vmov    r3, r4, d8
    vmov    r5, r6, d10
    vmov    r7, r8, d14
    bx      lr
    .arm
