/* SPDX-License-Identifier: MIT */
/*
 * Advanced SIMD element and structure loads and stores (VLD1-4, VST1-4:
 * multiple structures, one lane, all lanes) as one helper that performs
 * the whole transfer from the A32 encoding, after the ARM ARM pseudocode.
 * translate-neon.c has already rejected the UNDEFINED encodings and does
 * the base register writeback.  Accesses go through the soft-MMU with the
 * helper's return address, so faults restart the instruction.
 */
#include "frontend/arm/helper-neon.h"

#include "tcg/softmmu.h"

typedef struct NeonXfer {
    ARMCPU *cpu;
    uint32_t addr;
    MemOpIdx oi[4];                 /* per element size (log2) */
    bool load;
    uintptr_t ra;
} NeonXfer;

static void xfer_init(NeonXfer *x, ARMCPU *cpu, uint32_t addr, bool load,
                      uintptr_t ra)
{
    CPUCommon *c = &cpu->common;
    int idx = c->cc->mmu_index(c, false);
    MemOp be = (cpu->cpsr_rest & CPSR_E) ? MO_BE : 0;
    x->cpu = cpu;
    x->addr = addr;
    x->load = load;
    x->ra = ra;
    for (int s = 0; s < 4; s++) {
        x->oi[s] = make_memop_idx((MemOp)s | (s ? be : 0), (unsigned)idx);
    }
}

/* Fault unless addr is a multiple of align bytes (1: no check) */
static void xfer_align(NeonXfer *x, uint32_t align)
{
    if (align > 1 && (x->addr & (align - 1))) {
        CPUCommon *c = &x->cpu->common;
        c->cc->do_unaligned_access(c, x->addr,
                                   x->load ? MMU_DATA_LOAD : MMU_DATA_STORE,
                                   c->cc->mmu_index(c, false), x->ra);
    }
}

/* Transfer element e (size s) of D<reg> at the next address */
static void xfer_elem(NeonXfer *x, int reg, int e, int s)
{
    uint64_t *d = &x->cpu->vfp_d[reg & 31];
    int esize = 8 << s;
    uint64_t mask = esize == 64 ? ~0ull : ((1ull << esize) - 1) << (e * esize);
    if (x->load) {
        uint64_t v = softmmu_ld(&x->cpu->common, x->addr, x->oi[s], x->ra);
        *d = (*d & ~mask) | ((v << (e * esize)) & mask);
    } else {
        softmmu_st(&x->cpu->common, x->addr, (*d & mask) >> (e * esize),
                   x->oi[s], x->ra);
    }
    x->addr += 1u << s;
}

/* Multiple structures: type (bits 11:8) gives n, register groups, inc */
static void neon_multi(NeonXfer *x, uint32_t insn, int vd)
{
    static const int8_t n_of[11] = { 4, 4, 1, 2, 3, 3, 1, 1, 2, 2, 1 };
    static const int8_t regs_of[11] = { 1, 1, 4, 2, 1, 1, 3, 1, 1, 1, 2 };
    static const int8_t inc_of[11] = { 1, 2, 1, 2, 1, 2, 1, 1, 1, 2, 1 };
    int type = (insn >> 8) & 0xf, s = (insn >> 6) & 3;
    int align = (insn >> 4) & 3;
    int n = n_of[type], regs = regs_of[type], inc = inc_of[type];

    xfer_align(x, align ? 4u << align : 1);
    for (int r = 0; r < regs; r++) {
        for (int e = 0; e < 8 >> s; e++) {
            for (int i = 0; i < n; i++) {
                xfer_elem(x, vd + i * inc + r, e, s);
            }
        }
    }
}

/* Single structure to one lane: bits 11:10 size, 9:8 n-1, 7:4 idx/align */
static void neon_lane(NeonXfer *x, uint32_t insn, int vd)
{
    int s = (insn >> 10) & 3, n = ((insn >> 8) & 3) + 1;
    int ia = (insn >> 4) & 0xf;
    int index = ia >> (s + 1);
    int inc = s == 0 ? 1 : ((ia >> s) & 1) + 1;
    uint32_t align = 1;

    if (n == 1) {
        align = s == 0 ? 1 : ((ia & 3) ? 1u << s : 1);
    } else if (n == 2) {
        align = (ia & 1) ? 2u << s : 1;
    } else if (n == 4) {
        align = s == 2 ? ((ia & 3) ? 8u << (ia & 3) >> 1 : 1)
                       : ((ia & 1) ? 4u << s : 1);
    }
    xfer_align(x, align);
    for (int i = 0; i < n; i++) {
        xfer_elem(x, vd + i * inc, index, s);
    }
}

/* Single structure to all lanes (loads): bits 7:6 size, 5 T, 4 a */
static void neon_all_lanes(NeonXfer *x, uint32_t insn, int vd)
{
    int s = (insn >> 6) & 3, n = ((insn >> 8) & 3) + 1;
    bool t = (insn >> 5) & 1, a = (insn >> 4) & 1;
    int regs = n == 1 ? (t ? 2 : 1) : 1, inc = n == 1 ? 1 : (t ? 2 : 1);
    uint32_t align = 1;

    if (n == 4 && s == 3) {
        s = 2;
        align = 16;
    } else if (a) {
        align = n == 1 ? 1u << s : n == 2 ? 2u << s
                : (s == 2 ? 8 : 4u << s);
    }
    xfer_align(x, align);
    for (int i = 0; i < n; i++) {
        xfer_elem(x, vd + i * inc, 0, s);
        uint64_t el = x->cpu->vfp_d[(vd + i * inc) & 31] &
                      ((1ull << (8 << s)) - 1);
        uint64_t rep = s == 0 ? 0x0101010101010101ull
                       : s == 1 ? 0x0001000100010001ull
                                : 0x0000000100000001ull;
        for (int r = 0; r < regs; r++) {
            x->cpu->vfp_d[(vd + i * inc + r) & 31] = el * rep;
        }
    }
}

void helper_neon_ldst(ARMCPU *cpu, uint32_t addr, uint32_t insn)
{
    NeonXfer x;
    int vd = (int)(((insn >> 18) & 0x10) | ((insn >> 12) & 0xf));
    xfer_init(&x, cpu, addr, (insn >> 21) & 1, GETPC());
    if (!(insn & (1u << 23))) {
        neon_multi(&x, insn, vd);
    } else if (((insn >> 10) & 3) != 3) {
        neon_lane(&x, insn, vd);
    } else {
        neon_all_lanes(&x, insn, vd);
    }
}

/* May fault: the guest registers must be in env when it runs */
IRHelper arm_helper_neon_ldst = {
    "arm_neon_ldst", (void *)helper_neon_ldst, IR_CALL_NO_WRITE_GLOBALS,
    IR_VOID, 3,
    { IR_I64, IR_I32, IR_I32 }, NULL
};
