/* SPDX-License-Identifier: MIT */
/*
 * Control flow for the x86-64 JIT: comparisons (setcond, brcond, and a
 * setcond fused into the brcond that tests it), labels and branches, TB
 * exits (goto_tb, exit_tb, goto_ptr), insn_start markers and helper calls
 * under the SysV ABI.  At every basic-block end globals and TB temps are
 * in memory; at a label nothing is in a register (backend/README.md).
 */
#include <assert.h>
#include <stdlib.h>

#include "backend/x86_64/x86-internal.h"

static IRTemp *arg(const IROp *op, int i)
{
    return ir_arg_temp(op, i);
}

int x86_cond_cc(IRCond c)
{
    switch (c) {
    case IR_COND_EQ: return X86_CC_E;
    case IR_COND_NE: return X86_CC_NE;
    case IR_COND_LT: return X86_CC_L;
    case IR_COND_GE: return X86_CC_GE;
    case IR_COND_LE: return X86_CC_LE;
    case IR_COND_GT: return X86_CC_G;
    case IR_COND_LTU: return X86_CC_B;
    case IR_COND_GEU: return X86_CC_AE;
    case IR_COND_LEU: return X86_CC_BE;
    case IR_COND_GTU: return X86_CC_A;
    default: assert(!"no x86 condition"); return X86_CC_E;
    }
}

/* Load the operands of "a cond b" (constants as imm32 where possible). */
void x86_cmp_load(X86Gen *g, const IROp *op, int ia, int ib, IRCond cond,
                  X86Cmp *cmp)
{
    IRTemp *a = arg(op, ia), *b = arg(op, ib);

    if (x86_temp_is_const(a) && !x86_temp_is_const(b)) {
        IRTemp *t = a;
        a = b;
        b = t;
        cond = ir_swap_cond(cond);
    }
    cmp->w64 = op->type == IR_I64;
    cmp->cc = x86_cond_cc(cond);
    cmp->ra = x86_ra_load(g, a, 0);
    cmp->use_imm = false;
    cmp->use_mem = false;
    if (x86_temp_is_const(b)) {
        uint64_t v = x86_temp_cval(b);
        if (!cmp->w64 || x86_fits_i32((int64_t)v)) {
            cmp->use_imm = true;
            cmp->imm = (int32_t)v;
            return;
        }
    }
    if (b == arg(op, ib) && x86_ra_mem_dead_input(g, op, ib)) {
        cmp->use_mem = true;
        x86_ra_mem_operand(g, b, &cmp->base, &cmp->disp);
        return;
    }
    cmp->rb = x86_ra_load(g, b, 0);
}

void x86_cmp_emit(X86Gen *g, const X86Cmp *cmp)
{
    if (cmp->use_imm && cmp->imm == 0) {
        x86_test_rr(&g->c, cmp->w64, cmp->ra, cmp->ra);
    } else if (cmp->use_imm) {
        x86_alu_ri(&g->c, X86_CMP, cmp->w64, cmp->ra, cmp->imm);
    } else if (cmp->use_mem) {
        x86_op_rm(&g->c, 0x3b | x86_pw(cmp->w64), cmp->ra, cmp->base, -1, 0,
                  cmp->disp);
    } else {
        x86_alu_rr(&g->c, X86_CMP, cmp->w64, cmp->ra, cmp->rb);
    }
}

void x86_reloc_add(X86Gen *g, uint8_t *field, uint32_t label)
{
    if (g->nb_relocs == g->cap_relocs) {
        g->cap_relocs = g->cap_relocs ? 2 * g->cap_relocs : 64;
        g->relocs = realloc(g->relocs, g->cap_relocs * sizeof(*g->relocs));
        if (!g->relocs) {
            abort();
        }
    }
    g->relocs[g->nb_relocs].field = field;
    g->relocs[g->nb_relocs].label = label;
    g->nb_relocs++;
}

/* jcc (cc >= 0) or jmp (cc < 0) to an IR label */
static void x86_jump_label(X86Gen *g, int cc, uint32_t idx)
{
    IRLabel *l = g->f->labels[idx];
    uint8_t *field;

    if (l->has_value) {
        if (cc >= 0) {
            x86_jcc(&g->c, cc, (const uint8_t *)l->value);
        } else {
            x86_jmp(&g->c, (const uint8_t *)l->value);
        }
        return;
    }
    field = cc >= 0 ? x86_jcc32(&g->c, cc, NULL) : x86_jmp32(&g->c, NULL);
    x86_reloc_add(g, field, idx);
}

static void x86_gen_setcond(X86Gen *g, const IROp *op)
{
    IRCond cond = (IRCond)op->args[3];
    X86Cmp cmp;
    int rd;

    if (cond == IR_COND_ALWAYS || cond == IR_COND_NEVER) {
        rd = x86_ra_out(g, op, 0, -1, -1, 0);
        x86_movi(&g->c, false, rd, cond == IR_COND_ALWAYS);
    } else {
        x86_cmp_load(g, op, 1, 2, cond, &cmp);
        rd = x86_ra_out(g, op, 0, 1, 2, 0);
        x86_cmp_emit(g, &cmp);
        x86_setcc(&g->c, cmp.cc, rd);
        x86_movzx8(&g->c, rd, rd);
    }
    x86_ra_finish(g, op, &rd);
}

/* setcond t, a, b, c; brcond t, 0, eq/ne, L  with t dead: one cmp + jcc */
bool x86_gen_fused_setcond(X86Gen *g, IROp *op, IROp *next)
{
    IRCond cond = (IRCond)op->args[3], bcond;
    IRTemp *d = arg(op, 0);
    X86Cmp cmp;

    if (!next || next->opc != IR_brcond || arg(next, 0) != d ||
        !x86_temp_is_const(arg(next, 1)) || x86_temp_cval(arg(next, 1)) ||
        !x86_op_dead(next, 0) || d->kind == IR_TEMP_GLOBAL ||
        (op->life & IR_SYNC_ARG(0)) || x86_op_dead(op, 0) ||
        cond == IR_COND_ALWAYS || cond == IR_COND_NEVER) {
        x86_gen_setcond(g, op);
        return false;
    }
    bcond = (IRCond)next->args[2];
    if (bcond != IR_COND_EQ && bcond != IR_COND_NE) {
        x86_gen_setcond(g, op);
        return false;
    }
    if (bcond == IR_COND_EQ) {
        cond = ir_invert_cond(cond);
    }
    x86_cmp_load(g, op, 1, 2, cond, &cmp);
    x86_ra_bb_end_sync(g);
    x86_cmp_emit(g, &cmp);
    x86_jump_label(g, cmp.cc, (uint32_t)next->args[3]);
    /* the setcond's inputs retire; its output was never materialized */
    for (int i = 1; i <= 2; i++) {
        if (x86_op_dead(op, i)) {
            x86_ra_dead(g, arg(op, i));
        }
    }
    x86_ra_dead(g, d);
    g->locked = 0;
    return true;
}

static void x86_gen_brcond(X86Gen *g, const IROp *op)
{
    IRCond cond = (IRCond)op->args[2];
    X86Cmp cmp;

    if (cond == IR_COND_NEVER) {
        x86_ra_finish(g, op, NULL);
        return;
    }
    if (cond == IR_COND_ALWAYS) {
        x86_ra_bb_end_sync(g);
        x86_jump_label(g, -1, (uint32_t)op->args[3]);
        x86_ra_finish(g, op, NULL);
        return;
    }
    x86_cmp_load(g, op, 0, 1, cond, &cmp);
    x86_ra_bb_end_sync(g);
    x86_cmp_emit(g, &cmp);
    x86_jump_label(g, cmp.cc, (uint32_t)op->args[3]);
    x86_ra_finish(g, op, NULL);
}

static void x86_gen_goto_tb(X86Gen *g, const IROp *op)
{
    int n = (int)op->args[0];
    int pad = (int)((4 - (((uintptr_t)g->c.ptr + 1) & 3)) & 3);

    assert(n == 0 || n == 1);
    x86_ra_sync_globals(g, false);
    x86_nops(&g->c, pad);
    g->tb->jmp_insn_offset[n] = (uint32_t)(g->c.ptr - g->c.start);
    x86_jmp32(&g->c, NULL);     /* rel32 = 0: falls into the exit path */
    g->tb->jmp_reset_offset[n] = (uint32_t)(g->c.ptr - g->c.start);
}

static void x86_gen_exit_tb(X86Gen *g, const IROp *op)
{
    uintptr_t val = op->args[0];

    x86_ra_sync_globals(g, false);
    if (val == 0) {
        x86_jmp(&g->c, g->be->epilogue_ret0);
    } else {
        int64_t rel = (int64_t)(val - (uintptr_t)(g->c.ptr + 7));
        if (x86_fits_i32(rel) && val > 0xffffffffu) {
            /* TB pointers live in the code buffer: lea rax, [rip + rel] */
            x86_op_rip(&g->c, 0x8d | P_W, X86_RAX, (const void *)val);
        } else {
            x86_movi(&g->c, true, X86_RAX, val);
        }
        x86_jmp(&g->c, g->be->epilogue);
    }
    x86_ra_bb_reset(g);
}

static void x86_gen_goto_ptr(X86Gen *g, const IROp *op)
{
    int rp = x86_ra_load(g, arg(op, 0), 0);

    x86_ra_sync_globals(g, false);
    x86_test_rr(&g->c, true, rp, rp);
    x86_jcc(&g->c, X86_CC_E, g->be->epilogue_ret0);
    x86_jmp_r(&g->c, rp);
    x86_ra_finish(g, op, NULL);
    x86_ra_bb_reset(g);
}

void x86_gen_control(X86Gen *g, IROp *op)
{
    IRLabel *l;

    switch (op->opc) {
    case IR_insn_start:
        if (g->insn_off) {
            g->insn_off[g->nb_insns] = (uint32_t)(g->c.ptr - g->c.start);
        }
        g->nb_insns++;
        break;
    case IR_set_label:
        x86_ra_bb_end_sync(g);
        x86_ra_bb_reset(g);
        l = g->f->labels[op->args[0]];
        l->has_value = true;
        l->value = (uintptr_t)g->c.ptr;
        break;
    case IR_br:
        x86_ra_bb_end_sync(g);
        x86_jump_label(g, -1, (uint32_t)op->args[0]);
        x86_ra_bb_reset(g);
        break;
    case IR_brcond:
        x86_gen_brcond(g, op);
        break;
    case IR_goto_tb:
        x86_gen_goto_tb(g, op);
        break;
    case IR_exit_tb:
        x86_gen_exit_tb(g, op);
        break;
    case IR_goto_ptr:
        x86_gen_goto_ptr(g, op);
        break;
    default:
        assert(!"x86: op not implemented");
        abort();
    }
}

/* ---- helper calls ---- */

static const int8_t x86_arg_regs[IR_MAX_CALL_ARGS] = {
    X86_RDI, X86_RSI, X86_RDX, X86_RCX, X86_R8, X86_R9,
};

/* Is t input j of the call, already sitting in its argument register? */
static bool x86_call_in_place(const IROp *op, const IRTemp *t, int reg)
{
    int nb_out = op->nb_out;

    for (int j = 0; j < op->nb_in; j++) {
        if (arg(op, nb_out + j) == t && x86_arg_regs[j] == reg) {
            return true;
        }
    }
    return false;
}

static bool x86_call_is_input(const IROp *op, const IRTemp *t)
{
    for (int i = op->nb_out; i < op->nb_out + op->nb_in; i++) {
        if (arg(op, i) == t) {
            return true;
        }
    }
    return false;
}

static bool x86_call_dead_input(const IROp *op, const IRTemp *t)
{
    for (int i = op->nb_out; i < op->nb_out + op->nb_in; i++) {
        if (arg(op, i) == t && x86_op_dead(op, i)) {
            return true;
        }
    }
    return false;
}

/* Move arguments sitting in the wrong caller-saved register to their
 * argument register while it is free (chains resolve; cycles do not). */
static void x86_call_move_args(X86Gen *g, const IROp *op)
{
    bool progress = true;

    while (progress) {
        progress = false;
        for (int j = 0; j < op->nb_in; j++) {
            IRTemp *t = arg(op, op->nb_out + j);
            int r = x86_arg_regs[j];
            if (t->val_type != VAL_REG || t->kind == IR_TEMP_FIXED ||
                t->reg == r || g->reg_temp[r] ||
                !((X86_CALL_CLOBBER >> t->reg) & 1) ||
                x86_call_in_place(op, t, t->reg)) {
                continue;
            }
            x86_mov_rr(&g->c, t->type == IR_I64, r, t->reg);
            g->reg_temp[t->reg] = NULL;
            g->reg_temp[r] = t;
            t->reg = r;
            progress = true;
        }
    }
}

/*
 * Caller-saved registers: values needed later are stored; a register
 * stays bound only if it already holds its own argument.  Then every
 * other argument is copied into place with no register conflicts.
 */
static void x86_call_args(X86Gen *g, const IROp *op)
{
    for (int r = 0; r < X86_NB_REGS; r++) {
        IRTemp *t = g->reg_temp[r];
        if (((X86_CALL_CLOBBER >> r) & 1) && t && !x86_call_is_input(op, t)) {
            x86_ra_spill(g, t);     /* not an argument: out of the way */
        }
    }
    x86_call_move_args(g, op);
    for (int r = 0; r < X86_NB_REGS; r++) {
        IRTemp *t = g->reg_temp[r];
        bool in_place;
        if (!((X86_CALL_CLOBBER >> r) & 1) || !t) {
            continue;
        }
        in_place = x86_call_in_place(op, t, r);
        if (!in_place || !x86_call_dead_input(op, t)) {
            x86_ra_sync(g, t);
        }
        if (!in_place) {
            x86_ra_spill(g, t);
        }
    }
    for (int j = 0; j < op->nb_in; j++) {
        IRTemp *t = arg(op, op->nb_out + j);
        int r = x86_arg_regs[j];
        if (!(t->val_type == VAL_REG && t->reg == r)) {
            x86_ra_copy_to(g, t, r);
        }
    }
    for (int r = 0; r < X86_NB_REGS; r++) {
        IRTemp *t = g->reg_temp[r];
        if (((X86_CALL_CLOBBER >> r) & 1) && t) {
            if (x86_call_dead_input(op, t)) {
                x86_ra_dead(g, t);
            } else {
                x86_ra_spill(g, t);
            }
        }
    }
}

void x86_gen_call(X86Gen *g, IROp *op)
{
    const IRHelper *h = (const IRHelper *)op->args[op->nb_out + op->nb_in];
    int rd = X86_RAX;

    if (!(h->flags & IR_CALL_NO_WRITE_GLOBALS)) {
        x86_ra_sync_globals(g, true);
    } else if (!(h->flags & IR_CALL_NO_READ_GLOBALS)) {
        x86_ra_sync_globals(g, false);
    }
    x86_call_args(g, op);
    x86_call(&g->c, h->func);
    if (op->nb_out && h->ret == IR_I32) {
        x86_mov_rr(&g->c, false, X86_RAX, X86_RAX);
    }
    x86_ra_finish(g, op, op->nb_out ? &rd : NULL);
}
