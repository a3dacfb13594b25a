/* SPDX-License-Identifier: MIT */
/*
 * Guest memory access (qemu_ld/qemu_st) for the x86-64 JIT.  The fast path
 * is inline: index the soft-TLB of the access's MMU mode, compare the tag,
 * add the entry's addend and access host memory.  A miss jumps to a stub
 * emitted after the TB's code that saves the live caller-saved registers,
 * calls softmmu_ld/softmmu_st (tcg/softmmu.h) with retaddr = the resume
 * point, restores and jumps back.  So a guest access does not force
 * values out of caller-saved registers.
 *
 *   mov t1, addr  (lea t1, [addr + size - 1] if unaligned is allowed)
 *   mov t0, addr; shr t0, 7; and t0d, (TLB_SIZE - 1) << 5
 *   and t1, PAGE_MASK | align_bits
 *   cmp t1, [env + t0 + tlb(mmu) + addr_read]; jne slow
 *   mov t0, [env + t0 + tlb(mmu) + addend]
 *   mov d, [t0 + addr]         (bswap for MO_BE)
 * back:
 */
#include <assert.h>
#include <stddef.h>
#include <stdlib.h>

#include "backend/x86_64/x86-internal.h"
#include "tcg/cpu.h"
#include "tcg/softmmu.h"

_Static_assert(sizeof(TLBEntry) == 32, "TLB index scaling assumes 32");
#define X86_TLB_ENTRY_BITS 5

static IRTemp *arg(const IROp *op, int i)
{
    return ir_arg_temp(op, i);
}

/* Emit the probe; t0 holds the addend on a hit.  Returns the jne field. */
static uint8_t *x86_tlb_probe(X86Gen *g, int ra, int t0, int t1, MemOp mop,
                              int mmu, size_t which)
{
    X86Code *c = &g->c;
    int size = 1 << (mop & MO_SIZE);
    int32_t tlb = (int32_t)(offsetof(CPUCommon, tlb) +
                            (size_t)mmu * sizeof(((CPUCommon *)0)->tlb[0]));
    uint64_t mask = GUEST_PAGE_MASK;
    uint8_t *jne;

    if (size > 1 && !(mop & MO_ALIGN)) {
        x86_lea(c, true, t1, ra, -1, 0, size - 1);  /* page of last byte */
    } else {
        x86_mov_rr(c, true, t1, ra);
        if (mop & MO_ALIGN) {
            mask |= (uint64_t)(size - 1);
        }
    }
    x86_mov_rr(c, true, t0, ra);
    x86_shift_ri(c, X86_SHR, true, t0, GUEST_PAGE_BITS - X86_TLB_ENTRY_BITS);
    x86_alu_ri(c, X86_AND, false, t0, (TLB_SIZE - 1) << X86_TLB_ENTRY_BITS);
    x86_alu_ri(c, X86_AND, true, t1, (int32_t)mask);
    x86_op_rm(c, 0x3b | P_W, t1, X86_ENV, t0, 0, tlb + (int32_t)which);
    jne = x86_jcc32(c, X86_CC_NE, NULL);
    x86_mov_rm(c, true, t0, X86_ENV, t0, 0,
               tlb + (int32_t)offsetof(TLBEntry, addend));
    return jne;
}

static X86SlowPath *x86_slow_new(X86Gen *g)
{
    if (g->nb_slow == g->cap_slow) {
        g->cap_slow = g->cap_slow ? 2 * g->cap_slow : 32;
        g->slow = realloc(g->slow, g->cap_slow * sizeof(*g->slow));
        if (!g->slow) {
            abort();
        }
    }
    return &g->slow[g->nb_slow++];
}

static uint16_t x86_live_clobbered(X86Gen *g, int except)
{
    uint16_t mask = 0;

    for (int r = 0; r < X86_NB_REGS; r++) {
        if (((X86_CALL_CLOBBER >> r) & 1) && g->reg_temp[r] && r != except) {
            mask |= 1u << r;
        }
    }
    return mask;
}

/* Load from [t0 + ra] into rd, extended and swapped per mop. */
static void x86_emit_guest_load(X86Code *c, bool w, MemOp mop, int rd,
                                int t0, int ra, bool movbe)
{
    bool sign = mop & MO_SIGN, be = mop & MO_BE;

    if (be && movbe && (mop & MO_SIZE) >= MO_32) {
        bool q = (mop & MO_SIZE) == MO_64;
        x86_op_rm(c, 0xf0 | P_0F38 | x86_pw(q), rd, t0, ra, 0, 0);
        if (!q && sign && w) {
            x86_movsxd(c, rd, rd);
        }
        return;
    }

    switch (mop & MO_SIZE) {
    case MO_8:
        x86_op_rm(c, sign ? 0xbe | P_0F | x86_pw(w) : 0xb6 | P_0F,
                  rd, t0, ra, 0, 0);
        break;
    case MO_16:
        if (!be) {
            x86_op_rm(c, sign ? 0xbf | P_0F | x86_pw(w) : 0xb7 | P_0F,
                      rd, t0, ra, 0, 0);
            break;
        }
        x86_op_rm(c, 0xb7 | P_0F, rd, t0, ra, 0, 0);
        x86_rol16_8(c, rd);
        if (sign) {
            x86_movsx16(c, w, rd, rd);
        }
        break;
    case MO_32:
        if (!be) {
            x86_op_rm(c, sign && w ? 0x63 | P_W : 0x8b, rd, t0, ra, 0, 0);
            break;
        }
        x86_op_rm(c, 0x8b, rd, t0, ra, 0, 0);
        x86_bswap(c, false, rd);
        if (sign && w) {
            x86_movsxd(c, rd, rd);
        }
        break;
    default:
        x86_op_rm(c, 0x8b | x86_pw(w), rd, t0, ra, 0, 0);
        if (be) {
            x86_bswap(c, w, rd);
        }
        break;
    }
}

void x86_gen_qemu_ld(X86Gen *g, IROp *op)
{
    MemOpIdx oi = (MemOpIdx)op->args[2];
    MemOp mop = get_memop(oi);
    bool w = op->type == IR_I64;
    int ra, t0, t1;
    X86SlowPath sp = { .is_store = false, .type = op->type, .oi = oi };

    ra = x86_ra_load(g, arg(op, 1), 0);
    t0 = x86_ra_scratch(g, 0);
    t1 = x86_ra_scratch(g, 0);
    sp.jne_field = x86_tlb_probe(g, ra, t0, t1, mop, get_mmuidx(oi),
                                 offsetof(TLBEntry, addr_read));
    x86_emit_guest_load(&g->c, w, mop, t0, t0, ra, g->be->have_movbe);
    sp.back = g->c.ptr;
    sp.addr_reg = (int8_t)ra;
    sp.data_reg = (int8_t)t0;
    x86_ra_finish(g, op, &t0);
    sp.save_mask = x86_live_clobbered(g, t0);
    *x86_slow_new(g) = sp;
}

/* mov [t0 + ra], imm of size bytes (8: sign-extended imm32) */
static void x86_emit_const_store(X86Code *c, int size, int t0, int ra,
                                 uint64_t val)
{
    switch (size) {
    case 1:
        x86_op_rm(c, 0xc6, 0, t0, ra, 0, 0);
        x86_byte(c, (uint8_t)val);
        break;
    case 2:
        x86_op_rm(c, 0xc7 | P_66, 0, t0, ra, 0, 0);
        x86_byte(c, (uint8_t)val);
        x86_byte(c, (uint8_t)(val >> 8));
        break;
    default:
        x86_op_rm(c, 0xc7 | x86_pw(size == 8), 0, t0, ra, 0, 0);
        x86_emit32(c, (uint32_t)val);
        break;
    }
}

/* The fast path's store to [t0 + ra]: rv < 0 stores the constant val. */
static void x86_emit_guest_store(X86Code *c, MemOp mop, int rv, uint64_t val,
                                 int t0, int t1, int ra, bool movbe)
{
    static const uint32_t opcs[9] = {
        [1] = 0x88 | P_BYTE, [2] = 0x89 | P_66, [4] = 0x89, [8] = 0x89 | P_W,
    };
    int size = 1 << (mop & MO_SIZE);
    bool swap = (mop & MO_BE) && size > 1;

    if (rv < 0) {
        if (swap) {
            val = __builtin_bswap64(val) >> (64 - 8 * size);
        }
        if (size < 8 || x86_fits_i32((int64_t)val)) {
            x86_emit_const_store(c, size, t0, ra, val);
            return;
        }
        x86_movi(c, true, t1, val);
        rv = t1;
    } else if (swap && movbe) {
        x86_op_rm(c, 0xf1 | P_0F38 | (size == 2 ? P_66 : x86_pw(size == 8)),
                  rv, t0, ra, 0, 0);
        return;
    } else if (swap) {
        x86_mov_rr(c, size == 8, t1, rv);
        if (size == 2) {
            x86_rol16_8(c, t1);
        } else {
            x86_bswap(c, size == 8, t1);
        }
        rv = t1;
    }
    x86_op_rm(c, opcs[size], rv, t0, ra, 0, 0);
}

void x86_gen_qemu_st(X86Gen *g, IROp *op)
{
    MemOpIdx oi = (MemOpIdx)op->args[2];
    MemOp mop = get_memop(oi);
    int rv = -1, ra, t0, t1;
    IRTemp *v = arg(op, 0);
    X86SlowPath sp = { .is_store = true, .type = op->type, .oi = oi };

    if (x86_temp_is_const(v)) {
        sp.data_const = x86_temp_cval(v);
    } else {
        rv = x86_ra_load(g, v, 0);
    }
    ra = x86_ra_load(g, arg(op, 1), 0);
    t0 = x86_ra_scratch(g, 0);
    t1 = x86_ra_scratch(g, 0);
    sp.jne_field = x86_tlb_probe(g, ra, t0, t1, mop, get_mmuidx(oi),
                                 offsetof(TLBEntry, addr_write));
    x86_emit_guest_store(&g->c, mop, rv, sp.data_const, t0, t1, ra,
                         g->be->have_movbe);
    sp.back = g->c.ptr;
    sp.addr_reg = (int8_t)ra;
    sp.data_reg = (int8_t)rv;
    x86_ra_finish(g, op, NULL);
    sp.save_mask = x86_live_clobbered(g, -1);
    *x86_slow_new(g) = sp;
}

/* rsi <- addr, rdx <- data as one parallel move */
static void x86_slow_store_args(X86Code *c, const X86SlowPath *sp)
{
    int ra = sp->addr_reg, rv = sp->data_reg;

    if (rv < 0) {
        x86_mov_rr(c, true, X86_RSI, ra);
        x86_movi(c, true, X86_RDX, sp->data_const);
    } else if (ra == X86_RDX && rv == X86_RSI) {
        x86_xchg(c, true, X86_RSI, X86_RDX);
    } else if (rv == X86_RSI) {
        x86_mov_rr(c, true, X86_RDX, rv);
        x86_mov_rr(c, true, X86_RSI, ra);
    } else {
        if (ra != X86_RSI) {
            x86_mov_rr(c, true, X86_RSI, ra);
        }
        if (rv != X86_RDX) {
            x86_mov_rr(c, true, X86_RDX, rv);
        }
    }
}

static void x86_slow_path(X86Gen *g, const X86SlowPath *sp)
{
    X86Code *c = &g->c;

    x86_patch_rel32(sp->jne_field, c->ptr);
    for (int r = 0; r < X86_NB_REGS; r++) {
        if ((sp->save_mask >> r) & 1) {
            x86_mov_mr(c, true, r, X86_RSP, -1, 0, X86_SAVE_AREA + 8 * r);
        }
    }
    if (sp->is_store) {
        x86_slow_store_args(c, sp);
        x86_movi(c, false, X86_RCX, sp->oi);
        x86_op_rip(c, 0x8d | P_W, X86_R8, sp->back);
        x86_mov_rr(c, true, X86_RDI, X86_ENV);
        x86_call(c, (const void *)softmmu_st);
    } else {
        if (sp->addr_reg != X86_RSI) {
            x86_mov_rr(c, true, X86_RSI, sp->addr_reg);
        }
        x86_movi(c, false, X86_RDX, sp->oi);
        x86_op_rip(c, 0x8d | P_W, X86_RCX, sp->back);
        x86_mov_rr(c, true, X86_RDI, X86_ENV);
        x86_call(c, (const void *)softmmu_ld);
        x86_mov_rr(c, sp->type == IR_I64, sp->data_reg, X86_RAX);
    }
    for (int r = 0; r < X86_NB_REGS; r++) {
        if ((sp->save_mask >> r) & 1) {
            x86_mov_rm(c, true, r, X86_RSP, -1, 0, X86_SAVE_AREA + 8 * r);
        }
    }
    x86_jmp(c, sp->back);
}

void x86_gen_slow_paths(X86Gen *g)
{
    for (int i = 0; i < g->nb_slow; i++) {
        if (g->c.end - g->c.ptr < 256) {
            g->overflow = true;
            return;
        }
        x86_slow_path(g, &g->slow[i]);
    }
}
