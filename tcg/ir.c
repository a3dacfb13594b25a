/* SPDX-License-Identifier: MIT */
/*
 * The IR builder: IRFunc life cycle, temps (globals, EBB/TB temps, interned
 * constants), labels and op emission.  Frontends call these while
 * translating; tcg/optimize.c and tcg/liveness.c then rewrite the op array.
 * Temps and labels are allocated once and recycled across ir_func_reset(),
 * so a TB costs no malloc once the arrays have grown.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/ir-priv.h"

const IROpDef ir_op_defs[IR_NB_OPS] = {
#define DEF(n, o, i, c, fl) [IR_##n] = { #n, o, i, c, fl },
#include "tcg/ir.def"
#undef DEF
};

static void *ir_xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size);
    if (!q) {
        abort();
    }
    return q;
}

/* ---- Conditions ---- */

IRCond ir_swap_cond(IRCond c)
{
    switch (c) {
    case IR_COND_LT: return IR_COND_GT;
    case IR_COND_GT: return IR_COND_LT;
    case IR_COND_LE: return IR_COND_GE;
    case IR_COND_GE: return IR_COND_LE;
    case IR_COND_LTU: return IR_COND_GTU;
    case IR_COND_GTU: return IR_COND_LTU;
    case IR_COND_LEU: return IR_COND_GEU;
    case IR_COND_GEU: return IR_COND_LEU;
    default: return c;  /* never, always, eq, ne */
    }
}

bool ir_cond_eval(IRCond c, IRType t, uint64_t a, uint64_t b)
{
    int64_t sa = (int64_t)a, sb = (int64_t)b;

    if (t == IR_I32) {
        a = (uint32_t)a;
        b = (uint32_t)b;
        sa = (int32_t)a;
        sb = (int32_t)b;
    }
    switch (c) {
    case IR_COND_NEVER: return false;
    case IR_COND_ALWAYS: return true;
    case IR_COND_EQ: return a == b;
    case IR_COND_NE: return a != b;
    case IR_COND_LT: return sa < sb;
    case IR_COND_GE: return sa >= sb;
    case IR_COND_LE: return sa <= sb;
    case IR_COND_GT: return sa > sb;
    case IR_COND_LTU: return a < b;
    case IR_COND_GEU: return a >= b;
    case IR_COND_LEU: return a <= b;
    case IR_COND_GTU: return a > b;
    }
    assert(!"bad condition");
    return false;
}

const char *ir_cond_name(IRCond c)
{
    static const char *const names[16] = {
        [IR_COND_NEVER] = "never", [IR_COND_ALWAYS] = "always",
        [IR_COND_EQ] = "eq", [IR_COND_NE] = "ne",
        [IR_COND_LT] = "lt", [IR_COND_GE] = "ge",
        [IR_COND_LE] = "le", [IR_COND_GT] = "gt",
        [IR_COND_LTU] = "ltu", [IR_COND_GEU] = "geu",
        [IR_COND_LEU] = "leu", [IR_COND_GTU] = "gtu",
    };
    if ((unsigned)c < 16 && names[c]) {
        return names[c];
    }
    return "?";
}

/* ---- Argument counts and types ---- */

int ir_op_nb_oargs(const IROp *op)
{
    return op->nb_out;
}

int ir_op_nb_iargs(const IROp *op)
{
    return op->nb_in;
}

int ir_op_nb_cargs(const IROp *op)
{
    return op->opc == IR_call ? 1 : ir_op_defs[op->opc].nb_cargs;
}

IRType ir_op_arg_type(const IROp *op, int i)
{
    switch (op->opc) {
    case IR_ext_i32_i64:
    case IR_extu_i32_i64:
        return i == 0 ? IR_I64 : IR_I32;
    case IR_extrl_i64_i32:
    case IR_extrh_i64_i32:
        return i == 0 ? IR_I32 : IR_I64;
    case IR_ld8u: case IR_ld8s: case IR_ld16u: case IR_ld16s:
    case IR_ld32u: case IR_ld32s: case IR_ld:
    case IR_st8: case IR_st16: case IR_st32: case IR_st:
        return i == 1 ? IR_I64 : (IRType)op->type;  /* base is a pointer */
    case IR_goto_ptr:
        return IR_I64;
    case IR_call: {
        const IRHelper *h = (const IRHelper *)op->args[op->nb_out +
                                                       op->nb_in];
        if (i < op->nb_out) {
            return (IRType)h->ret;
        }
        return (IRType)h->args[i - op->nb_out];
    }
    default:
        return (IRType)op->type;
    }
}

bool ir_op_has_type_suffix(IROpcode opc)
{
    switch (opc) {
    case IR_nop: case IR_insn_start: case IR_set_label: case IR_br:
    case IR_mb: case IR_call: case IR_goto_tb: case IR_exit_tb:
    case IR_goto_ptr:
    case IR_ext_i32_i64: case IR_extu_i32_i64:
    case IR_extrl_i64_i32: case IR_extrh_i64_i32:
        return false;
    default:
        return true;
    }
}

/* ---- Function life cycle ---- */

static void ir_temp_init(IRTemp *t, IRType type, IRTempKind kind, int index)
{
    memset(t, 0, sizeof(*t));
    t->type = type;
    t->kind = kind;
    t->index = (uint16_t)index;
    t->reg = -1;
    t->slot = -1;
}

/* A temp object at index nb_temps (recycled when possible). */
static IRTemp *ir_temp_alloc(IRFunc *f, IRType type, IRTempKind kind)
{
    IRTemp *t;

    if (f->nb_temps == f->cap_temps) {
        int ncap = f->cap_temps ? f->cap_temps * 2 : 64;
        assert(ncap <= 65536);
        f->temps = ir_xrealloc(f->temps, ncap * sizeof(IRTemp *));
        memset(f->temps + f->cap_temps, 0,
               (ncap - f->cap_temps) * sizeof(IRTemp *));
        f->cap_temps = ncap;
    }
    t = f->temps[f->nb_temps];
    if (!t) {
        t = ir_xrealloc(NULL, sizeof(*t));
        f->temps[f->nb_temps] = t;
    }
    ir_temp_init(t, type, kind, f->nb_temps);
    f->nb_temps++;
    return t;
}

IRFunc *ir_func_new(void)
{
    IRFuncPriv *p = calloc(1, sizeof(*p));
    IRFunc *f;

    if (!p) {
        abort();
    }
    f = &p->f;
    f->env = ir_temp_alloc(f, IR_I64, IR_TEMP_FIXED);
    f->env->name = "env";
    f->nb_globals = 1;
    f->cap_ops = 256;
    f->ops = ir_xrealloc(NULL, f->cap_ops * sizeof(IROp));
    return f;
}

void ir_func_free(IRFunc *f)
{
    IRFuncPriv *p;

    if (!f) {
        return;
    }
    p = ir_priv(f);
    for (int i = 0; i < f->cap_temps; i++) {
        free(f->temps[i]);
    }
    for (int i = 0; i < f->cap_labels; i++) {
        free(f->labels[i]);
    }
    free(f->temps);
    free(f->labels);
    free(f->ops);
    free(p->chash);
    free(p->opt_info);
    free(p);
}

void ir_func_reset(IRFunc *f)
{
    IRFuncPriv *p = ir_priv(f);

    for (int i = 0; i < f->nb_globals; i++) {
        IRTemp *t = f->temps[i];
        t->state = t->state2 = 0;
        t->reg = t->slot = -1;
        t->val_type = 0;
        t->mem_coherent = false;
    }
    f->nb_temps = f->nb_globals;
    f->nb_ops = 0;
    f->nb_labels = 0;
    f->nb_insns = 0;
    if (p->chash_used) {
        memset(p->chash, 0, p->chash_cap * sizeof(IRTemp *));
        p->chash_used = 0;
    }
}

/* ---- Temps ---- */

IRTemp *ir_global(IRFunc *f, IRType type, int32_t offset, const char *name)
{
    IRTemp *t = ir_temp_alloc(f, type, IR_TEMP_GLOBAL);
    int g = f->nb_globals;

    if (t->index != g) {
        /* Temps of the current TB exist: keep globals first by swapping. */
        IRTemp *other = f->temps[g];
        f->temps[g] = t;
        f->temps[t->index] = other;
        other->index = t->index;
        t->index = (uint16_t)g;
    }
    t->mem_offset = offset;
    t->name = name;
    f->nb_globals++;
    return t;
}

IRTemp *ir_temp_new(IRFunc *f, IRType t, IRTempKind kind)
{
    assert(kind == IR_TEMP_EBB || kind == IR_TEMP_TB);
    assert(t == IR_I32 || t == IR_I64);
    return ir_temp_alloc(f, t, kind);
}

static uint32_t ir_const_hash(IRType t, uint64_t v)
{
    uint64_t h = (v ^ ((uint64_t)t << 63)) * 0x9e3779b97f4a7c15ull;
    return (uint32_t)(h >> 32);
}

static void ir_chash_grow(IRFuncPriv *p)
{
    IRTemp **old = p->chash;
    uint32_t ocap = p->chash_cap;
    uint32_t ncap = ocap ? ocap * 2 : 64;

    p->chash = calloc(ncap, sizeof(IRTemp *));
    if (!p->chash) {
        abort();
    }
    p->chash_cap = ncap;
    for (uint32_t i = 0; i < ocap; i++) {
        IRTemp *t = old[i];
        if (t) {
            uint32_t h = ir_const_hash((IRType)t->type, t->val) & (ncap - 1);
            while (p->chash[h]) {
                h = (h + 1) & (ncap - 1);
            }
            p->chash[h] = t;
        }
    }
    free(old);
}

IRTemp *ir_const(IRFunc *f, IRType type, uint64_t val)
{
    IRFuncPriv *p = ir_priv(f);
    uint32_t h, mask;
    IRTemp *t;

    if (type == IR_I32) {
        val = (uint32_t)val;
    }
    if ((p->chash_used + 1) * 2 > p->chash_cap) {
        ir_chash_grow(p);
    }
    mask = p->chash_cap - 1;
    for (h = ir_const_hash(type, val) & mask; (t = p->chash[h]) != NULL;
         h = (h + 1) & mask) {
        if (t->val == val && t->type == type) {
            return t;
        }
    }
    t = ir_temp_alloc(f, type, IR_TEMP_CONST);
    t->val = val;
    p->chash[h] = t;
    p->chash_used++;
    return t;
}

IRLabel *ir_label_new(IRFunc *f)
{
    IRLabel *l;

    if (f->nb_labels == f->cap_labels) {
        int ncap = f->cap_labels ? f->cap_labels * 2 : 16;
        f->labels = ir_xrealloc(f->labels, ncap * sizeof(IRLabel *));
        memset(f->labels + f->cap_labels, 0,
               (ncap - f->cap_labels) * sizeof(IRLabel *));
        f->cap_labels = ncap;
    }
    l = f->labels[f->nb_labels];
    if (!l) {
        l = ir_xrealloc(NULL, sizeof(*l));
        f->labels[f->nb_labels] = l;
    }
    memset(l, 0, sizeof(*l));
    l->id = (uint32_t)f->nb_labels++;
    return l;
}

/* ---- Emission ---- */

static IROp *ir_op_alloc(IRFunc *f)
{
    if (f->nb_ops == f->cap_ops) {
        f->cap_ops *= 2;
        f->ops = ir_xrealloc(f->ops, f->cap_ops * sizeof(IROp));
    }
    return &f->ops[f->nb_ops++];
}

static void ir_op_init(IROp *op, IROpcode opc, IRType type)
{
    const IROpDef *def = &ir_op_defs[opc];

    assert(!(def->flags & IRF_64) || type == IR_I64);
    op->opc = (uint16_t)opc;
    op->type = (uint8_t)type;
    op->nb_out = def->nb_oargs;
    op->nb_in = def->nb_iargs;
    op->life = 0;
}

/*
 * Frontend bugs caught early: every temp argument has the type its slot
 * requires (the guest address of qemu_ld/st may be either width), and no
 * output is a constant or env.
 */
static void ir_check_args(const IROp *op)
{
    int n = op->nb_out + op->nb_in;

    for (int i = 0; i < n; i++) {
        const IRTemp *t = ir_arg_temp(op, i);
        assert(t != NULL);
        assert(i >= op->nb_out || t->kind < IR_TEMP_FIXED);
        assert(t->type == ir_op_arg_type(op, i) ||
               (i == 1 && (op->opc == IR_qemu_ld || op->opc == IR_qemu_st)));
        (void)t;
    }
}

IROp *ir_emit(IRFunc *f, IROpcode opc, IRType type, const uintptr_t *args,
              int nargs)
{
    IROp *op = ir_op_alloc(f);

    assert(nargs <= IR_MAX_ARGS);
    ir_op_init(op, opc, type);
    if (nargs) {
        memcpy(op->args, args, nargs * sizeof(uintptr_t));
    }
    ir_check_args(op);
    return op;
}

IROp *ir_emit1(IRFunc *f, IROpcode opc, IRType type, IRTemp *d, IRTemp *a)
{
    IROp *op = ir_op_alloc(f);

    ir_op_init(op, opc, type);
    op->args[0] = (uintptr_t)d;
    op->args[1] = (uintptr_t)a;
    ir_check_args(op);
    return op;
}

IROp *ir_emit2(IRFunc *f, IROpcode opc, IRType type, IRTemp *d, IRTemp *a,
               IRTemp *b)
{
    IROp *op = ir_op_alloc(f);

    ir_op_init(op, opc, type);
    op->args[0] = (uintptr_t)d;
    op->args[1] = (uintptr_t)a;
    op->args[2] = (uintptr_t)b;
    ir_check_args(op);
    return op;
}

IROp *ir_insert_before(IRFunc *f, int at, IROpcode opc, IRType type)
{
    IROp *op;

    assert(at >= 0 && at <= f->nb_ops);
    ir_op_alloc(f);
    memmove(&f->ops[at + 1], &f->ops[at],
            (f->nb_ops - 1 - at) * sizeof(IROp));
    op = &f->ops[at];
    ir_op_init(op, opc, type);
    memset(op->args, 0, sizeof(op->args));
    return op;
}

static inline uintptr_t A(const void *p)
{
    return (uintptr_t)p;
}

void ir_movi_i32(IRFunc *f, IRTemp *d, uint32_t v)
{
    ir_emit1(f, IR_mov, IR_I32, d, ir_const_i32(f, v));
}

void ir_movi_i64(IRFunc *f, IRTemp *d, uint64_t v)
{
    ir_emit1(f, IR_mov, IR_I64, d, ir_const_i64(f, v));
}

void ir_bswap64_i64(IRFunc *f, IRTemp *d, IRTemp *a)
{
    ir_emit1(f, IR_bswap64, IR_I64, d, a);
}

void ir_ext32s_i64(IRFunc *f, IRTemp *d, IRTemp *a)
{
    ir_emit1(f, IR_ext32s, IR_I64, d, a);
}

void ir_ext32u_i64(IRFunc *f, IRTemp *d, IRTemp *a)
{
    ir_emit1(f, IR_ext32u, IR_I64, d, a);
}

void ir_ext_i32_i64(IRFunc *f, IRTemp *d64, IRTemp *a32)
{
    ir_emit1(f, IR_ext_i32_i64, IR_I64, d64, a32);
}

void ir_extu_i32_i64(IRFunc *f, IRTemp *d64, IRTemp *a32)
{
    ir_emit1(f, IR_extu_i32_i64, IR_I64, d64, a32);
}

void ir_extrl_i64_i32(IRFunc *f, IRTemp *d32, IRTemp *a64)
{
    ir_emit1(f, IR_extrl_i64_i32, IR_I32, d32, a64);
}

void ir_extrh_i64_i32(IRFunc *f, IRTemp *d32, IRTemp *a64)
{
    ir_emit1(f, IR_extrh_i64_i32, IR_I32, d32, a64);
}

void ir_setcond(IRFunc *f, IRType t, IRCond c, IRTemp *d, IRTemp *a,
                IRTemp *b)
{
    uintptr_t args[] = { A(d), A(a), A(b), c };
    ir_emit(f, IR_setcond, t, args, 4);
}

void ir_movcond(IRFunc *f, IRType t, IRCond c, IRTemp *d, IRTemp *c1,
                IRTemp *c2, IRTemp *v1, IRTemp *v2)
{
    uintptr_t args[] = { A(d), A(c1), A(c2), A(v1), A(v2), c };
    ir_emit(f, IR_movcond, t, args, 6);
}

void ir_mulu2(IRFunc *f, IRType t, IRTemp *lo, IRTemp *hi, IRTemp *a,
              IRTemp *b)
{
    uintptr_t args[] = { A(lo), A(hi), A(a), A(b) };
    ir_emit(f, IR_mulu2, t, args, 4);
}

void ir_muls2(IRFunc *f, IRType t, IRTemp *lo, IRTemp *hi, IRTemp *a,
              IRTemp *b)
{
    uintptr_t args[] = { A(lo), A(hi), A(a), A(b) };
    ir_emit(f, IR_muls2, t, args, 4);
}

static unsigned ir_type_bits(IRType t)
{
    return t == IR_I32 ? 32 : 64;
}

void ir_deposit(IRFunc *f, IRType t, IRTemp *d, IRTemp *a, IRTemp *b,
                unsigned pos, unsigned len)
{
    uintptr_t args[] = { A(d), A(a), A(b), pos, len };
    assert(len > 0 && pos + len <= ir_type_bits(t));
    ir_emit(f, IR_deposit, t, args, 5);
}

void ir_extract(IRFunc *f, IRType t, IRTemp *d, IRTemp *a, unsigned pos,
                unsigned len)
{
    uintptr_t args[] = { A(d), A(a), pos, len };
    assert(len > 0 && pos + len <= ir_type_bits(t));
    ir_emit(f, IR_extract, t, args, 4);
}

void ir_sextract(IRFunc *f, IRType t, IRTemp *d, IRTemp *a, unsigned pos,
                 unsigned len)
{
    uintptr_t args[] = { A(d), A(a), pos, len };
    assert(len > 0 && pos + len <= ir_type_bits(t));
    ir_emit(f, IR_sextract, t, args, 4);
}

void ir_ld(IRFunc *f, IROpcode opc, IRType t, IRTemp *d, IRTemp *base,
           int32_t off)
{
    uintptr_t args[] = { A(d), A(base), (uintptr_t)(intptr_t)off };
    assert(opc >= IR_ld8u && opc <= IR_ld);
    ir_emit(f, opc, t, args, 3);
}

void ir_st(IRFunc *f, IROpcode opc, IRType t, IRTemp *v, IRTemp *base,
           int32_t off)
{
    uintptr_t args[] = { A(v), A(base), (uintptr_t)(intptr_t)off };
    assert(opc >= IR_st8 && opc <= IR_st);
    ir_emit(f, opc, t, args, 3);
}

void ir_qemu_ld(IRFunc *f, IRType t, IRTemp *d, IRTemp *vaddr, uint32_t oi)
{
    uintptr_t args[] = { A(d), A(vaddr), oi };
    ir_emit(f, IR_qemu_ld, t, args, 3);
}

void ir_qemu_st(IRFunc *f, IRType t, IRTemp *v, IRTemp *vaddr, uint32_t oi)
{
    uintptr_t args[] = { A(v), A(vaddr), oi };
    ir_emit(f, IR_qemu_st, t, args, 3);
}

void ir_set_label(IRFunc *f, IRLabel *l)
{
    uintptr_t args[] = { l->id };
    assert(!l->present);
    l->present = true;
    ir_emit(f, IR_set_label, IR_VOID, args, 1);
}

void ir_br(IRFunc *f, IRLabel *l)
{
    uintptr_t args[] = { l->id };
    ir_emit(f, IR_br, IR_VOID, args, 1);
}

void ir_brcond(IRFunc *f, IRType t, IRCond c, IRTemp *a, IRTemp *b,
               IRLabel *l)
{
    uintptr_t args[] = { A(a), A(b), c, l->id };
    ir_emit(f, IR_brcond, t, args, 4);
}

void ir_brcondi_i32(IRFunc *f, IRCond c, IRTemp *a, uint32_t imm,
                    IRLabel *l)
{
    ir_brcond(f, IR_I32, c, a, ir_const_i32(f, imm), l);
}

void ir_insn_start(IRFunc *f, uint64_t data0, uint64_t data1)
{
    uintptr_t args[] = { (uintptr_t)data0, (uintptr_t)data1 };
    ir_emit(f, IR_insn_start, IR_VOID, args, 2);
    f->nb_insns++;
}

void ir_goto_tb(IRFunc *f, int slot)
{
    uintptr_t args[] = { (uintptr_t)slot };
    assert(slot == 0 || slot == 1);
    ir_emit(f, IR_goto_tb, IR_VOID, args, 1);
}

void ir_exit_tb(IRFunc *f, uintptr_t val)
{
    ir_emit(f, IR_exit_tb, IR_VOID, &val, 1);
}

void ir_goto_ptr(IRFunc *f, IRTemp *ptr)
{
    uintptr_t args[] = { A(ptr) };
    assert(ptr->type == IR_I64);
    ir_emit(f, IR_goto_ptr, IR_I64, args, 1);
}

void ir_mb(IRFunc *f, int kind)
{
    uintptr_t args[] = { (uintptr_t)kind };
    ir_emit(f, IR_mb, IR_VOID, args, 1);
}

void ir_discard(IRFunc *f, IRTemp *t)
{
    uintptr_t args[] = { A(t) };
    ir_emit(f, IR_discard, (IRType)t->type, args, 1);
}

void ir_call(IRFunc *f, const IRHelper *h, IRTemp *ret, IRTemp *const *args)
{
    IROp *op = ir_op_alloc(f);
    int n = 0;

    assert(h->nargs <= IR_MAX_CALL_ARGS);
    assert((ret != NULL) == (h->ret != IR_VOID));
    ir_op_init(op, IR_call, (IRType)h->ret);
    if (ret) {
        op->args[n++] = A(ret);
    }
    op->nb_out = (uint8_t)n;
    for (int i = 0; i < h->nargs; i++) {
        assert(args[i]->type == h->args[i]);
        op->args[n++] = A(args[i]);
    }
    op->nb_in = h->nargs;
    op->args[n] = A(h);
}
