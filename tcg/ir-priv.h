/* SPDX-License-Identifier: MIT */
/*
 * Private to the IR module (ir.c, ir-print.c, ir-parse.c, optimize.c,
 * liveness.c): the hidden part of an IRFunc and helpers shared by the
 * printer, parser and passes.  Nothing outside tcg/ir*.c and the two
 * passes includes this.
 */
#ifndef TCG_IR_PRIV_H
#define TCG_IR_PRIV_H

#include "tcg/ir.h"

/* The IRFunc handed out by ir_func_new() is the first member of this. */
typedef struct IRFuncPriv {
    IRFunc f;
    IRTemp **chash;         /* constant interning: open addressing */
    uint32_t chash_cap;     /* power of two (0: not allocated) */
    uint32_t chash_used;
    void *opt_info;         /* optimizer: per-temp records (optimize.c) */
    uint32_t opt_cap;       /* records allocated */
    uint32_t opt_gen;       /* generation: records of older ones are stale */
} IRFuncPriv;

static inline IRFuncPriv *ir_priv(IRFunc *f)
{
    return (IRFuncPriv *)f;
}

/* Type a temp in argument slot i of op is expected to have. */
IRType ir_op_arg_type(const IROp *op, int i);
/* Whether the op's printed name carries a _i32/_i64 suffix. */
bool ir_op_has_type_suffix(IROpcode opc);
/* Name for a non-constant temp: env, a global's name, tmpN or locN. */
const char *ir_temp_name(const IRFunc *f, const IRTemp *t, char *buf,
                         size_t len);

#endif
