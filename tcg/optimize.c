/* SPDX-License-Identifier: MIT */
/*
 * The IR optimizer: one forward pass over a TB's ops, run before liveness.
 * Per op: replace each input by its best known copy (a constant, else the
 * longest-lived equal temp), then call the op's fold_<family> function,
 * which folds constants, applies algebraic identities or just forgets what
 * was known about the outputs.  Dead code is left for tcg/liveness.c.
 * Knowledge is kept per extended basic block (dropped at labels).
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/ir-priv.h"

/* What the pass knows about one temp (indexed by temp->index). */
typedef struct OptTemp {
    uint32_t gen;           /* valid only when equal to Opt.gen */
    uint16_t prev, next;    /* ring of temps holding the same value */
    bool is_const;
    uint64_t val;           /* when is_const */
} OptTemp;

typedef struct Opt {
    IRFunc *f;
    OptTemp *info;
    uint32_t gen;
    uint32_t cap;           /* records in info */
    int at;                 /* index of the op being folded */
} Opt;

/* Bound on the ring walk that looks for a better copy (keeps it linear). */
#define OPT_RING_SCAN 16

/* Grow the record array to cover temp index n (new records are stale). */
static void opt_grow(Opt *o, unsigned n)
{
    IRFuncPriv *p = ir_priv(o->f);
    uint32_t ncap = p->opt_cap ? p->opt_cap : 256;

    while (ncap <= n) {
        ncap *= 2;
    }
    p->opt_info = realloc(p->opt_info, ncap * sizeof(OptTemp));
    if (!p->opt_info) {
        abort();
    }
    memset((OptTemp *)p->opt_info + p->opt_cap, 0,
           (ncap - p->opt_cap) * sizeof(OptTemp));
    p->opt_cap = ncap;
    o->info = p->opt_info;
    o->cap = ncap;
}

static inline OptTemp *ot(Opt *o, IRTemp *t)
{
    OptTemp *i;

    if (__builtin_expect(t->index >= o->cap, 0)) {
        opt_grow(o, t->index);
    }
    i = &o->info[t->index];

    if (i->gen != o->gen) {
        i->gen = o->gen;
        i->prev = i->next = t->index;
        i->is_const = t->kind == IR_TEMP_CONST;
        i->val = t->val;
    }
    return i;
}

/* An interned constant whose record exists (so records never move
 * while a caller holds pointers to two of them). */
static IRTemp *opt_const(Opt *o, IRType type, uint64_t v)
{
    IRTemp *t = ir_const(o->f, type, v);

    ot(o, t);
    return t;
}

/* Forget everything (a label: another path may reach here). */
static void opt_forget_all(Opt *o)
{
    IRFuncPriv *p = ir_priv(o->f);

    if (++p->opt_gen == 0) {    /* wrapped: make every record stale */
        memset(p->opt_info, 0, p->opt_cap * sizeof(OptTemp));
        p->opt_gen = 1;
    }
    o->gen = p->opt_gen;
}

/* t is redefined: leave its ring, its value is unknown. */
static void opt_reset_temp(Opt *o, IRTemp *t)
{
    OptTemp *i = ot(o, t);

    assert(t->kind != IR_TEMP_CONST);
    if (i->next != t->index) {
        o->info[i->prev].next = i->next;
        o->info[i->next].prev = i->prev;
        i->prev = i->next = t->index;
    }
    i->is_const = false;
}

static void opt_reset_outputs(Opt *o, IROp *op)
{
    for (int i = 0; i < op->nb_out; i++) {
        opt_reset_temp(o, ir_arg_temp(op, i));
    }
}

static bool opt_are_copies(Opt *o, IRTemp *a, IRTemp *b)
{
    OptTemp *ia, *ib;

    if (a == b) {
        return true;
    }
    ia = ot(o, a);
    ib = ot(o, b);
    if (ia->is_const && ib->is_const) {
        return ia->val == ib->val && a->type == b->type;
    }
    for (int n = ia->next, k = 0; n != a->index && k < OPT_RING_SCAN;
         n = o->info[n].next, k++) {
        if (n == b->index) {
            return true;
        }
    }
    return false;
}

/* The best temp holding t's value: a constant, else the longest-lived. */
static IRTemp *opt_best_copy(Opt *o, IRTemp *t)
{
    OptTemp *i = ot(o, t);
    IRTemp *best = t;

    if (i->is_const) {
        return t->kind == IR_TEMP_CONST ? t
                                        : opt_const(o, (IRType)t->type,
                                                    i->val);
    }
    if (t->kind >= IR_TEMP_GLOBAL) {
        return t;
    }
    for (int n = i->next, k = 0; n != t->index && k < OPT_RING_SCAN;
         n = o->info[n].next, k++) {
        IRTemp *c = o->f->temps[n];
        if (c->kind > best->kind) {
            best = c;
            if (c->kind >= IR_TEMP_GLOBAL) {
                break;
            }
        }
    }
    return best;
}

static bool arg_is_const(IROp *op, int i)
{
    return ir_arg_temp(op, i)->kind == IR_TEMP_CONST;
}

static uint64_t arg_val(IROp *op, int i)
{
    return ir_arg_temp(op, i)->val;
}

static bool arg_is_val(IROp *op, int i, uint64_t v)
{
    uint64_t m = op->type == IR_I32 ? 0xffffffffu : ~0ull;
    return arg_is_const(op, i) && arg_val(op, i) == (v & m);
}

/* ---- Rewriting helpers ---- */

/* mov d, s: d joins s's ring; a mov between copies disappears. */
static bool fold_mov(Opt *o, IROp *op)
{
    IRTemp *d = ir_arg_temp(op, 0), *s = ir_arg_temp(op, 1);
    OptTemp *id, *is;

    if (opt_are_copies(o, d, s)) {
        op->opc = IR_nop;
        return true;
    }
    opt_reset_temp(o, d);
    id = ot(o, d);
    is = ot(o, s);
    id->is_const = is->is_const;
    id->val = is->val;
    id->prev = s->index;
    id->next = is->next;
    o->info[is->next].prev = d->index;
    is->next = d->index;
    return true;
}

/* Turn op into "mov d, s" (d is output 0). */
static bool opt_make_mov(Opt *o, IROp *op, IRTemp *s)
{
    IRTemp *d = ir_arg_temp(op, 0);

    op->opc = IR_mov;
    op->nb_out = 1;
    op->nb_in = 1;
    op->args[0] = (uintptr_t)d;
    op->args[1] = (uintptr_t)s;
    return fold_mov(o, op);
}

static bool opt_make_const(Opt *o, IROp *op, uint64_t v)
{
    return opt_make_mov(o, op, opt_const(o, (IRType)op->type, v));
}

/* Put a constant in the second operand of a commutative pair. */
static bool opt_swap_args(IROp *op, int a, int b)
{
    if (arg_is_const(op, a) && !arg_is_const(op, b)) {
        uintptr_t t = op->args[a];
        op->args[a] = op->args[b];
        op->args[b] = t;
        return true;
    }
    return false;
}

/*
 * Commutative "d = a op b": a constant goes second, and else the operand
 * that is also the output goes first (a two-address host then needs no
 * extra move).
 */
static void opt_swap_commutative(IROp *op)
{
    if (!opt_swap_args(op, 1, 2) && !arg_is_const(op, 2) &&
        op->args[2] == op->args[0] && op->args[1] != op->args[0]) {
        uintptr_t t = op->args[1];
        op->args[1] = op->args[2];
        op->args[2] = t;
    }
}

/* ---- Constant evaluation: exactly the semantics of ir.def ---- */

static uint64_t opt_rot(uint64_t x, unsigned n, unsigned bits, bool left)
{
    n &= bits - 1;
    if (!n) {
        return x;
    }
    if (!left) {
        n = bits - n;
    }
    return (x << n) | (x >> (bits - n));
}

static uint64_t opt_eval_count(IROpcode opc, unsigned bits, uint64_t x)
{
    if (!x) {
        return bits;
    }
    if (opc == IR_ctz) {
        return __builtin_ctzll(x);
    }
    return __builtin_clzll(x) - (64 - bits);
}

static uint64_t opt_eval_ext(IROpcode opc, uint64_t x)
{
    switch (opc) {
    case IR_ext8s: return (uint64_t)(int64_t)(int8_t)x;
    case IR_ext8u: return (uint8_t)x;
    case IR_ext16s: return (uint64_t)(int64_t)(int16_t)x;
    case IR_ext16u: return (uint16_t)x;
    case IR_ext32s: case IR_ext_i32_i64: return (uint64_t)(int64_t)(int32_t)x;
    case IR_ext32u: case IR_extu_i32_i64: case IR_extrl_i64_i32:
        return (uint32_t)x;
    case IR_extrh_i64_i32: return x >> 32;
    case IR_bswap16: return ((x & 0xff) << 8) | ((x >> 8) & 0xff);
    case IR_bswap32: return __builtin_bswap32((uint32_t)x);
    case IR_bswap64: return __builtin_bswap64(x);
    default: assert(!"not an extension"); return 0;
    }
}

/* x op y for the unary and binary arithmetic ops, masked to the width. */
static uint64_t opt_eval(IROpcode opc, IRType type, uint64_t x, uint64_t y)
{
    unsigned bits = type == IR_I32 ? 32 : 64;
    uint64_t m = type == IR_I32 ? 0xffffffffu : ~0ull;
    uint64_t r;

    x &= (opc == IR_extrh_i64_i32 || opc == IR_extrl_i64_i32) ? ~0ull : m;
    y &= m;
    switch (opc) {
    case IR_mov: r = x; break;
    case IR_add: r = x + y; break;
    case IR_sub: r = x - y; break;
    case IR_mul: r = x * y; break;
    case IR_and: r = x & y; break;
    case IR_or: r = x | y; break;
    case IR_xor: r = x ^ y; break;
    case IR_andc: r = x & ~y; break;
    case IR_shl: r = x << (y & (bits - 1)); break;
    case IR_shr: r = x >> (y & (bits - 1)); break;
    case IR_sar:
        r = bits == 32 ? (uint64_t)((int32_t)x >> (y & 31))
                       : (uint64_t)((int64_t)x >> (y & 63));
        break;
    case IR_rotl: r = opt_rot(x, (unsigned)y, bits, true); break;
    case IR_rotr: r = opt_rot(x, (unsigned)y, bits, false); break;
    case IR_neg: r = -x; break;
    case IR_not: r = ~x; break;
    case IR_clz: case IR_ctz: r = opt_eval_count(opc, bits, x); break;
    default: r = opt_eval_ext(opc, x); break;
    }
    return r & m;
}

static uint64_t opt_deposit(uint64_t a, uint64_t b, unsigned pos,
                            unsigned len)
{
    uint64_t mask = (len >= 64 ? ~0ull : (1ull << len) - 1) << pos;
    return (a & ~mask) | ((b << pos) & mask);
}

static uint64_t opt_extract(uint64_t a, unsigned pos, unsigned len,
                            bool sign)
{
    uint64_t v = a >> pos;

    if (len >= 64) {
        return v;
    }
    v &= (1ull << len) - 1;
    if (sign && (v >> (len - 1)) & 1) {
        v |= ~0ull << len;
    }
    return v;
}

/* ---- fold_<family> ---- */

static bool fold_const1(Opt *o, IROp *op)
{
    if (arg_is_const(op, 1)) {
        IRTemp *a = ir_arg_temp(op, 1);
        return opt_make_const(o, op, opt_eval((IROpcode)op->opc,
                                              (IRType)op->type, a->val, 0));
    }
    return false;
}

static bool fold_const2(Opt *o, IROp *op)
{
    if (arg_is_const(op, 1) && arg_is_const(op, 2)) {
        return opt_make_const(o, op,
                              opt_eval((IROpcode)op->opc, (IRType)op->type,
                                       arg_val(op, 1), arg_val(op, 2)));
    }
    return false;
}

static bool fold_unary(Opt *o, IROp *op)
{
    return fold_const1(o, op);
}

static bool fold_add(Opt *o, IROp *op)
{
    opt_swap_commutative(op);
    if (fold_const2(o, op)) {
        return true;
    }
    if (arg_is_val(op, 2, 0)) {
        return opt_make_mov(o, op, ir_arg_temp(op, 1));
    }
    return false;
}

static bool fold_sub(Opt *o, IROp *op)
{
    if (fold_const2(o, op)) {
        return true;
    }
    if (opt_are_copies(o, ir_arg_temp(op, 1), ir_arg_temp(op, 2))) {
        return opt_make_const(o, op, 0);
    }
    if (arg_is_val(op, 2, 0)) {
        return opt_make_mov(o, op, ir_arg_temp(op, 1));
    }
    return false;
}

static bool fold_mul(Opt *o, IROp *op)
{
    opt_swap_commutative(op);
    if (fold_const2(o, op)) {
        return true;
    }
    if (arg_is_val(op, 2, 0)) {
        return opt_make_const(o, op, 0);
    }
    if (arg_is_val(op, 2, 1)) {
        return opt_make_mov(o, op, ir_arg_temp(op, 1));
    }
    return false;
}

static bool fold_and(Opt *o, IROp *op)
{
    opt_swap_commutative(op);
    if (fold_const2(o, op)) {
        return true;
    }
    if (arg_is_val(op, 2, 0)) {
        return opt_make_const(o, op, 0);
    }
    if (arg_is_val(op, 2, -1) ||
        opt_are_copies(o, ir_arg_temp(op, 1), ir_arg_temp(op, 2))) {
        return opt_make_mov(o, op, ir_arg_temp(op, 1));
    }
    return false;
}

static bool fold_or(Opt *o, IROp *op)
{
    opt_swap_commutative(op);
    if (fold_const2(o, op)) {
        return true;
    }
    if (arg_is_val(op, 2, -1)) {
        return opt_make_const(o, op, -1);
    }
    if (arg_is_val(op, 2, 0) ||
        opt_are_copies(o, ir_arg_temp(op, 1), ir_arg_temp(op, 2))) {
        return opt_make_mov(o, op, ir_arg_temp(op, 1));
    }
    return false;
}

static bool fold_xor(Opt *o, IROp *op)
{
    opt_swap_commutative(op);
    if (fold_const2(o, op)) {
        return true;
    }
    if (opt_are_copies(o, ir_arg_temp(op, 1), ir_arg_temp(op, 2))) {
        return opt_make_const(o, op, 0);
    }
    if (arg_is_val(op, 2, 0)) {
        return opt_make_mov(o, op, ir_arg_temp(op, 1));
    }
    if (arg_is_val(op, 2, -1)) {
        op->opc = IR_not;       /* x ^ -1 == ~x */
        op->nb_in = 1;
        op->args[2] = 0;
    }
    return false;
}

static bool fold_andc(Opt *o, IROp *op)
{
    if (fold_const2(o, op)) {
        return true;
    }
    if (arg_is_val(op, 2, -1) || arg_is_val(op, 1, 0) ||
        opt_are_copies(o, ir_arg_temp(op, 1), ir_arg_temp(op, 2))) {
        return opt_make_const(o, op, 0);
    }
    if (arg_is_val(op, 2, 0)) {
        return opt_make_mov(o, op, ir_arg_temp(op, 1));
    }
    return false;
}

/* shl, shr, sar, rotl, rotr */
static bool fold_shift(Opt *o, IROp *op)
{
    unsigned bits = op->type == IR_I32 ? 32 : 64;

    if (fold_const2(o, op)) {
        return true;
    }
    if (arg_is_const(op, 2) && (arg_val(op, 2) & (bits - 1)) == 0) {
        return opt_make_mov(o, op, ir_arg_temp(op, 1));
    }
    if (arg_is_val(op, 1, 0)) {
        return opt_make_const(o, op, 0);
    }
    if (op->opc != IR_shl && op->opc != IR_shr && arg_is_val(op, 1, -1)) {
        return opt_make_const(o, op, -1);   /* sar/rot of all ones */
    }
    return false;
}

/* ext8s ... ext32u, bswap*, width changes: constants only. */
static bool fold_ext(Opt *o, IROp *op)
{
    return fold_const1(o, op);
}

/*
 * "x c k" decided by the constant k alone: x geu 0, x leu max, x ge min,
 * x le max are always true (their inverses never).  1, 0 or -1.
 */
static int opt_cond_bound(IRType t, IRCond c, uint64_t k)
{
    uint64_t umax = t == IR_I32 ? 0xffffffffu : ~0ull;
    uint64_t smin = t == IR_I32 ? 0x80000000u : 1ull << 63;
    uint64_t smax = umax >> 1;
    uint64_t edge;

    switch (c) {
    case IR_COND_GEU: case IR_COND_LTU: edge = 0; break;
    case IR_COND_LEU: case IR_COND_GTU: edge = umax; break;
    case IR_COND_GE: case IR_COND_LT: edge = smin; break;
    case IR_COND_LE: case IR_COND_GT: edge = smax; break;
    default: return -1;
    }
    if (k != edge) {
        return -1;
    }
    return c == IR_COND_GEU || c == IR_COND_LEU || c == IR_COND_GE ||
           c == IR_COND_LE;
}

/* Whether "a c b" (args a, a+1) is known: 1 true, 0 false, -1 unknown. */
static int opt_cond_known(Opt *o, IROp *op, int a, IRCond c)
{
    IRType t = (IRType)op->type;

    if (c == IR_COND_ALWAYS || c == IR_COND_NEVER) {
        return c == IR_COND_ALWAYS;
    }
    if (arg_is_const(op, a) && arg_is_const(op, a + 1)) {
        return ir_cond_eval(c, t, arg_val(op, a), arg_val(op, a + 1));
    }
    if (opt_are_copies(o, ir_arg_temp(op, a), ir_arg_temp(op, a + 1))) {
        return ir_cond_eval(c, t, 0, 0);
    }
    if (arg_is_const(op, a + 1)) {
        return opt_cond_bound(t, c, arg_val(op, a + 1));
    }
    return -1;
}

static bool fold_setcond(Opt *o, IROp *op)
{
    IRCond c = (IRCond)op->args[3];
    int known;

    if (opt_swap_args(op, 1, 2)) {
        op->args[3] = c = ir_swap_cond(c);
    }
    known = opt_cond_known(o, op, 1, c);
    if (known >= 0) {
        return opt_make_const(o, op, known);
    }
    return false;
}

static bool fold_movcond(Opt *o, IROp *op)
{
    IRCond c = (IRCond)op->args[5];
    int known;

    if (opt_swap_args(op, 1, 2)) {
        op->args[5] = c = ir_swap_cond(c);
    }
    known = opt_cond_known(o, op, 1, c);
    if (known >= 0) {
        return opt_make_mov(o, op, ir_arg_temp(op, known ? 3 : 4));
    }
    if (opt_are_copies(o, ir_arg_temp(op, 3), ir_arg_temp(op, 4))) {
        return opt_make_mov(o, op, ir_arg_temp(op, 3));
    }
    if (arg_is_val(op, 3, 1) && arg_is_val(op, 4, 0)) {
        op->opc = IR_setcond;       /* c ? 1 : 0 */
    } else if (arg_is_val(op, 3, 0) && arg_is_val(op, 4, 1)) {
        op->opc = IR_setcond;       /* c ? 0 : 1 */
        c = ir_invert_cond(c);
    }
    if (op->opc == IR_setcond) {
        op->nb_in = 2;
        op->args[3] = c;
    }
    opt_reset_outputs(o, op);
    return true;
}

static bool fold_brcond(Opt *o, IROp *op)
{
    IRCond c = (IRCond)op->args[2];
    int known;

    if (opt_swap_args(op, 0, 1)) {
        op->args[2] = c = ir_swap_cond(c);
    }
    known = opt_cond_known(o, op, 0, c);
    if (known == 0) {
        op->opc = IR_nop;
    } else if (known == 1) {
        op->opc = IR_br;
        op->type = IR_VOID;
        op->nb_in = 0;
        op->args[0] = op->args[3];
        opt_forget_all(o);
    }
    return true;
}

/* mulu2/muls2: both constant -> two movs. */
static bool fold_mul2(Opt *o, IROp *op)
{
    IRType type = (IRType)op->type;
    IRTemp *hi = ir_arg_temp(op, 1);
    uint64_t a, b, lo, h;
    IROp *op2;

    opt_swap_args(op, 2, 3);
    if (!arg_is_const(op, 2) || !arg_is_const(op, 3)) {
        return false;
    }
    a = arg_val(op, 2);
    b = arg_val(op, 3);
    if (type == IR_I32) {
        uint64_t r = op->opc == IR_mulu2
                     ? a * b
                     : (uint64_t)((int64_t)(int32_t)a * (int32_t)b);
        lo = (uint32_t)r;
        h = r >> 32;
    } else if (op->opc == IR_mulu2) {
        unsigned __int128 r = (unsigned __int128)a * b;
        lo = (uint64_t)r;
        h = (uint64_t)(r >> 64);
    } else {
        __int128 r = (__int128)(int64_t)a * (int64_t)b;
        lo = (uint64_t)r;
        h = (uint64_t)((unsigned __int128)r >> 64);
    }
    opt_make_const(o, op, lo);      /* may turn op into a nop */
    op2 = ir_insert_before(o->f, o->at + 1, IR_mov, type);
    op2->args[0] = (uintptr_t)hi;
    op2->args[1] = (uintptr_t)opt_const(o, type, h);
    fold_mov(o, op2);
    o->at++;
    return true;
}

static bool fold_deposit(Opt *o, IROp *op)
{
    unsigned pos = (unsigned)op->args[3], len = (unsigned)op->args[4];
    unsigned bits = op->type == IR_I32 ? 32 : 64;

    if (arg_is_const(op, 1) && arg_is_const(op, 2)) {
        return opt_make_const(o, op, opt_deposit(arg_val(op, 1),
                                                 arg_val(op, 2), pos, len));
    }
    if (pos == 0 && len == bits) {
        return opt_make_mov(o, op, ir_arg_temp(op, 2));
    }
    return false;
}

static bool fold_extract(Opt *o, IROp *op)
{
    unsigned pos = (unsigned)op->args[2], len = (unsigned)op->args[3];
    unsigned bits = op->type == IR_I32 ? 32 : 64;
    bool sign = op->opc == IR_sextract;
    uint64_t m = bits == 32 ? 0xffffffffu : ~0ull;

    if (arg_is_const(op, 1)) {
        uint64_t v = arg_val(op, 1);
        if (bits == 32 && sign) {
            v = (uint64_t)(int64_t)(int32_t)v;  /* sign bit is bit 31 */
        }
        return opt_make_const(o, op, opt_extract(v, pos, len, sign) & m);
    }
    if (pos == 0 && len == bits) {
        return opt_make_mov(o, op, ir_arg_temp(op, 1));
    }
    return false;
}

static bool fold_call(Opt *o, IROp *op)
{
    const IRHelper *h = (const IRHelper *)op->args[op->nb_out + op->nb_in];

    if (!(h->flags & IR_CALL_NO_WRITE_GLOBALS)) {
        for (int i = 0; i < o->f->nb_globals; i++) {
            IRTemp *t = o->f->temps[i];
            if (t->kind == IR_TEMP_GLOBAL) {
                opt_reset_temp(o, t);
            }
        }
    }
    opt_reset_outputs(o, op);
    return true;
}

/* ---- Driver ---- */

static bool opt_fold(Opt *o, IROp *op)
{
    switch (op->opc) {
    case IR_mov: return fold_mov(o, op);
    case IR_add: return fold_add(o, op);
    case IR_sub: return fold_sub(o, op);
    case IR_mul: return fold_mul(o, op);
    case IR_and: return fold_and(o, op);
    case IR_or: return fold_or(o, op);
    case IR_xor: return fold_xor(o, op);
    case IR_andc: return fold_andc(o, op);
    case IR_shl: case IR_shr: case IR_sar: case IR_rotl: case IR_rotr:
        return fold_shift(o, op);
    case IR_neg: case IR_not: case IR_clz: case IR_ctz:
        return fold_unary(o, op);
    case IR_bswap16: case IR_bswap32: case IR_bswap64:
    case IR_ext8s: case IR_ext8u: case IR_ext16s: case IR_ext16u:
    case IR_ext32s: case IR_ext32u:
    case IR_ext_i32_i64: case IR_extu_i32_i64:
    case IR_extrl_i64_i32: case IR_extrh_i64_i32:
        return fold_ext(o, op);
    case IR_setcond: return fold_setcond(o, op);
    case IR_movcond: return fold_movcond(o, op);
    case IR_brcond: return fold_brcond(o, op);
    case IR_mulu2: case IR_muls2: return fold_mul2(o, op);
    case IR_deposit: return fold_deposit(o, op);
    case IR_extract: case IR_sextract: return fold_extract(o, op);
    case IR_call: return fold_call(o, op);
    case IR_set_label: case IR_br: case IR_goto_tb: case IR_exit_tb:
    case IR_goto_ptr:
        opt_forget_all(o);
        return true;
    default:
        return false;
    }
}

static void opt_propagate_inputs(Opt *o, IROp *op)
{
    int end = op->nb_out + op->nb_in;

    for (int i = op->nb_out; i < end; i++) {
        op->args[i] = (uintptr_t)opt_best_copy(o, ir_arg_temp(op, i));
    }
}

void ir_optimize(IRFunc *f)
{
    Opt o = { .f = f };

    if (ir_priv(f)->opt_cap < (uint32_t)f->nb_temps) {
        opt_grow(&o, f->nb_temps);
    }
    o.info = ir_priv(f)->opt_info;
    o.cap = ir_priv(f)->opt_cap;
    opt_forget_all(&o);
    for (o.at = 0; o.at < f->nb_ops; o.at++) {
        IROp *op = &f->ops[o.at];
        if (op->opc == IR_nop || op->opc == IR_insn_start) {
            continue;
        }
        opt_propagate_inputs(&o, op);
        if (!opt_fold(&o, op)) {
            opt_reset_outputs(&o, op);
        }
    }
}
