/* SPDX-License-Identifier: MIT */
/*
 * The IR text form, printing side (tcg/ir-parse.c reads it back).  One op
 * per line, "name_i32 out, in, $const" with op-specific constants (labels,
 * conditions, helpers); liveness bits follow as a "#" comment.  The
 * grammar is in tcg/README.md.
 */
#include <inttypes.h>
#include <string.h>

#include "tcg/ir-priv.h"

const char *ir_temp_name(const IRFunc *f, const IRTemp *t, char *buf,
                         size_t len)
{
    switch (t->kind) {
    case IR_TEMP_GLOBAL:
    case IR_TEMP_FIXED:
        return t->name ? t->name : "?";
    case IR_TEMP_TB:
        snprintf(buf, len, "loc%d", t->index - f->nb_globals);
        return buf;
    case IR_TEMP_CONST:
        snprintf(buf, len, "$0x%" PRIx64, t->val);
        return buf;
    default:
        snprintf(buf, len, "tmp%d", t->index - f->nb_globals);
        return buf;
    }
}

static void ir_print_temp(FILE *out, const IRFunc *f, const IROp *op, int i)
{
    const IRTemp *t = ir_arg_temp(op, i);
    char buf[32];

    if (!t) {
        fputs("<null>", out);
        return;
    }
    fputs(ir_temp_name(f, t, buf, sizeof(buf)), out);
    if (t->type != ir_op_arg_type(op, i)) {
        fputs(t->type == IR_I64 ? ":i64" : ":i32", out);
    }
}

static void ir_print_sep(FILE *out, int *n)
{
    fputs(*n ? ", " : " ", out);
    (*n)++;
}

/* The constant arguments of an op, from index k on. */
static void ir_print_consts(FILE *out, const IROp *op, int k, int *n)
{
    int nc = ir_op_nb_cargs(op);

    for (int j = 0; j < nc; j++, k++) {
        uintptr_t c = op->args[k];
        ir_print_sep(out, n);
        switch (op->opc) {
        case IR_setcond:
        case IR_movcond:
        case IR_brcond:
            if (j == 0) {
                fputs(ir_cond_name((IRCond)c), out);
                continue;
            }
            break;
        default:
            break;
        }
        if (op->opc == IR_set_label || op->opc == IR_br ||
            (op->opc == IR_brcond && j == 1)) {
            fprintf(out, "L%u", (unsigned)c);
        } else if (op->opc >= IR_ld8u && op->opc <= IR_st) {
            int32_t off = (int32_t)c;
            if (off < 0) {
                fprintf(out, "$-0x%x", -(unsigned)off);
            } else {
                fprintf(out, "$0x%x", (unsigned)off);
            }
        } else {
            fprintf(out, "$0x%" PRIx64, (uint64_t)c);
        }
    }
}

static void ir_print_call(FILE *out, const IRFunc *f, const IROp *op)
{
    const IRHelper *h = (const IRHelper *)op->args[op->nb_out + op->nb_in];

    fprintf(out, "call %s", h->name);
    if (op->nb_out) {
        fputs(", ", out);
        ir_print_temp(out, f, op, 0);
    }
    if (op->nb_out || op->nb_in) {
        fputs(" <-", out);
    }
    for (int i = 0; i < op->nb_in; i++) {
        fputs(i ? ", " : " ", out);
        ir_print_temp(out, f, op, op->nb_out + i);
    }
}

static void ir_print_life(FILE *out, uint32_t life)
{
    if (life & 0xffff) {
        fputs(" dead:", out);
        for (int i = 0; i < 16; i++) {
            if (life & IR_DEAD_ARG(i)) {
                fprintf(out, " %d", i);
            }
        }
    }
    if (life >> 16) {
        fputs(" sync:", out);
        for (int i = 0; i < 16; i++) {
            if (life & IR_SYNC_ARG(i)) {
                fprintf(out, " %d", i);
            }
        }
    }
}

void ir_print_op(FILE *out, const IRFunc *f, const IROp *op)
{
    int n = 0, nt;

    if (op->opc == IR_call) {
        ir_print_call(out, f, op);
    } else {
        fputs(ir_op_defs[op->opc].name, out);
        if (ir_op_has_type_suffix((IROpcode)op->opc)) {
            fputs(op->type == IR_I64 ? "_i64" : "_i32", out);
        }
        nt = op->nb_out + op->nb_in;
        for (int i = 0; i < nt; i++) {
            ir_print_sep(out, &n);
            ir_print_temp(out, f, op, i);
        }
        ir_print_consts(out, op, nt, &n);
    }
    if (op->life) {
        fputs("  #", out);
        ir_print_life(out, op->life);
    }
    fputc('\n', out);
}

void ir_print(FILE *out, const IRFunc *f)
{
    for (int i = 0; i < f->nb_ops; i++) {
        if (f->ops[i].opc != IR_nop) {
            ir_print_op(out, f, &f->ops[i]);
        }
    }
}
