/* SPDX-License-Identifier: MIT */
/*
 * Code generation for the data ops: moves, arithmetic, shifts, unary ops,
 * width changes and env-relative loads/stores.  x86_gen_op dispatches every
 * op; bit-field ops are in x86-ops-bits.c, control flow and calls in
 * x86-control.c, guest memory in x86-tlb.c.  Invariant: an i32 value in a
 * host register is zero-extended to 64 bits (32-bit ops do it for free).
 */
#include <assert.h>

#include "backend/x86_64/x86-internal.h"

static bool x86_w64(const IROp *op)
{
    return op->type == IR_I64;
}

static IRTemp *arg(const IROp *op, int i)
{
    return ir_arg_temp(op, i);
}

/* Is t a constant usable as the imm32 of a (w64 ? 64 : 32)-bit op? */
static bool x86_imm_ok(const IRTemp *t, bool w64, int32_t *imm)
{
    uint64_t v;

    if (!x86_temp_is_const(t)) {
        return false;
    }
    v = x86_temp_cval(t);
    if (w64 && !x86_fits_i32((int64_t)v)) {
        return false;
    }
    *imm = (int32_t)v;
    return true;
}

static void x86_finish1(X86Gen *g, const IROp *op, int rd)
{
    int regs[1] = { rd };
    x86_ra_finish(g, op, regs);
}

/* ---- mov ---- */

static void x86_set_const(X86Gen *g, const IROp *op, IRTemp *d, uint64_t v)
{
    if (d->val_type == VAL_REG && g->reg_temp[d->reg] == d) {
        g->reg_temp[d->reg] = NULL;
    }
    d->reg = -1;
    d->val_type = VAL_CONST;
    d->state = (intptr_t)(d->type == IR_I32 ? (uint32_t)v : v);
    d->mem_coherent = false;
    if (op->life & IR_SYNC_ARG(0)) {
        x86_ra_sync(g, d);
    }
    if (x86_op_dead(op, 0)) {
        x86_ra_dead(g, d);
    }
    g->locked = 0;
}

static void x86_gen_mov(X86Gen *g, const IROp *op)
{
    IRTemp *d = arg(op, 0), *s = arg(op, 1);
    bool w = x86_w64(op);
    int rs, rd;

    if (d == s) {
        if (op->life & IR_SYNC_ARG(0)) {
            x86_ra_sync(g, d);
        }
        if (x86_op_dead(op, 0)) {
            x86_ra_dead(g, d);
        }
        return;
    }
    if (x86_temp_is_const(s)) {
        x86_set_const(g, op, d, x86_temp_cval(s));
        return;
    }
    rs = x86_ra_load(g, s, 0);
    if ((op->life & IR_SYNC_ARG(0)) && x86_op_dead(op, 0)) {
        /* written back and never read here again: store directly */
        int base;
        int32_t disp;
        x86_ra_dead(g, d);
        x86_ra_mem_operand(g, d, &base, &disp);
        x86_mov_mr(&g->c, w, rs, base, -1, 0, disp);
        if (x86_op_dead(op, 1)) {
            x86_ra_dead(g, s);
        }
        g->locked = 0;
        return;
    }
    rd = x86_ra_out(g, op, 0, 1, -1, 0);
    if (rd != rs) {
        x86_mov_rr(&g->c, w, rd, rs);
    }
    x86_finish1(g, op, rd);
}

/* ---- two-operand arithmetic ---- */

static bool x86_alu_commutes(int alu)
{
    return alu != X86_SUB && alu != -1;
}

static void x86_gen_alu_imm(X86Gen *g, const IROp *op, int ia, int alu,
                            int32_t imm)
{
    bool w = x86_w64(op);
    int ra = x86_ra_load(g, arg(op, ia), 0);
    int rd = x86_ra_out(g, op, 0, ia, -1, 0);

    if (alu == X86_SUB && (!w || imm != INT32_MIN)) {
        alu = X86_ADD;
        imm = (int32_t)(0u - (uint32_t)imm);
    }
    if (alu == X86_ADD && rd != ra) {
        x86_lea(&g->c, w, rd, ra, -1, 0, imm);
    } else if (alu == X86_AND && (uint32_t)imm == 0xff) {
        x86_movzx8(&g->c, rd, ra);
    } else if (alu == X86_AND && (uint32_t)imm == 0xffff) {
        x86_movzx16(&g->c, rd, ra);
    } else {
        if (rd != ra) {
            x86_mov_rr(&g->c, w, rd, ra);
        }
        if (imm != 0 || alu == X86_AND) {
            x86_alu_ri(&g->c, alu, w, rd, imm);
        }
    }
    x86_finish1(g, op, rd);
}

/* d = a op [b's memory home]: b is dead here and not in a register */
static void x86_gen_alu_mem(X86Gen *g, const IROp *op, int alu, int ia,
                            int ib, int ra)
{
    bool w = x86_w64(op);
    int base, rd;
    int32_t disp;
    uint32_t opc = alu == -1 ? 0xaf | P_0F : (uint32_t)(alu << 3 | 3);

    x86_ra_mem_operand(g, arg(op, ib), &base, &disp);
    rd = x86_ra_out(g, op, 0, ia, -1, 0);
    if (rd != ra) {
        x86_mov_rr(&g->c, w, rd, ra);
    }
    x86_op_rm(&g->c, opc | x86_pw(w), rd, base, -1, 0, disp);
    x86_finish1(g, op, rd);
}

static void x86_gen_alu_rr(X86Gen *g, const IROp *op, int alu, int ia,
                           int ib);

/* d = a op b for add/sub/and/or/xor (alu) and mul (alu == -1). */
static void x86_gen_alu(X86Gen *g, const IROp *op, int alu)
{
    bool w = x86_w64(op);
    int ia = 1, ib = 2, ra, rd;
    int32_t imm;

    if (x86_alu_commutes(alu) || alu == -1) {
        if (x86_temp_is_const(arg(op, 1)) && !x86_temp_is_const(arg(op, 2))) {
            ia = 2, ib = 1;
        }
    }
    if (alu == X86_AND && w && x86_temp_is_const(arg(op, ib)) &&
        x86_temp_cval(arg(op, ib)) == 0xffffffffu) {
        int rs = x86_ra_load(g, arg(op, ia), 0);
        rd = x86_ra_out(g, op, 0, ia, -1, 0);
        x86_mov_rr(&g->c, false, rd, rs);
        x86_finish1(g, op, rd);
        return;
    }
    if (x86_imm_ok(arg(op, ib), w, &imm)) {
        if (alu == -1) {
            ra = x86_ra_load(g, arg(op, ia), 0);
            rd = x86_ra_out(g, op, 0, ia, -1, 0);
            x86_imul_rri(&g->c, w, rd, ra, imm);
            x86_finish1(g, op, rd);
        } else {
            x86_gen_alu_imm(g, op, ia, alu, imm);
        }
        return;
    }
    x86_gen_alu_rr(g, op, alu, ia, ib);
}

/* the general case: a in a register, b in a register or memory */
static void x86_gen_alu_rr(X86Gen *g, const IROp *op, int alu, int ia, int ib)
{
    bool w = x86_w64(op);
    int ra, rb, rd;

    ra = x86_ra_load(g, arg(op, ia), 0);
    if (x86_ra_mem_dead_input(g, op, ib)) {
        x86_gen_alu_mem(g, op, alu, ia, ib, ra);
        return;
    }
    rb = x86_ra_load(g, arg(op, ib), 0);
    rd = x86_ra_out(g, op, 0, ia, alu == X86_SUB ? -1 : ib, 0);
    if (rd != ra && rd == rb) {
        rb = ra;            /* commutative: d = b op a */
    } else if (rd != ra && alu == X86_ADD) {
        x86_lea(&g->c, w, rd, ra, rb, 0, 0);
        x86_finish1(g, op, rd);
        return;
    } else if (rd != ra) {
        x86_mov_rr(&g->c, w, rd, ra);
    }
    if (alu == -1) {
        x86_imul_rr(&g->c, w, rd, rb);
    } else {
        x86_alu_rr(&g->c, alu, w, rd, rb);
    }
    x86_finish1(g, op, rd);
}

/* d = a & ~b */
static void x86_gen_andc(X86Gen *g, const IROp *op)
{
    bool w = x86_w64(op);
    IRTemp *b = arg(op, 2);
    int32_t imm;
    int ra, rb, rd;

    if (x86_temp_is_const(b)) {
        uint64_t nv = ~x86_temp_cval(b);
        if (!w || x86_fits_i32((int64_t)nv)) {
            x86_gen_alu_imm(g, op, 1, X86_AND, (int32_t)nv);
            return;
        }
    }
    (void)imm;
    ra = x86_ra_load(g, arg(op, 1), 0);
    rb = x86_ra_load(g, b, 0);
    rd = x86_ra_out(g, op, 0, 2, 1, 0);
    if (g->be->have_bmi1) {
        x86_andn(&g->c, w, rd, rb, ra);
    } else if (rd == ra) {
        int s = x86_ra_scratch(g, 0);
        x86_mov_rr(&g->c, w, s, rb);
        x86_unary(&g->c, X86_NOT, w, s);
        x86_alu_rr(&g->c, X86_AND, w, rd, s);
    } else {
        if (rd != rb) {
            x86_mov_rr(&g->c, w, rd, rb);
        }
        x86_unary(&g->c, X86_NOT, w, rd);
        x86_alu_rr(&g->c, X86_AND, w, rd, ra);
    }
    x86_finish1(g, op, rd);
}

/* shl/shr/sar/rotl/rotr: constant counts as imm8, else count in cl. */
static void x86_gen_shift(X86Gen *g, const IROp *op, int sop)
{
    bool w = x86_w64(op);
    IRTemp *b = arg(op, 2);
    int ra, rd;

    if (x86_temp_is_const(b)) {
        int cnt = (int)(x86_temp_cval(b) & (w ? 63 : 31));
        ra = x86_ra_load(g, arg(op, 1), 0);
        rd = x86_ra_out(g, op, 0, 1, -1, 0);
        if (rd != ra) {
            x86_mov_rr(&g->c, w, rd, ra);
        }
        if (cnt != 0) {
            x86_shift_ri(&g->c, sop, w, rd, cnt);
        }
        x86_finish1(g, op, rd);
        return;
    }
    if (g->be->have_bmi2 && sop != X86_ROL && sop != X86_ROR) {
        int rb = x86_ra_load(g, b, 0);
        ra = x86_ra_load(g, arg(op, 1), 0);
        rd = x86_ra_out(g, op, 0, 1, 2, 0);
        if (sop == X86_SHL) {
            x86_shlx(&g->c, w, rd, ra, rb);
        } else if (sop == X86_SHR) {
            x86_shrx(&g->c, w, rd, ra, rb);
        } else {
            x86_sarx(&g->c, w, rd, ra, rb);
        }
        x86_finish1(g, op, rd);
        return;
    }
    x86_ra_load_into(g, b, X86_RCX, false);
    ra = x86_ra_load(g, arg(op, 1), 0);
    rd = x86_ra_out(g, op, 0, 1, -1, 1u << X86_RCX);
    if (rd != ra) {
        x86_mov_rr(&g->c, w, rd, ra);
    }
    x86_shift_cl(&g->c, sop, w, rd);
    x86_finish1(g, op, rd);
}

/* ---- unary ops and extensions ---- */

static void x86_gen_unary(X86Gen *g, const IROp *op)
{
    bool w = x86_w64(op);
    int ra = x86_ra_load(g, arg(op, 1), 0);
    int rd = x86_ra_out(g, op, 0, 1, -1, 0);
    X86Code *c = &g->c;

    switch (op->opc) {
    case IR_neg:
    case IR_not:
        if (rd != ra) {
            x86_mov_rr(c, w, rd, ra);
        }
        x86_unary(c, op->opc == IR_neg ? X86_NEG : X86_NOT, w, rd);
        break;
    case IR_ext8u:
        x86_movzx8(c, rd, ra);
        break;
    case IR_ext8s:
        x86_movsx8(c, w, rd, ra);
        break;
    case IR_ext16u:
        x86_movzx16(c, rd, ra);
        break;
    case IR_ext16s:
        x86_movsx16(c, w, rd, ra);
        break;
    case IR_ext32s:
    case IR_ext_i32_i64:
        x86_movsxd(c, rd, ra);
        break;
    case IR_ext32u:
    case IR_extrl_i64_i32:
        x86_mov_rr(c, false, rd, ra);
        break;
    case IR_extrh_i64_i32:
        if (rd != ra) {
            x86_mov_rr(c, true, rd, ra);
        }
        x86_shift_ri(c, X86_SHR, true, rd, 32);
        break;
    case IR_bswap16:
        if (rd != ra) {
            x86_mov_rr(c, false, rd, ra);
        }
        x86_bswap(c, false, rd);
        x86_shift_ri(c, X86_SHR, false, rd, 16);
        break;
    case IR_bswap32:
    case IR_bswap64:
        if (rd != ra) {
            x86_mov_rr(c, op->opc == IR_bswap64, rd, ra);
        }
        x86_bswap(c, op->opc == IR_bswap64, rd);
        break;
    default:
        assert(!"not a unary op");
    }
    x86_finish1(g, op, rd);
}

/* ---- env-relative host memory ---- */

static int x86_ld_size(int opc, bool w)
{
    switch (opc) {
    case IR_ld8u: case IR_ld8s: case IR_st8: return 1;
    case IR_ld16u: case IR_ld16s: case IR_st16: return 2;
    case IR_ld32u: case IR_ld32s: case IR_st32: return 4;
    default: return w ? 8 : 4;
    }
}

static void x86_gen_ld(X86Gen *g, const IROp *op)
{
    bool w = x86_w64(op);
    int32_t off = (int32_t)op->args[2];
    IRTemp *base = arg(op, 1);
    int rb, rd;
    uint32_t opc;

    if (base == g->f->env) {
        x86_ra_env_alias(g, off, x86_ld_size(op->opc, w), false);
    }
    rb = x86_ra_load(g, base, 0);
    rd = x86_ra_out(g, op, 0, 1, -1, 0);
    switch (op->opc) {
    case IR_ld8u: opc = 0xb6 | P_0F; break;
    case IR_ld8s: opc = 0xbe | P_0F | x86_pw(w); break;
    case IR_ld16u: opc = 0xb7 | P_0F; break;
    case IR_ld16s: opc = 0xbf | P_0F | x86_pw(w); break;
    case IR_ld32u: opc = 0x8b; break;
    case IR_ld32s: opc = 0x63 | P_W; break;
    default: opc = 0x8b | x86_pw(w); break;
    }
    x86_op_rm(&g->c, opc, rd, rb, -1, 0, off);
    x86_finish1(g, op, rd);
}

static void x86_gen_st(X86Gen *g, const IROp *op)
{
    bool w = x86_w64(op);
    int32_t off = (int32_t)op->args[2];
    IRTemp *v = arg(op, 0), *base = arg(op, 1);
    int size = x86_ld_size(op->opc, w), rb, rv;
    int32_t imm;
    static const uint32_t opcs[9] = {
        [1] = 0x88 | P_BYTE, [2] = 0x89 | P_66, [4] = 0x89, [8] = 0x89 | P_W,
    };

    if (base == g->f->env) {
        x86_ra_env_alias(g, off, size, true);
    }
    rb = x86_ra_load(g, base, 0);
    if (x86_imm_ok(v, size == 8, &imm)) {
        x86_mov_mi(&g->c, size, rb, off, imm);
    } else {
        rv = x86_ra_load(g, v, 0);
        x86_op_rm(&g->c, opcs[size], rv, rb, -1, 0, off);
    }
    x86_ra_finish(g, op, NULL);
}

/* ---- dispatch ---- */

void x86_gen_op(X86Gen *g, IROp *op, IROp *next, bool *skip_next)
{
    *skip_next = false;
    switch (op->opc) {
    case IR_mov:
    case IR_extu_i32_i64:
        x86_gen_mov(g, op);
        break;
    case IR_add: x86_gen_alu(g, op, X86_ADD); break;
    case IR_sub: x86_gen_alu(g, op, X86_SUB); break;
    case IR_and: x86_gen_alu(g, op, X86_AND); break;
    case IR_or: x86_gen_alu(g, op, X86_OR); break;
    case IR_xor: x86_gen_alu(g, op, X86_XOR); break;
    case IR_mul: x86_gen_alu(g, op, -1); break;
    case IR_andc: x86_gen_andc(g, op); break;
    case IR_shl: x86_gen_shift(g, op, X86_SHL); break;
    case IR_shr: x86_gen_shift(g, op, X86_SHR); break;
    case IR_sar: x86_gen_shift(g, op, X86_SAR); break;
    case IR_rotl: x86_gen_shift(g, op, X86_ROL); break;
    case IR_rotr: x86_gen_shift(g, op, X86_ROR); break;
    case IR_neg: case IR_not:
    case IR_ext8s: case IR_ext8u: case IR_ext16s: case IR_ext16u:
    case IR_ext32s: case IR_ext32u: case IR_ext_i32_i64:
    case IR_extrl_i64_i32: case IR_extrh_i64_i32:
    case IR_bswap16: case IR_bswap32: case IR_bswap64:
        x86_gen_unary(g, op);
        break;
    case IR_ld8u: case IR_ld8s: case IR_ld16u: case IR_ld16s:
    case IR_ld32u: case IR_ld32s: case IR_ld:
        x86_gen_ld(g, op);
        break;
    case IR_st8: case IR_st16: case IR_st32: case IR_st:
        x86_gen_st(g, op);
        break;
    case IR_setcond:
        *skip_next = x86_gen_fused_setcond(g, op, next);
        break;
    case IR_clz: case IR_ctz: case IR_mulu2: case IR_muls2:
    case IR_deposit: case IR_extract: case IR_sextract: case IR_movcond:
        x86_gen_bits(g, op);
        break;
    case IR_qemu_ld:
        x86_gen_qemu_ld(g, op);
        break;
    case IR_qemu_st:
        x86_gen_qemu_st(g, op);
        break;
    case IR_call:
        x86_gen_call(g, op);
        break;
    case IR_discard:
        if (arg(op, 0)->kind != IR_TEMP_GLOBAL) {
            x86_ra_dead(g, arg(op, 0));
        }
        break;
    case IR_nop:
    case IR_mb:         /* one host thread per guest: x86-TSO is enough */
        break;
    default:
        x86_gen_control(g, op);
        break;
    }
}
