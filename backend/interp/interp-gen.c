/* SPDX-License-Identifier: MIT */
/*
 * Bytecode generation for the interpreter backend: one pass over an
 * optimized IRFunc, then fixups for labels and constants.
 *
 *   [ops of insn 0][ops of insn 1]...[IOP_end][pad][constant pool]
 *
 * Temps get frame slots on first sight; an EBB temp's slot is recycled
 * after its last textual use (EBB temps never live across a label).
 * Globals are operated on in env memory directly, so env is always up to
 * date at helper calls and exits.  Constants live in the pool after the
 * code, addressed from the code buffer start.
 */
#include <stdlib.h>
#include <string.h>

#include "backend/interp/interp.h"
#include "hw/core/log.h"

typedef struct Gen {
    InterpCtx *s;
    IRFunc *f;
    uint32_t *code;             /* TB start */
    size_t cap;                 /* in words */
    size_t pos;                 /* words emitted */
    uint32_t tb_off;            /* TB start from the code buffer, bytes */
    int next_slot;
    int op_index;               /* op being generated */
} Gen;

static void *gen_grow(void *p, int *cap, int need, size_t elem)
{
    if (need <= *cap) {
        return p;
    }
    int n = *cap ? *cap : 64;
    while (n < need) {
        n *= 2;
    }
    p = realloc(p, n * elem);
    if (!p) {
        die("interp: out of memory");
    }
    *cap = n;
    return p;
}

static void gen_word(Gen *g, uint32_t w)
{
    if (g->pos < g->cap) {
        g->code[g->pos] = w;
    }
    g->pos++;
}

static void gen_word64(Gen *g, uint64_t v)
{
    gen_word(g, (uint32_t)v);
    gen_word(g, (uint32_t)(v >> 32));
}

/* Byte offset from the code buffer of word index w of this TB. */
static uint32_t gen_code_off(const Gen *g, size_t w)
{
    return g->tb_off + (uint32_t)(w * 4);
}

static void gen_fixup(Gen *g, bool label, uint32_t what)
{
    InterpCtx *s = g->s;
    int *n = label ? &s->nb_label_fix : &s->nb_const_fix;
    InterpFixup **arr = label ? &s->label_fix : &s->const_fix;

    *arr = gen_grow(*arr, &s->fix_cap[label], *n + 1, sizeof(**arr));
    (*arr)[(*n)++] = (InterpFixup){ (uint32_t)g->pos, what };
    gen_word(g, 0);
}

/* ---- Temps ---- */

static int gen_slot_alloc(Gen *g)
{
    InterpCtx *s = g->s;

    if (s->nb_free > 0) {
        return s->free_slots[--s->nb_free];
    }
    if (g->next_slot >= INTERP_FRAME_SLOTS) {
        die("interp: a TB needs more than %d live temps",
            INTERP_FRAME_SLOTS - 1);
    }
    return g->next_slot++;
}

static uint32_t gen_const_ref(Gen *g, IRTemp *t)
{
    InterpCtx *s = g->s;

    if (t->state2 == 0) {
        s->consts = gen_grow(s->consts, &s->consts_cap, s->nb_consts + 1,
                             sizeof(uint64_t));
        s->consts[s->nb_consts++] = t->val;
        t->state2 = s->nb_consts;       /* index + 1 */
    }
    return (uint32_t)t->state2 - 1;
}

/* Emit the IREF of temp t. */
static void gen_ref(Gen *g, IRTemp *t)
{
    switch (t->kind) {
    case IR_TEMP_GLOBAL:
        gen_word(g, IREF((uint32_t)t->mem_offset, IREF_ENV));
        return;
    case IR_TEMP_FIXED:
        gen_word(g, IREF(0, IREF_FRAME));
        return;
    case IR_TEMP_CONST:
        gen_fixup(g, false, gen_const_ref(g, t));
        return;
    default:
        if (t->slot < 0) {
            t->slot = gen_slot_alloc(g);
        }
        gen_word(g, IREF((uint32_t)t->slot * 8, IREF_FRAME));
        return;
    }
}

static void gen_arg(Gen *g, const IROp *op, int i)
{
    gen_ref(g, ir_arg_temp(op, i));
}

/* Record each EBB temp's last use (state) and clear slots. */
static void gen_scan_temps(IRFunc *f)
{
    for (int i = f->nb_globals; i < f->nb_temps; i++) {
        IRTemp *t = f->temps[i];
        t->slot = -1;
        t->state = -1;
        t->state2 = 0;
    }
    for (int k = 0; k < f->nb_ops; k++) {
        const IROp *op = &f->ops[k];
        int nt = ir_op_nb_oargs(op) + ir_op_nb_iargs(op);
        for (int i = 0; i < nt; i++) {
            IRTemp *t = ir_arg_temp(op, i);
            if (t->kind == IR_TEMP_EBB || t->kind == IR_TEMP_TB) {
                t->state = k;
            }
        }
    }
}

/* After op k: give back the slots of EBB temps used for the last time. */
static void gen_release(Gen *g, const IROp *op)
{
    InterpCtx *s = g->s;
    int nt = ir_op_nb_oargs(op) + ir_op_nb_iargs(op);

    for (int i = 0; i < nt; i++) {
        IRTemp *t = ir_arg_temp(op, i);
        if (t->kind == IR_TEMP_EBB && t->slot >= 0 &&
            t->state == g->op_index) {
            s->free_slots[s->nb_free++] = (uint16_t)t->slot;
            t->slot = -1;
        }
    }
}

/* ---- Ops ---- */

static bool is64(const IROp *op)
{
    return op->type == IR_I64;
}

/* The bytecode op for an IR op whose 32/64 variants are adjacent. */
static InterpOp gen_pair(const IROp *op, InterpOp op32)
{
    return (InterpOp)(op32 + is64(op));
}

static InterpOp gen_simple_op(const IROp *op)
{
    switch (op->opc) {
    case IR_mov: return gen_pair(op, IOP_mov32);
    case IR_neg: return gen_pair(op, IOP_neg32);
    case IR_not: return gen_pair(op, IOP_not32);
    case IR_clz: return gen_pair(op, IOP_clz32);
    case IR_ctz: return gen_pair(op, IOP_ctz32);
    case IR_bswap16: return gen_pair(op, IOP_bswap16_32);
    case IR_bswap32: return gen_pair(op, IOP_bswap32_32);
    case IR_bswap64: return IOP_bswap64;
    case IR_ext8s: return gen_pair(op, IOP_ext8s32);
    case IR_ext8u: return gen_pair(op, IOP_ext8u32);
    case IR_ext16s: return gen_pair(op, IOP_ext16s32);
    case IR_ext16u: return gen_pair(op, IOP_ext16u32);
    case IR_ext32s: return IOP_ext32s;
    case IR_ext32u: return IOP_ext32u;
    case IR_ext_i32_i64: return IOP_ext_i32_i64;
    case IR_extu_i32_i64: return IOP_extu_i32_i64;
    case IR_extrl_i64_i32: return IOP_extrl;
    case IR_extrh_i64_i32: return IOP_extrh;
    case IR_add: return gen_pair(op, IOP_add32);
    case IR_sub: return gen_pair(op, IOP_sub32);
    case IR_mul: return gen_pair(op, IOP_mul32);
    case IR_and: return gen_pair(op, IOP_and32);
    case IR_or: return gen_pair(op, IOP_or32);
    case IR_xor: return gen_pair(op, IOP_xor32);
    case IR_andc: return gen_pair(op, IOP_andc32);
    case IR_shl: return gen_pair(op, IOP_shl32);
    case IR_shr: return gen_pair(op, IOP_shr32);
    case IR_sar: return gen_pair(op, IOP_sar32);
    case IR_rotl: return gen_pair(op, IOP_rotl32);
    case IR_rotr: return gen_pair(op, IOP_rotr32);
    case IR_mulu2: return gen_pair(op, IOP_mulu2_32);
    case IR_muls2: return gen_pair(op, IOP_muls2_32);
    case IR_setcond: return gen_pair(op, IOP_setcond32);
    case IR_movcond: return gen_pair(op, IOP_movcond32);
    case IR_deposit: return gen_pair(op, IOP_deposit32);
    case IR_extract: return gen_pair(op, IOP_extract32);
    case IR_sextract: return gen_pair(op, IOP_sextract32);
    case IR_ld8u: return gen_pair(op, IOP_ld8u32);
    case IR_ld8s: return gen_pair(op, IOP_ld8s32);
    case IR_ld16u: return gen_pair(op, IOP_ld16u32);
    case IR_ld16s: return gen_pair(op, IOP_ld16s32);
    case IR_ld32u: return IOP_ld32u64;
    case IR_ld32s: return IOP_ld32s64;
    case IR_ld: return gen_pair(op, IOP_ld32);
    case IR_st8: return gen_pair(op, IOP_st8_32);
    case IR_st16: return gen_pair(op, IOP_st16_32);
    case IR_st32: return gen_pair(op, IOP_st32_32);
    case IR_st: return is64(op) ? IOP_st64 : IOP_st32_32;
    default: return IOP_NB_OPS;
    }
}

/* Whether t is a constant that one immediate word can hold for op. */
static bool fits_imm(const IROp *op, const IRTemp *t)
{
    return t->kind == IR_TEMP_CONST &&
           (!is64(op) || t->val == (uint64_t)(int64_t)(int32_t)t->val);
}

/* mov of a constant, or a binary op whose b is a constant immediate. */
static bool gen_imm_form(Gen *g, const IROp *op, InterpOp iop)
{
    IRTemp *b;

    if (op->opc == IR_mov && ir_arg_temp(op, 1)->kind == IR_TEMP_CONST) {
        uint64_t v = ir_arg_temp(op, 1)->val;
        gen_word(g, is64(op) ? IOP_movi64 : IOP_movi32);
        gen_arg(g, op, 0);
        gen_word(g, (uint32_t)v);
        if (is64(op)) {
            gen_word(g, (uint32_t)(v >> 32));
        }
        return true;
    }
    if (iop < IOP_add32 || iop > IOP_rotr64) {
        return false;
    }
    b = ir_arg_temp(op, 2);
    if (!fits_imm(op, b)) {
        return false;
    }
    gen_word(g, iop + (IOP_add32i - IOP_add32));
    gen_arg(g, op, 0);
    gen_arg(g, op, 1);
    gen_word(g, (uint32_t)b->val);
    return true;
}

/* Temps then constants, in IR order (the executor expects the same). */
static void gen_simple(Gen *g, const IROp *op, InterpOp iop)
{
    int nt = ir_op_nb_oargs(op) + ir_op_nb_iargs(op);
    int nc = ir_op_nb_cargs(op);

    if (gen_imm_form(g, op, iop)) {
        return;
    }
    gen_word(g, iop);
    for (int i = 0; i < nt; i++) {
        gen_arg(g, op, i);
    }
    for (int i = 0; i < nc; i++) {
        gen_word(g, (uint32_t)op->args[nt + i]);
    }
}

static void gen_label_ref(Gen *g, uintptr_t label)
{
    gen_fixup(g, true, (uint32_t)label);
}

/* Index of a condition in the br32_* ops of interp-ops.def, or -1. */
static int gen_cond_index(IRCond c)
{
    switch (c) {
    case IR_COND_EQ: return 0;
    case IR_COND_NE: return 1;
    case IR_COND_LT: return 2;
    case IR_COND_GE: return 3;
    case IR_COND_LE: return 4;
    case IR_COND_GT: return 5;
    case IR_COND_LTU: return 6;
    case IR_COND_GEU: return 7;
    case IR_COND_LEU: return 8;
    case IR_COND_GTU: return 9;
    default: return -1;
    }
}

static void gen_brcond(Gen *g, const IROp *op)
{
    int ci = gen_cond_index((IRCond)op->args[2]);

    if (ci < 0) {
        gen_word(g, gen_pair(op, IOP_brcond32));
        gen_arg(g, op, 0);
        gen_arg(g, op, 1);
        gen_word(g, (uint32_t)op->args[2]);
    } else if (fits_imm(op, ir_arg_temp(op, 1))) {
        gen_word(g, IOP_br32i_eq + 2 * ci + is64(op));
        gen_arg(g, op, 0);
        gen_word(g, (uint32_t)ir_arg_temp(op, 1)->val);
    } else {
        gen_word(g, IOP_br32_eq + 2 * ci + is64(op));
        gen_arg(g, op, 0);
        gen_arg(g, op, 1);
    }
    gen_label_ref(g, op->args[3]);
}

static void gen_qemu(Gen *g, const IROp *op, InterpOp iop)
{
    uint32_t fl = (is64(op) ? IQ_D64 : 0) |
                  (ir_arg_temp(op, 1)->type == IR_I64 ? IQ_A64 : 0);

    gen_word(g, iop);
    gen_arg(g, op, 0);
    gen_arg(g, op, 1);
    gen_word(g, (uint32_t)op->args[2]);
    gen_word(g, fl);
}

static void gen_call(Gen *g, const IROp *op)
{
    const IRHelper *h = (const IRHelper *)op->args[op->nb_out + op->nb_in];
    InterpHelper *ih = interp_helper_get(g->s, h);

    gen_word(g, IOP_call);
    gen_word64(g, (uintptr_t)ih);
    gen_word(g, op->nb_in);
    if (op->nb_out) {
        gen_arg(g, op, 0);
    } else {
        gen_word(g, 0);
    }
    for (int i = 0; i < op->nb_in; i++) {
        gen_arg(g, op, op->nb_out + i);
    }
}

static void gen_goto_tb(Gen *g, TB *tb, int n)
{
    gen_word(g, IOP_goto_tb);
    tb->jmp_insn_offset[n] = (uint32_t)(g->pos * 4);
    tb->jmp_reset_offset[n] = (uint32_t)((g->pos + 1) * 4);
    gen_word(g, gen_code_off(g, g->pos + 1));
}

/* Generate one op; false if the op is unknown. */
static bool gen_op(Gen *g, const IROp *op, TB *tb, uint32_t *insn_off,
                   int *nb_insns)
{
    InterpOp iop = gen_simple_op(op);

    if (iop != IOP_NB_OPS) {
        gen_simple(g, op, iop);
        return true;
    }
    switch (op->opc) {
    case IR_nop:
    case IR_discard:
    case IR_mb:
        return true;
    case IR_insn_start:
        insn_off[(*nb_insns)++] = (uint32_t)(g->pos * 4);
        return true;
    case IR_set_label:
        g->s->label_pos[op->args[0]] = (uint32_t)g->pos;
        return true;
    case IR_br:
        gen_word(g, IOP_br);
        gen_label_ref(g, op->args[0]);
        return true;
    case IR_brcond:
        gen_brcond(g, op);
        return true;
    case IR_call:
        gen_call(g, op);
        return true;
    case IR_qemu_ld:
        gen_qemu(g, op, IOP_qemu_ld);
        return true;
    case IR_qemu_st:
        gen_qemu(g, op, IOP_qemu_st);
        return true;
    case IR_goto_tb:
        gen_goto_tb(g, tb, (int)op->args[0]);
        return true;
    case IR_exit_tb:
        gen_word(g, IOP_exit_tb);
        gen_word64(g, op->args[0]);
        return true;
    case IR_goto_ptr:
        gen_word(g, IOP_goto_ptr);
        gen_arg(g, op, 0);
        return true;
    default:
        return false;
    }
}

/* ---- Fixups and the constant pool ---- */

static void gen_prepare(Gen *g)
{
    InterpCtx *s = g->s;
    IRFunc *f = g->f;

    s->label_pos = gen_grow(s->label_pos, &s->label_cap, f->nb_labels + 1,
                            sizeof(uint32_t));
    memset(s->label_pos, 0xff, (f->nb_labels + 1) * sizeof(uint32_t));
    s->nb_label_fix = s->nb_const_fix = 0;
    s->nb_consts = s->nb_free = 0;
    if (!s->free_slots) {
        s->free_slots = malloc(INTERP_FRAME_SLOTS * sizeof(uint16_t));
        if (!s->free_slots) {
            die("interp: out of memory");
        }
    }
    g->next_slot = 1;   /* slot 0: env */
    gen_scan_temps(f);
}

static void gen_resolve_labels(Gen *g)
{
    InterpCtx *s = g->s;

    for (int i = 0; i < s->nb_label_fix; i++) {
        const InterpFixup *fx = &s->label_fix[i];
        uint32_t pos = s->label_pos[fx->what];
        if (pos == UINT32_MAX) {
            die("interp: branch to label %u that is never set", fx->what);
        }
        g->code[fx->word] = gen_code_off(g, pos);
    }
}

/* Append the pool (8-byte aligned in memory) and point refs at it. */
static void gen_pool(Gen *g)
{
    InterpCtx *s = g->s;
    uintptr_t at = (uintptr_t)(g->code + g->pos);
    size_t pad = ((at + 7) & ~(uintptr_t)7) - at;

    for (size_t i = 0; i < pad / 4; i++) {
        gen_word(g, 0);
    }
    size_t pool = g->pos;
    for (int i = 0; i < s->nb_consts; i++) {
        gen_word64(g, s->consts[i]);
    }
    if (g->pos > g->cap) {
        return;
    }
    for (int i = 0; i < s->nb_const_fix; i++) {
        const InterpFixup *fx = &s->const_fix[i];
        g->code[fx->word] = IREF(gen_code_off(g, pool + fx->what * 2),
                                 IREF_CODE);
    }
}

/*
 * "op t, ...; mov d, t" with t an EBB temp that dies at the mov: generate
 * "op d, ..." instead (frontends emit this pair for most guest writes).
 * Returns true if ops k and k + 1 were generated.
 */
static bool gen_fused_mov(Gen *g, int k)
{
    const IRFunc *f = g->f;
    const IROp *op = &f->ops[k], *mov = &f->ops[k + 1];
    InterpOp iop;
    IROp fused;

    if (k + 1 >= f->nb_ops || mov->opc != IR_mov || mov->type != op->type ||
        !(mov->life & IR_DEAD_ARG(1)) || ir_op_nb_oargs(op) != 1 ||
        mov->args[1] != op->args[0] || mov->args[0] == op->args[0] ||
        ir_arg_temp(op, 0)->kind != IR_TEMP_EBB) {
        return false;
    }
    iop = gen_simple_op(op);
    if (iop == IOP_NB_OPS || op->opc == IR_mov) {
        return false;
    }
    fused = *op;
    fused.args[0] = mov->args[0];
    g->op_index = k;
    gen_simple(g, &fused, iop);
    gen_release(g, &fused);
    g->op_index = k + 1;
    gen_release(g, mov);
    return true;
}

int interp_gen_code(void *ctx, IRFunc *f, TB *tb, uint8_t *buf, size_t size,
                    uint32_t *insn_off)
{
    InterpCtx *s = ctx;
    Gen g = { .s = s, .f = f, .code = (uint32_t *)buf, .cap = size / 4 };
    int nb_insns = 0;

    if (buf < s->code_buf || buf + size > s->code_buf + s->code_size ||
        ((uintptr_t)buf & 3)) {
        die("interp: code must be generated 4-aligned in the code buffer");
    }
    g.tb_off = (uint32_t)(buf - s->code_buf);
    gen_prepare(&g);
    for (int k = 0; k < f->nb_ops; k++) {
        const IROp *op = &f->ops[k];
        if (k + 1 < f->nb_ops && gen_fused_mov(&g, k)) {
            k++;
            continue;
        }
        g.op_index = k;
        if (!gen_op(&g, op, tb, insn_off, &nb_insns)) {
            die("interp: no bytecode for IR op %s",
                ir_op_defs[op->opc].name);
        }
        gen_release(&g, op);
    }
    gen_word(&g, IOP_end);
    if (g.pos > g.cap) {
        return -1;
    }
    gen_resolve_labels(&g);
    gen_pool(&g);
    if (g.pos > g.cap) {
        return -1;
    }
    return (int)(g.pos * 4);
}
