/* SPDX-License-Identifier: MIT */
/*
 * The bytecode executor of the interpreter backend: one function with a
 * computed-goto dispatch over the ops of interp-ops.def.  It runs from a
 * TB's bytecode until an exit_tb (or a goto_ptr to NULL), following
 * chained goto_tb targets into other TBs.  Helpers may siglongjmp out.
 *
 *   uintptr_t ret = interp_backend.exec(ctx, cpu, tb);
 */
#include <stdlib.h>
#include <string.h>

#include "backend/interp/interp.h"
#include "hw/core/log.h"
#include "tcg/softmmu.h"

__thread uintptr_t tcg_interp_retaddr;

/* Operand accesses may alias anything (frame, env fields, constants). */
typedef uint32_t __attribute__((may_alias)) AU32;
typedef uint64_t __attribute__((may_alias)) AU64;
typedef uint16_t __attribute__((may_alias, aligned(1))) AU16u;
typedef uint32_t __attribute__((may_alias, aligned(1))) AU32u;
typedef uint64_t __attribute__((may_alias, aligned(1))) AU64u;

static inline bool cond32(uint32_t c, uint32_t a, uint32_t b)
{
    switch (c) {
    case IR_COND_EQ: return a == b;
    case IR_COND_NE: return a != b;
    case IR_COND_LT: return (int32_t)a < (int32_t)b;
    case IR_COND_GE: return (int32_t)a >= (int32_t)b;
    case IR_COND_LE: return (int32_t)a <= (int32_t)b;
    case IR_COND_GT: return (int32_t)a > (int32_t)b;
    case IR_COND_LTU: return a < b;
    case IR_COND_GEU: return a >= b;
    case IR_COND_LEU: return a <= b;
    case IR_COND_GTU: return a > b;
    case IR_COND_ALWAYS: return true;
    default: return false;
    }
}

static inline bool cond64(uint32_t c, uint64_t a, uint64_t b)
{
    switch (c) {
    case IR_COND_EQ: return a == b;
    case IR_COND_NE: return a != b;
    case IR_COND_LT: return (int64_t)a < (int64_t)b;
    case IR_COND_GE: return (int64_t)a >= (int64_t)b;
    case IR_COND_LE: return (int64_t)a <= (int64_t)b;
    case IR_COND_GT: return (int64_t)a > (int64_t)b;
    case IR_COND_LTU: return a < b;
    case IR_COND_GEU: return a >= b;
    case IR_COND_LEU: return a <= b;
    case IR_COND_GTU: return a > b;
    case IR_COND_ALWAYS: return true;
    default: return false;
    }
}

static inline uint32_t rotl32(uint32_t a, unsigned n)
{
    n &= 31;
    return n ? (a << n) | (a >> (32 - n)) : a;
}

static inline uint64_t rotl64(uint64_t a, unsigned n)
{
    n &= 63;
    return n ? (a << n) | (a >> (64 - n)) : a;
}

static inline uint64_t bswap16(uint64_t a)
{
    return ((a & 0xff) << 8) | ((a >> 8) & 0xff);
}

static inline uint64_t mask_len(unsigned len)
{
    return len >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << len) - 1;
}

static inline uint64_t deposit(uint64_t a, uint64_t b, unsigned pos,
                               unsigned len)
{
    uint64_t m = mask_len(len) << pos;

    return (a & ~m) | ((b << pos) & m);
}

static inline uint64_t sextract(uint64_t a, unsigned width, unsigned pos,
                                unsigned len)
{
    /* Move the field to the top of 64 bits, then shift back signed. */
    unsigned up = 64 - pos - len;

    (void)width;
    return (uint64_t)((int64_t)(a << up) >> (64 - len));
}

/*
 * Guest loads and stores: the soft-TLB probe inline (as the JIT does),
 * softmmu_ld/st on a miss, with tcg_interp_retaddr set around the call.
 */
static inline uint64_t guest_ld(CPUCommon *cpu, uint64_t va, MemOpIdx oi,
                                uintptr_t ra)
{
    MemOp mop = get_memop(oi);
    unsigned size = 1u << (mop & MO_SIZE);
    TLBEntry *e = &cpu->tlb[get_mmuidx(oi)][tlb_index(va)];

    if (e->addr_read == (va & (GUEST_PAGE_MASK | (size - 1)))) {
        const uint8_t *p = (const uint8_t *)(uintptr_t)(va + e->addend);
        uint64_t v;
        switch (size) {
        case 1: v = *p; break;
        case 2: v = *(const AU16u *)p; break;
        case 4: v = *(const AU32u *)p; break;
        default: v = *(const AU64u *)p; break;
        }
        if (mop & MO_BE) {
            v = __builtin_bswap64(v) >> (64 - size * 8);
        }
        if ((mop & MO_SIGN) && size < 8) {
            unsigned sh = 64 - size * 8;
            v = (uint64_t)((int64_t)(v << sh) >> sh);
        }
        return v;
    }
    tcg_interp_retaddr = ra;
    uint64_t v = softmmu_ld(cpu, va, oi, ra);
    tcg_interp_retaddr = 0;
    return v;
}

static inline void guest_st(CPUCommon *cpu, uint64_t va, uint64_t v,
                            MemOpIdx oi, uintptr_t ra)
{
    MemOp mop = get_memop(oi);
    unsigned size = 1u << (mop & MO_SIZE);
    TLBEntry *e = &cpu->tlb[get_mmuidx(oi)][tlb_index(va)];

    if (e->addr_write == (va & (GUEST_PAGE_MASK | (size - 1)))) {
        uint8_t *p = (uint8_t *)(uintptr_t)(va + e->addend);
        if (mop & MO_BE) {
            v = __builtin_bswap64(v) >> (64 - size * 8);
        }
        switch (size) {
        case 1: *p = (uint8_t)v; break;
        case 2: *(AU16u *)p = (uint16_t)v; break;
        case 4: *(AU32u *)p = (uint32_t)v; break;
        default: *(AU64u *)p = v; break;
        }
        return;
    }
    tcg_interp_retaddr = ra;
    softmmu_st(cpu, va, v, oi, ra);
    tcg_interp_retaddr = 0;
}

static void do_call(const uint32_t *pc, uint8_t *const *base)
{
    const InterpHelper *ih =
        (const InterpHelper *)(uintptr_t)(pc[1] | (uint64_t)pc[2] << 32);
    unsigned nargs = pc[3];
    void *av[IR_MAX_CALL_ARGS];
    uint64_t rv = 0;

    for (unsigned i = 0; i < nargs; i++) {
        av[i] = base[IREF_BASE(pc[5 + i])] + IREF_OFF(pc[5 + i]);
    }
    tcg_interp_retaddr = (uintptr_t)(pc + INTERP_CALL_WORDS(nargs));
    ffi_call((ffi_cif *)&ih->cif, FFI_FN(ih->func), &rv, av);
    tcg_interp_retaddr = 0;
    if (ih->ret != IR_VOID) {
        uint8_t *d = base[IREF_BASE(pc[4])] + IREF_OFF(pc[4]);
        if (ih->ret == IR_I32) {
            *(AU32 *)d = (uint32_t)rv;
        } else {
            *(AU64 *)d = rv;
        }
    }
}

_Noreturn static void interp_bad_op(const uint32_t *pc)
{
    error_report("interp: executed invalid bytecode op %u at %p", *pc,
                 (const void *)pc);
    abort();
}

#define LOC(i) (base[IREF_BASE(pc[i])] + IREF_OFF(pc[i]))
#define R32(i) (*(const AU32 *)LOC(i))
#define R64(i) (*(const AU64 *)LOC(i))
#define W32(i, v) (*(AU32 *)LOC(i) = (uint32_t)(v))
#define W64(i, v) (*(AU64 *)LOC(i) = (uint64_t)(v))
#define NEXT(n)                                                             \
    do {                                                                    \
        pc += (n);                                                          \
        goto *dispatch[*pc];                                                \
    } while (0)
#define CASE(name) do_##name:
/* d = expr(a), reading a with width RA and writing d with width WD */
#define UN(name, RA, WD, expr)                                              \
    CASE(name) { uint##RA##_t a = R##RA(2); W##WD(1, (expr)); NEXT(3); }
#define BIN(name, N, expr)                                                  \
    CASE(name) {                                                            \
        uint##N##_t a = R##N(2), b = R##N(3);                               \
        W##N(1, (expr));                                                    \
        NEXT(4);                                                            \
    }
/* d = expr(a, b) with b an immediate word (sign-extended for i64) */
#define BINI(name, N, expr)                                                 \
    CASE(name) {                                                            \
        uint##N##_t a = R##N(2), b = (uint##N##_t)(int32_t)pc[3];           \
        W##N(1, (expr));                                                    \
        NEXT(4);                                                            \
    }
/* Conditional branch with the condition in the opcode */
#define BRC(name, N, expr)                                                  \
    CASE(name) {                                                            \
        uint##N##_t a = R##N(1), b = R##N(2);                               \
        if (expr) {                                                         \
            pc = (const uint32_t *)(code + pc[3]);                          \
            goto *dispatch[*pc];                                            \
        }                                                                   \
        NEXT(4);                                                            \
    }
#define BRCI(name, N, expr)                                                 \
    CASE(name) {                                                            \
        uint##N##_t a = R##N(1), b = (uint##N##_t)(int32_t)pc[2];           \
        if (expr) {                                                         \
            pc = (const uint32_t *)(code + pc[3]);                          \
            goto *dispatch[*pc];                                            \
        }                                                                   \
        NEXT(4);                                                            \
    }
/* Both forms of a conditional branch, at both widths */
#define BRC_ALL(cond, expr32, expr64)                                       \
    BRC(br32_##cond, 32, expr32)                                            \
    BRC(br64_##cond, 64, expr64)                                            \
    BRCI(br32i_##cond, 32, expr32)                                          \
    BRCI(br64i_##cond, 64, expr64)
/* Loads and stores relative to a base temp (i64) */
#define HLD(name, N, T)                                                     \
    CASE(name) {                                                            \
        W##N(1, *(const T *)(uintptr_t)(R64(2) + (int32_t)pc[3]));          \
        NEXT(4);                                                            \
    }
#define HST(name, N, T)                                                     \
    CASE(name) {                                                            \
        *(T *)(uintptr_t)(R64(2) + (int32_t)pc[3]) = (T)R##N(1);            \
        NEXT(4);                                                            \
    }

typedef int8_t __attribute__((may_alias)) AS8;
typedef int16_t __attribute__((may_alias)) AS16;
typedef int32_t __attribute__((may_alias)) AS32;
typedef uint8_t __attribute__((may_alias)) AU8;
typedef uint16_t __attribute__((may_alias)) AU16;

uintptr_t interp_exec(void *ctx, CPUCommon *cpu, TB *tb)
{
    static const void *const dispatch[IOP_NB_OPS] = {
#define IOP(name, words) [IOP_##name] = &&do_##name,
#include "backend/interp/interp-ops.def"
#undef IOP
    };
    InterpCtx *s = ctx;
    uint64_t frame[INTERP_FRAME_SLOTS];
    uint8_t *const base[4] = { (uint8_t *)frame, (uint8_t *)cpu,
                               s->code_buf, s->code_buf };
    uint8_t *const code = s->code_buf;
    const uint32_t *pc = (const uint32_t *)tb->tc_ptr;

    tcg_interp_retaddr = 0;
    frame[0] = (uintptr_t)cpu;
    goto *dispatch[*pc];

    UN(mov32, 32, 32, a)
    UN(mov64, 64, 64, a)
    CASE(movi32) { W32(1, pc[2]); NEXT(3); }
    CASE(movi64) { W64(1, pc[2] | (uint64_t)pc[3] << 32); NEXT(4); }
    UN(neg32, 32, 32, -a)
    UN(neg64, 64, 64, -a)
    UN(not32, 32, 32, ~a)
    UN(not64, 64, 64, ~a)
    UN(clz32, 32, 32, a ? __builtin_clz(a) : 32)
    UN(clz64, 64, 64, a ? __builtin_clzll(a) : 64)
    UN(ctz32, 32, 32, a ? __builtin_ctz(a) : 32)
    UN(ctz64, 64, 64, a ? __builtin_ctzll(a) : 64)
    UN(bswap16_32, 32, 32, bswap16(a))
    UN(bswap16_64, 64, 64, bswap16(a))
    UN(bswap32_32, 32, 32, __builtin_bswap32(a))
    UN(bswap32_64, 64, 64, __builtin_bswap32((uint32_t)a))
    UN(bswap64, 64, 64, __builtin_bswap64(a))
    UN(ext8s32, 32, 32, (int8_t)a)
    UN(ext8s64, 64, 64, (int8_t)a)
    UN(ext8u32, 32, 32, (uint8_t)a)
    UN(ext8u64, 64, 64, (uint8_t)a)
    UN(ext16s32, 32, 32, (int16_t)a)
    UN(ext16s64, 64, 64, (int16_t)a)
    UN(ext16u32, 32, 32, (uint16_t)a)
    UN(ext16u64, 64, 64, (uint16_t)a)
    UN(ext32s, 64, 64, (int32_t)a)
    UN(ext32u, 64, 64, (uint32_t)a)
    UN(ext_i32_i64, 32, 64, (int32_t)a)
    UN(extu_i32_i64, 32, 64, a)
    UN(extrl, 64, 32, a)
    UN(extrh, 64, 32, a >> 32)

    BIN(add32, 32, a + b)
    BIN(add64, 64, a + b)
    BIN(sub32, 32, a - b)
    BIN(sub64, 64, a - b)
    BIN(mul32, 32, a * b)
    BIN(mul64, 64, a * b)
    BIN(and32, 32, a & b)
    BIN(and64, 64, a & b)
    BIN(or32, 32, a | b)
    BIN(or64, 64, a | b)
    BIN(xor32, 32, a ^ b)
    BIN(xor64, 64, a ^ b)
    BIN(andc32, 32, a & ~b)
    BIN(andc64, 64, a & ~b)
    BIN(shl32, 32, a << (b & 31))
    BIN(shl64, 64, a << (b & 63))
    BIN(shr32, 32, a >> (b & 31))
    BIN(shr64, 64, a >> (b & 63))
    BIN(sar32, 32, (int32_t)a >> (b & 31))
    BIN(sar64, 64, (int64_t)a >> (b & 63))
    BIN(rotl32, 32, rotl32(a, b))
    BIN(rotl64, 64, rotl64(a, b))
    BIN(rotr32, 32, rotl32(a, 32 - (b & 31)))
    BIN(rotr64, 64, rotl64(a, 64 - (b & 63)))
    BINI(add32i, 32, a + b)
    BINI(add64i, 64, a + b)
    BINI(sub32i, 32, a - b)
    BINI(sub64i, 64, a - b)
    BINI(mul32i, 32, a * b)
    BINI(mul64i, 64, a * b)
    BINI(and32i, 32, a & b)
    BINI(and64i, 64, a & b)
    BINI(or32i, 32, a | b)
    BINI(or64i, 64, a | b)
    BINI(xor32i, 32, a ^ b)
    BINI(xor64i, 64, a ^ b)
    BINI(andc32i, 32, a & ~b)
    BINI(andc64i, 64, a & ~b)
    BINI(shl32i, 32, a << (b & 31))
    BINI(shl64i, 64, a << (b & 63))
    BINI(shr32i, 32, a >> (b & 31))
    BINI(shr64i, 64, a >> (b & 63))
    BINI(sar32i, 32, (int32_t)a >> (b & 31))
    BINI(sar64i, 64, (int64_t)a >> (b & 63))
    BINI(rotl32i, 32, rotl32(a, b))
    BINI(rotl64i, 64, rotl64(a, b))
    BINI(rotr32i, 32, rotl32(a, 32 - (b & 31)))
    BINI(rotr64i, 64, rotl64(a, 64 - (b & 63)))

    CASE(mulu2_32) {
        uint64_t p = (uint64_t)R32(3) * R32(4);
        W32(1, p);
        W32(2, p >> 32);
        NEXT(5);
    }
    CASE(mulu2_64) {
        unsigned __int128 p = (unsigned __int128)R64(3) * R64(4);
        W64(1, p);
        W64(2, p >> 64);
        NEXT(5);
    }
    CASE(muls2_32) {
        int64_t p = (int64_t)(int32_t)R32(3) * (int32_t)R32(4);
        W32(1, p);
        W32(2, (uint64_t)p >> 32);
        NEXT(5);
    }
    CASE(muls2_64) {
        __int128 p = (__int128)(int64_t)R64(3) * (int64_t)R64(4);
        W64(1, p);
        W64(2, (unsigned __int128)p >> 64);
        NEXT(5);
    }
    CASE(setcond32) { W32(1, cond32(pc[4], R32(2), R32(3))); NEXT(5); }
    CASE(setcond64) { W64(1, cond64(pc[4], R64(2), R64(3))); NEXT(5); }
    CASE(movcond32) {
        W32(1, cond32(pc[6], R32(2), R32(3)) ? R32(4) : R32(5));
        NEXT(7);
    }
    CASE(movcond64) {
        W64(1, cond64(pc[6], R64(2), R64(3)) ? R64(4) : R64(5));
        NEXT(7);
    }
    CASE(deposit32) { W32(1, deposit(R32(2), R32(3), pc[4], pc[5])); NEXT(6); }
    CASE(deposit64) { W64(1, deposit(R64(2), R64(3), pc[4], pc[5])); NEXT(6); }
    CASE(extract32) { W32(1, (R32(2) >> pc[3]) & mask_len(pc[4])); NEXT(5); }
    CASE(extract64) { W64(1, (R64(2) >> pc[3]) & mask_len(pc[4])); NEXT(5); }
    CASE(sextract32) { W32(1, sextract(R32(2), 32, pc[3], pc[4])); NEXT(5); }
    CASE(sextract64) { W64(1, sextract(R64(2), 64, pc[3], pc[4])); NEXT(5); }

    HLD(ld8u32, 32, AU8)
    HLD(ld8u64, 64, AU8)
    HLD(ld8s32, 32, AS8)
    HLD(ld8s64, 64, AS8)
    HLD(ld16u32, 32, AU16)
    HLD(ld16u64, 64, AU16)
    HLD(ld16s32, 32, AS16)
    HLD(ld16s64, 64, AS16)
    HLD(ld32u64, 64, AU32)
    HLD(ld32s64, 64, AS32)
    HLD(ld32, 32, AU32)
    HLD(ld64, 64, AU64)
    HST(st8_32, 32, AU8)
    HST(st8_64, 64, AU8)
    HST(st16_32, 32, AU16)
    HST(st16_64, 64, AU16)
    HST(st32_32, 32, AU32)
    HST(st32_64, 64, AU32)
    HST(st64, 64, AU64)

    CASE(qemu_ld) {
        uint64_t va = pc[4] & IQ_A64 ? R64(2) : R32(2);
        uint64_t v = guest_ld(cpu, va, pc[3], (uintptr_t)(pc + 5));
        if (pc[4] & IQ_D64) {
            W64(1, v);
        } else {
            W32(1, v);
        }
        NEXT(5);
    }
    CASE(qemu_st) {
        uint64_t va = pc[4] & IQ_A64 ? R64(2) : R32(2);
        uint64_t v = pc[4] & IQ_D64 ? R64(1) : R32(1);
        guest_st(cpu, va, v, pc[3], (uintptr_t)(pc + 5));
        NEXT(5);
    }

    CASE(br) {
        pc = (const uint32_t *)(code + pc[1]);
        goto *dispatch[*pc];
    }
    CASE(brcond32) {
        if (cond32(pc[3], R32(1), R32(2))) {
            pc = (const uint32_t *)(code + pc[4]);
            goto *dispatch[*pc];
        }
        NEXT(5);
    }
    CASE(brcond64) {
        if (cond64(pc[3], R64(1), R64(2))) {
            pc = (const uint32_t *)(code + pc[4]);
            goto *dispatch[*pc];
        }
        NEXT(5);
    }
    BRC_ALL(eq, a == b, a == b)
    BRC_ALL(ne, a != b, a != b)
    BRC_ALL(lt, (int32_t)a < (int32_t)b, (int64_t)a < (int64_t)b)
    BRC_ALL(ge, (int32_t)a >= (int32_t)b, (int64_t)a >= (int64_t)b)
    BRC_ALL(le, (int32_t)a <= (int32_t)b, (int64_t)a <= (int64_t)b)
    BRC_ALL(gt, (int32_t)a > (int32_t)b, (int64_t)a > (int64_t)b)
    BRC_ALL(ltu, a < b, a < b)
    BRC_ALL(geu, a >= b, a >= b)
    BRC_ALL(leu, a <= b, a <= b)
    BRC_ALL(gtu, a > b, a > b)
    CASE(call) {
        do_call(pc, base);
        NEXT(INTERP_CALL_WORDS(pc[3]));
    }
    CASE(goto_tb) {
        pc = (const uint32_t *)(code + __atomic_load_n(&pc[1],
                                                       __ATOMIC_RELAXED));
        goto *dispatch[*pc];
    }
    CASE(exit_tb) {
        return pc[1] | (uint64_t)pc[2] << 32;
    }
    CASE(goto_ptr) {
        uintptr_t p = (uintptr_t)R64(1);
        if (!p) {
            return 0;
        }
        pc = (const uint32_t *)p;
        goto *dispatch[*pc];
    }
    CASE(end) {
        interp_bad_op(pc);
    }
}
