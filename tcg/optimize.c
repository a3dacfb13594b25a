/* SPDX-License-Identifier: MIT */
/* The IR optimizer (first commit: no rewriting yet; folding follows). */
#include "tcg/ir-priv.h"

void ir_optimize(IRFunc *f)
{
    (void)f;
}
