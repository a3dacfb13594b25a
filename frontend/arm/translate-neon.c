/* SPDX-License-Identifier: MIT */
/*
 * Advanced SIMD (NEON), A32 unconditional space (1111 001x data
 * processing, 1111 0100 xxx0 element and structure loads/stores); T32
 * reaches here through arm_decode_t32_vfp's re-encoding.  Not implemented
 * yet: every encoding is declined (UNDEFINED) and MVFR1 reports no
 * Advanced SIMD (see README-fpu.md).
 */
#include "frontend/arm/translate.h"

bool arm_decode_neon(DisasContext *dc, uint32_t insn)
{
    (void)dc, (void)insn;
    return false;
}
