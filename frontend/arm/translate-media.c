/* SPDX-License-Identifier: MIT */
/*
 * ARM A32 media and DSP instructions (saturating, parallel add/subtract,
 * packing, extends, reversal, bit fields, signed halfword/dual multiplies).
 * Called from the main A32 translator after its own decoder declines.
 * (Placeholder until the decoder lands: declines everything.)
 */
#include <stdbool.h>
#include <stdint.h>

typedef struct DisasContext DisasContext;

bool arm_decode_a32_media(DisasContext *dc, uint32_t insn);

bool arm_decode_a32_media(DisasContext *dc, uint32_t insn)
{
    (void)dc;
    (void)insn;
    return false;
}
