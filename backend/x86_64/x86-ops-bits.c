/* SPDX-License-Identifier: MIT */
/*
 * Code generation for bit-field and multi-register ops: clz/ctz (bsr/bsf
 * + cmov unless lzcnt/tzcnt were found by cpuid), mulu2/muls2 (rdx:rax),
 * deposit/extract/sextract (shift pairs, movzx/movsx and partial-register
 * forms) and movcond (cmp + cmov).  Results keep the i32 zero-extension
 * invariant of x86-ops.c.
 */
#include <assert.h>

#include "backend/x86_64/x86-internal.h"

static IRTemp *arg(const IROp *op, int i)
{
    return ir_arg_temp(op, i);
}

static void x86_finish1(X86Gen *g, const IROp *op, int rd)
{
    x86_ra_finish(g, op, &rd);
}

static uint64_t x86_width_mask(int bits)
{
    return bits == 64 ? ~0ull : (1ull << bits) - 1;
}

/* clz/ctz with the result for zero = width */
static void x86_gen_clz_ctz(X86Gen *g, const IROp *op)
{
    bool w = op->type == IR_I64, clz = op->opc == IR_clz;
    int bits = w ? 64 : 32, ra, rd, s;
    bool fast = clz ? g->be->have_lzcnt : g->be->have_bmi1;

    ra = x86_ra_load(g, arg(op, 1), 0);
    rd = x86_ra_out(g, op, 0, 1, -1, 0);
    if (fast) {
        x86_op_rr(&g->c, (clz ? 0xbd : 0xbc) | P_0F | P_F3 | x86_pw(w),
                  rd, ra);
    } else {
        s = x86_ra_scratch(g, 0);
        /* clz = bsr ^ (bits - 1); zero gives (2 * bits - 1) ^ (bits - 1) */
        x86_movi(&g->c, false, s, clz ? 2 * bits - 1 : bits);
        x86_op_rr(&g->c, (clz ? 0xbd : 0xbc) | P_0F | x86_pw(w), rd, ra);
        x86_cmov(&g->c, X86_CC_E, w, rd, s);
        if (clz) {
            x86_alu_ri(&g->c, X86_XOR, w, rd, bits - 1);
        }
    }
    x86_finish1(g, op, rd);
}

/* lo, hi = a * b through rdx:rax */
static void x86_gen_mul2(X86Gen *g, const IROp *op)
{
    bool w = op->type == IR_I64;
    int regs[2] = { X86_RAX, X86_RDX }, rb;

    x86_ra_evict(g, X86_RAX);
    g->locked |= 1u << X86_RAX;
    x86_ra_evict(g, X86_RDX);
    g->locked |= 1u << X86_RDX;
    x86_ra_load_into(g, arg(op, 2), X86_RAX, !x86_op_dead(op, 2));
    rb = x86_ra_load(g, arg(op, 3), (1u << X86_RAX) | (1u << X86_RDX));
    x86_unary(&g->c, op->opc == IR_mulu2 ? X86_MUL : X86_IMUL1, w, rb);
    x86_ra_finish(g, op, regs);
}

static void x86_or_imm(X86Gen *g, bool w, int rd, uint64_t v)
{
    if (v == 0) {
        return;
    }
    if (!w || x86_fits_i32((int64_t)v)) {
        x86_alu_ri(&g->c, X86_OR, w, rd, (int32_t)v);
    } else {
        int s = x86_ra_scratch(g, 0);
        x86_movi(&g->c, true, s, v);
        x86_alu_rr(&g->c, X86_OR, true, rd, s);
    }
}

/* Clear bits [pos, pos + len) of rd. */
static void x86_clear_field(X86Gen *g, bool w, int rd, int pos, int len)
{
    int bits = w ? 64 : 32;
    uint64_t keep = ~(x86_width_mask(len) << pos) & x86_width_mask(bits);

    if (!w || x86_fits_i32((int64_t)keep)) {
        x86_alu_ri(&g->c, X86_AND, w, rd, (int32_t)keep);
        return;
    }
    if (pos) {
        x86_shift_ri(&g->c, X86_ROR, w, rd, pos);
    }
    x86_shift_ri(&g->c, X86_SHR, w, rd, len);
    x86_shift_ri(&g->c, X86_SHL, w, rd, len);
    if (pos) {
        x86_shift_ri(&g->c, X86_ROL, w, rd, pos);
    }
}

/* d = a with b's low len bits at pos */
static void x86_gen_deposit(X86Gen *g, const IROp *op)
{
    bool w = op->type == IR_I64;
    int bits = w ? 64 : 32, pos = (int)op->args[3], len = (int)op->args[4];
    IRTemp *b = arg(op, 2);
    int ra, rb, rd, s;

    ra = x86_ra_load(g, arg(op, 1), 0);
    if (x86_temp_is_const(b)) {
        uint64_t bv = (x86_temp_cval(b) & x86_width_mask(len)) << pos;
        rd = x86_ra_out(g, op, 0, 1, -1, 0);
        if (rd != ra) {
            x86_mov_rr(&g->c, w, rd, ra);
        }
        if (len < bits) {
            x86_clear_field(g, w, rd, pos, len);
        } else {
            x86_movi(&g->c, w, rd, 0);
        }
        x86_or_imm(g, w, rd, bv & x86_width_mask(bits));
        x86_finish1(g, op, rd);
        return;
    }
    rb = x86_ra_load(g, b, 0);
    rd = x86_ra_out(g, op, 0, 1, len == bits ? 2 : -1, 0);
    if (len == bits) {
        if (rd != rb) {
            x86_mov_rr(&g->c, w, rd, rb);
        }
    } else if (pos == 0 && (len == 8 || len == 16)) {
        if (rd != ra) {
            x86_mov_rr(&g->c, w, rd, ra);
        }
        x86_op_rr(&g->c, len == 8 ? 0x88 | P_BYTE : 0x89 | P_66, rb, rd);
    } else {
        s = x86_ra_scratch(g, 0);
        x86_mov_rr(&g->c, w, s, rb);
        x86_shift_ri(&g->c, X86_SHL, w, s, bits - len);
        if (bits - len - pos) {
            x86_shift_ri(&g->c, X86_SHR, w, s, bits - len - pos);
        }
        if (rd != ra) {
            x86_mov_rr(&g->c, w, rd, ra);
        }
        x86_clear_field(g, w, rd, pos, len);
        x86_alu_rr(&g->c, X86_OR, w, rd, s);
    }
    x86_finish1(g, op, rd);
}

static void x86_gen_extract(X86Gen *g, const IROp *op)
{
    bool w = op->type == IR_I64;
    int bits = w ? 64 : 32, pos = (int)op->args[2], len = (int)op->args[3];
    int ra = x86_ra_load(g, arg(op, 1), 0);
    int rd = x86_ra_out(g, op, 0, 1, -1, 0);
    X86Code *c = &g->c;

    if (pos == 0 && len == 8) {
        x86_movzx8(c, rd, ra);
    } else if (pos == 0 && len == 16) {
        x86_movzx16(c, rd, ra);
    } else if (pos == 0 && len == 32) {
        x86_mov_rr(c, false, rd, ra);
    } else {
        if (rd != ra) {
            x86_mov_rr(c, w, rd, ra);
        }
        if (pos + len == bits) {
            x86_shift_ri(c, X86_SHR, w, rd, pos);
        } else if (len <= 32) {
            if (pos) {
                x86_shift_ri(c, X86_SHR, w, rd, pos);
            }
            if (len == 32) {
                x86_mov_rr(c, false, rd, rd);
            } else {
                x86_alu_ri(c, X86_AND, false, rd, (int32_t)((1u << len) - 1));
            }
        } else {
            x86_shift_ri(c, X86_SHL, w, rd, bits - pos - len);
            x86_shift_ri(c, X86_SHR, w, rd, bits - len);
        }
    }
    x86_finish1(g, op, rd);
}

static void x86_gen_sextract(X86Gen *g, const IROp *op)
{
    bool w = op->type == IR_I64;
    int bits = w ? 64 : 32, pos = (int)op->args[2], len = (int)op->args[3];
    int ra = x86_ra_load(g, arg(op, 1), 0);
    int rd = x86_ra_out(g, op, 0, 1, -1, 0);
    X86Code *c = &g->c;

    if (pos == 0 && len == 8) {
        x86_movsx8(c, w, rd, ra);
    } else if (pos == 0 && len == 16) {
        x86_movsx16(c, w, rd, ra);
    } else if (pos == 0 && len == 32 && w) {
        x86_movsxd(c, rd, ra);
    } else {
        if (rd != ra) {
            x86_mov_rr(c, w, rd, ra);
        }
        if (bits - pos - len) {
            x86_shift_ri(c, X86_SHL, w, rd, bits - pos - len);
        }
        if (bits - len) {
            x86_shift_ri(c, X86_SAR, w, rd, bits - len);
        }
    }
    x86_finish1(g, op, rd);
}

/* d = (c1 cond c2) ? v1 : v2 */
static void x86_gen_movcond(X86Gen *g, const IROp *op)
{
    bool w = op->type == IR_I64;
    IRCond cond = (IRCond)op->args[5];
    IRTemp *v2 = arg(op, 4);
    X86Cmp cmp;
    int rv1, rv2, rd;

    if (cond == IR_COND_ALWAYS || cond == IR_COND_NEVER) {
        int i = cond == IR_COND_ALWAYS ? 3 : 4;
        int rs = x86_ra_load(g, arg(op, i), 0);
        rd = x86_ra_out(g, op, 0, i, -1, 0);
        if (rd != rs) {
            x86_mov_rr(&g->c, w, rd, rs);
        }
        x86_finish1(g, op, rd);
        return;
    }
    x86_cmp_load(g, op, 1, 2, cond, &cmp);
    rv1 = x86_ra_load(g, arg(op, 3), 0);
    if (x86_temp_is_const(v2)) {
        rd = x86_ra_out(g, op, 0, -1, -1, 0);
        x86_movi(&g->c, w, rd, x86_temp_cval(v2));
        x86_cmp_emit(g, &cmp);
        x86_cmov(&g->c, cmp.cc, w, rd, rv1);
        x86_finish1(g, op, rd);
        return;
    }
    rv2 = x86_ra_load(g, v2, 0);
    rd = x86_ra_out(g, op, 0, 4, 3, 0);
    if (rd == rv2) {
        x86_cmp_emit(g, &cmp);
        x86_cmov(&g->c, cmp.cc, w, rd, rv1);
    } else if (rd == rv1) {
        x86_cmp_emit(g, &cmp);
        x86_cmov(&g->c, cmp.cc ^ 1, w, rd, rv2);
    } else {
        x86_mov_rr(&g->c, w, rd, rv2);
        x86_cmp_emit(g, &cmp);
        x86_cmov(&g->c, cmp.cc, w, rd, rv1);
    }
    x86_finish1(g, op, rd);
}

void x86_gen_bits(X86Gen *g, IROp *op)
{
    switch (op->opc) {
    case IR_clz:
    case IR_ctz:
        x86_gen_clz_ctz(g, op);
        break;
    case IR_mulu2:
    case IR_muls2:
        x86_gen_mul2(g, op);
        break;
    case IR_deposit:
        x86_gen_deposit(g, op);
        break;
    case IR_extract:
        x86_gen_extract(g, op);
        break;
    case IR_sextract:
        x86_gen_sextract(g, op);
        break;
    case IR_movcond:
        x86_gen_movcond(g, op);
        break;
    default:
        assert(!"not a bits op");
    }
}
