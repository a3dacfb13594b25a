/* SPDX-License-Identifier: MIT */
/*
 * Register allocation for the x86-64 JIT: one forward pass over the TB,
 * driven by the liveness annotations (op->life).  Each temp's value is in
 * a host register, in its memory home (env + mem_offset for globals, a
 * frame slot for EBB/TB temps), or a known constant (IRTemp.val_type).
 * Registers are taken on demand and given back when liveness says a value
 * is dead; when none is free, the cheapest one to spill is stored.
 * The invariants are listed in backend/README.md.
 */
#include <assert.h>
#include <string.h>

#include "backend/x86_64/x86-internal.h"

/* Callee-saved first: values there survive helper calls. */
static const int8_t x86_alloc_order[] = {
    X86_RBX, X86_R12, X86_R13, X86_R14, X86_R15, X86_R10, X86_R11,
    X86_R9, X86_R8, X86_RDI, X86_RSI, X86_RDX, X86_RCX, X86_RAX,
};

void x86_ra_init(X86Gen *g)
{
    IRFunc *f = g->f;

    memset(g->reg_temp, 0, sizeof(g->reg_temp));
    g->locked = 0;
    g->nb_slots = 0;
    g->nb_free_slots = 0;
    for (int i = 0; i < f->nb_temps; i++) {
        IRTemp *t = f->temps[i];
        t->reg = -1;
        t->slot = -1;
        t->mem_coherent = false;
        switch (t->kind) {
        case IR_TEMP_GLOBAL:
            t->val_type = VAL_MEM;
            t->mem_coherent = true;
            break;
        case IR_TEMP_FIXED:
            t->val_type = VAL_REG;
            t->reg = X86_ENV;
            t->mem_coherent = true;
            break;
        case IR_TEMP_CONST:
            t->val_type = VAL_CONST;
            t->state = (intptr_t)t->val;
            break;
        default:
            t->val_type = VAL_DEAD;
            break;
        }
    }
}

uint64_t x86_temp_cval(const IRTemp *t)
{
    uint64_t v = t->kind == IR_TEMP_CONST ? t->val : (uint64_t)t->state;
    return t->type == IR_I32 ? (uint32_t)v : v;
}

bool x86_temp_is_const(const IRTemp *t)
{
    return t->val_type == VAL_CONST;
}

static int x86_slot_alloc(X86Gen *g)
{
    if (g->nb_free_slots > 0) {
        return g->free_slots[--g->nb_free_slots];
    }
    if (g->nb_slots >= X86_NB_SLOTS) {
        g->overflow = true;     /* absurd TB: gen_code fails */
        return 0;
    }
    return g->nb_slots++;
}

void x86_ra_mem_operand(X86Gen *g, IRTemp *t, int *base, int32_t *disp)
{
    if (t->kind == IR_TEMP_GLOBAL) {
        *base = X86_ENV;
        *disp = t->mem_offset;
        return;
    }
    if (t->slot < 0) {
        t->slot = (int32_t)x86_slot_alloc(g);
    }
    *base = X86_RSP;
    *disp = X86_SLOT_BASE + 8 * t->slot;
}

static bool x86_is_w64(const IRTemp *t)
{
    return t->type == IR_I64;
}

/* Store the value to its memory home if memory is stale. */
void x86_ra_sync(X86Gen *g, IRTemp *t)
{
    int base;
    int32_t disp;

    if (t->kind == IR_TEMP_CONST || t->kind == IR_TEMP_FIXED ||
        t->mem_coherent || t->val_type == VAL_DEAD ||
        t->val_type == VAL_MEM) {
        return;
    }
    x86_ra_mem_operand(g, t, &base, &disp);
    if (t->val_type == VAL_REG) {
        x86_mov_mr(&g->c, x86_is_w64(t), t->reg, base, -1, 0, disp);
    } else {
        uint64_t v = x86_temp_cval(t);
        if (!x86_is_w64(t)) {
            x86_mov_mi(&g->c, 4, base, disp, (int32_t)v);
        } else if (x86_fits_i32((int64_t)v)) {
            x86_mov_mi(&g->c, 8, base, disp, (int32_t)v);
        } else {
            x86_mov_mi(&g->c, 4, base, disp, (int32_t)v);
            x86_mov_mi(&g->c, 4, base, disp + 4, (int32_t)(v >> 32));
        }
    }
    t->mem_coherent = true;
}

static void x86_reg_release(X86Gen *g, IRTemp *t)
{
    if (t->val_type == VAL_REG && t->kind != IR_TEMP_FIXED) {
        if (g->reg_temp[t->reg] == t) {
            g->reg_temp[t->reg] = NULL;
        }
        t->reg = -1;
    }
}

/* Sync, then forget the register: the value lives in memory. */
void x86_ra_spill(X86Gen *g, IRTemp *t)
{
    if (t->kind == IR_TEMP_CONST || t->kind == IR_TEMP_FIXED) {
        return;
    }
    x86_ra_sync(g, t);
    if (t->val_type == VAL_REG || t->val_type == VAL_CONST) {
        x86_reg_release(g, t);
        t->val_type = VAL_MEM;
    }
}

/* The value is no longer needed. */
void x86_ra_dead(X86Gen *g, IRTemp *t)
{
    if (t->kind == IR_TEMP_CONST || t->kind == IR_TEMP_FIXED) {
        return;
    }
    x86_reg_release(g, t);
    if (t->kind == IR_TEMP_GLOBAL) {
        t->val_type = VAL_MEM;
        t->mem_coherent = true;
        return;
    }
    t->val_type = VAL_DEAD;
    t->mem_coherent = false;
    if (t->kind == IR_TEMP_EBB && t->slot >= 0) {
        g->free_slots[g->nb_free_slots++] = (int16_t)t->slot;
        t->slot = -1;
    }
}

static void x86_reg_assign(X86Gen *g, IRTemp *t, int reg)
{
    g->reg_temp[reg] = t;
    t->reg = reg;
    t->val_type = VAL_REG;
}

/* Pick a register to spill: prefer one whose memory copy is current. */
static int x86_ra_victim(X86Gen *g, uint32_t avoid)
{
    int any = -1;

    for (size_t i = 0; i < sizeof(x86_alloc_order); i++) {
        int r = x86_alloc_order[i];
        IRTemp *t = g->reg_temp[r];
        if ((avoid >> r) & 1) {
            continue;
        }
        if (t && t->mem_coherent) {
            return r;
        }
        if (any < 0) {
            any = r;
        }
    }
    assert(any >= 0);
    return any;
}

static int x86_ra_free_reg(X86Gen *g, uint32_t avoid)
{
    for (size_t i = 0; i < sizeof(x86_alloc_order); i++) {
        int r = x86_alloc_order[i];
        if (!((avoid >> r) & 1) && !g->reg_temp[r]) {
            return r;
        }
    }
    return -1;
}

/* A register not in avoid and not used by this op; it becomes locked. */
int x86_ra_alloc(X86Gen *g, uint32_t avoid)
{
    int r;

    avoid |= g->locked;
    r = x86_ra_free_reg(g, avoid);
    if (r < 0) {
        r = x86_ra_victim(g, avoid);
        x86_ra_spill(g, g->reg_temp[r]);
    }
    g->locked |= 1u << r;
    return r;
}

int x86_ra_scratch(X86Gen *g, uint32_t avoid)
{
    return x86_ra_alloc(g, avoid);
}

/* Emit code that puts t's value in reg (reg is free or t's own). */
static void x86_ra_fill(X86Gen *g, IRTemp *t, int reg)
{
    int base;
    int32_t disp;

    switch (t->val_type) {
    case VAL_REG:
        if (t->reg != reg) {
            x86_mov_rr(&g->c, x86_is_w64(t), reg, t->reg);
        }
        break;
    case VAL_MEM:
        x86_ra_mem_operand(g, t, &base, &disp);
        x86_mov_rm(&g->c, x86_is_w64(t), reg, base, -1, 0, disp);
        break;
    case VAL_CONST:
        x86_movi(&g->c, x86_is_w64(t), reg, x86_temp_cval(t));
        break;
    default:
        break;      /* undefined value: anything will do */
    }
}

void x86_ra_copy_to(X86Gen *g, IRTemp *t, int reg)
{
    x86_ra_fill(g, t, reg);
}

/* Put t in a register not in avoid; the register is locked for the op. */
int x86_ra_load(X86Gen *g, IRTemp *t, uint32_t avoid)
{
    int r;

    if (t->val_type == VAL_REG && !((avoid >> t->reg) & 1)) {
        g->locked |= 1u << t->reg;
        return t->reg;
    }
    r = x86_ra_alloc(g, avoid);
    x86_ra_fill(g, t, r);
    if (t->kind == IR_TEMP_CONST || t->kind == IR_TEMP_FIXED) {
        return r;                       /* a scratch copy */
    }
    if (t->val_type == VAL_REG) {
        if ((g->locked >> t->reg) & 1) {
            return r;                   /* copy: the op uses the old one */
        }
        g->reg_temp[t->reg] = NULL;
    }
    x86_reg_assign(g, t, r);
    return r;
}

/* Move reg's occupant elsewhere (another free register, else memory). */
void x86_ra_evict(X86Gen *g, int reg)
{
    IRTemp *t = g->reg_temp[reg];
    int r;

    if (!t) {
        return;
    }
    assert(!((g->locked >> reg) & 1));
    r = x86_ra_free_reg(g, g->locked | (1u << reg));
    if (r < 0) {
        x86_ra_spill(g, t);
        return;
    }
    x86_mov_rr(&g->c, x86_is_w64(t), r, reg);
    g->reg_temp[reg] = NULL;
    x86_reg_assign(g, t, r);
}

/*
 * Put t's value in the fixed register reg and lock it.  With keep, the op
 * will clobber reg while t's value is still needed, so reg only holds a
 * copy and t keeps (or gets) another home.
 */
void x86_ra_load_into(X86Gen *g, IRTemp *t, int reg, bool keep)
{
    if (t->val_type == VAL_REG && t->reg == reg) {
        if (!keep || t->kind == IR_TEMP_FIXED) {
            g->locked |= 1u << reg;
            return;
        }
        x86_ra_evict(g, reg);   /* t moves away; reload a copy below */
    } else {
        x86_ra_evict(g, reg);
    }
    x86_ra_fill(g, t, reg);
    g->locked |= 1u << reg;
    if (!keep && t->kind != IR_TEMP_CONST && t->kind != IR_TEMP_FIXED &&
        t->val_type != VAL_REG) {
        x86_reg_assign(g, t, reg);
    }
}

/*
 * Choose the register for output oi: a dead input's (reuse_in, reuse_in2:
 * argument indexes or -1), the output's current register, or a new one.
 */
int x86_ra_out(X86Gen *g, const IROp *op, int oi, int reuse_in, int reuse_in2,
               uint32_t avoid)
{
    IRTemp *d = ir_arg_temp(op, oi);
    int cand[2] = { reuse_in, reuse_in2 };

    for (int i = 0; i < 2; i++) {
        IRTemp *t;
        if (cand[i] < 0 || !x86_op_dead(op, cand[i])) {
            continue;
        }
        t = ir_arg_temp(op, cand[i]);
        if (t->val_type == VAL_REG && t->kind != IR_TEMP_FIXED &&
            t->kind != IR_TEMP_CONST && g->reg_temp[t->reg] == t &&
            !((avoid >> t->reg) & 1)) {
            g->locked |= 1u << t->reg;
            return t->reg;
        }
    }
    if (d->val_type == VAL_REG && g->reg_temp[d->reg] == d &&
        !(((g->locked | avoid) >> d->reg) & 1)) {
        g->locked |= 1u << d->reg;
        return d->reg;
    }
    return x86_ra_alloc(g, avoid);
}

static bool x86_is_output(const IROp *op, int nb_out, const IRTemp *t)
{
    for (int j = 0; j < nb_out; j++) {
        if (ir_arg_temp(op, j) == t) {
            return true;
        }
    }
    return false;
}

/* After emitting an op: retire dead inputs, bind outputs, apply life. */
void x86_ra_finish(X86Gen *g, const IROp *op, const int *out_regs)
{
    int nb_out = ir_op_nb_oargs(op), nb_in = ir_op_nb_iargs(op);

    for (int i = nb_out; i < nb_out + nb_in; i++) {
        IRTemp *t = ir_arg_temp(op, i);
        if (x86_op_dead(op, i) && !x86_is_output(op, nb_out, t)) {
            x86_ra_dead(g, t);
        }
    }
    for (int j = 0; j < nb_out; j++) {
        IRTemp *d = ir_arg_temp(op, j);
        int r = out_regs[j];
        x86_reg_release(g, d);
        if (g->reg_temp[r]) {
            x86_ra_dead(g, g->reg_temp[r]);     /* a dead input's copy */
        }
        x86_reg_assign(g, d, r);
        d->mem_coherent = false;
    }
    for (int j = 0; j < nb_out; j++) {
        IRTemp *d = ir_arg_temp(op, j);
        if (op->life & IR_SYNC_ARG(j)) {
            x86_ra_sync(g, d);
        }
        if (x86_op_dead(op, j)) {
            x86_ra_dead(g, d);
        }
    }
    g->locked = 0;
}

/* Globals to memory before something reads env; free_regs if it writes. */
void x86_ra_sync_globals(X86Gen *g, bool free_regs)
{
    IRFunc *f = g->f;

    for (int i = 0; i < f->nb_globals; i++) {
        IRTemp *t = f->temps[i];
        if (t->kind != IR_TEMP_GLOBAL) {
            continue;
        }
        if (free_regs) {
            x86_ra_spill(g, t);
        } else {
            x86_ra_sync(g, t);
        }
    }
}

/* End of a basic block: globals and TB temps must be in memory. */
void x86_ra_bb_end_sync(X86Gen *g)
{
    IRFunc *f = g->f;

    for (int i = 0; i < f->nb_temps; i++) {
        IRTemp *t = f->temps[i];
        if (t->kind == IR_TEMP_GLOBAL || t->kind == IR_TEMP_TB) {
            x86_ra_sync(g, t);
        }
    }
}

/* At a label: nothing is in registers; EBB temps are dead. */
void x86_ra_bb_reset(X86Gen *g)
{
    IRFunc *f = g->f;

    for (int i = 0; i < f->nb_temps; i++) {
        IRTemp *t = f->temps[i];
        switch (t->kind) {
        case IR_TEMP_GLOBAL:
        case IR_TEMP_TB:
            x86_reg_release(g, t);
            if (t->kind == IR_TEMP_TB && t->slot < 0) {
                t->slot = (int32_t)x86_slot_alloc(g);
            }
            t->val_type = VAL_MEM;
            t->mem_coherent = true;
            break;
        case IR_TEMP_EBB:
            x86_ra_dead(g, t);
            break;
        default:
            break;
        }
    }
    memset(g->reg_temp, 0, sizeof(g->reg_temp));
    g->locked = 0;
}

/* Before a call: values in the registers of mask go to memory. */
void x86_ra_free_clobbered(X86Gen *g, uint32_t mask)
{
    for (int r = 0; r < X86_NB_REGS; r++) {
        if (((mask >> r) & 1) && g->reg_temp[r]) {
            x86_ra_spill(g, g->reg_temp[r]);
        }
    }
}

/*
 * An ld/st through env at [off, off + size) may touch a global's memory
 * home: store the register copy first, and drop it for a store.
 */
void x86_ra_env_alias(X86Gen *g, int32_t off, int size, bool is_store)
{
    IRFunc *f = g->f;

    for (int i = 0; i < f->nb_globals; i++) {
        IRTemp *t = f->temps[i];
        int gsize = t->type == IR_I64 ? 8 : 4;
        if (t->kind != IR_TEMP_GLOBAL || t->mem_offset >= off + size ||
            off >= t->mem_offset + gsize) {
            continue;
        }
        if (is_store) {
            x86_ra_spill(g, t);
        } else {
            x86_ra_sync(g, t);
        }
    }
}

/* Is input i of op only in memory and dead after op (a memory operand)? */
bool x86_ra_mem_dead_input(X86Gen *g, const IROp *op, int i)
{
    IRTemp *t = ir_arg_temp(op, i);

    (void)g;
    return t->val_type == VAL_MEM && x86_op_dead(op, i) &&
           (t->kind == IR_TEMP_GLOBAL || t->slot >= 0);
}
