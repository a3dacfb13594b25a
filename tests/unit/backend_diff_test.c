/* SPDX-License-Identifier: MIT */
/*
 * Differential test of the two backends: random IR programs (fixed seed)
 * over every pure op at both widths, forward branches, early exits,
 * host loads/stores relative to env, helper calls and guest loads/stores
 * through the soft-TLB, run once through interp_backend and once through
 * x86_64_backend from the same initial env.  The final env states and
 * exit values must be identical.  A mismatch prints the program.
 */
#include <stddef.h>
#include <stdlib.h>

#include "hw/core/memory.h"
#include "tcg/backend.h"
#include "tcg/cpu.h"
#include "tcg/softmmu.h"
#include "tcg/tb.h"
#include "tests/test.h"

#define NB_G 8              /* globals of each width */
#define NB_L 4              /* TB temps of each width */
#define MEM_SIZE 64
#define NB_PROGRAMS 3000     /* MOSAIC_DIFF_PROGRAMS=N to run more */
#define GUEST_BASE 0x20000  /* guest RAM for qemu_ld/st */
#define GUEST_SIZE 0x2000   /* two pages */

typedef struct DiffEnv {
    CPUCommon common;
    uint32_t g32[NB_G];
    uint64_t g64[NB_G];
    uint8_t mem[MEM_SIZE];
} DiffEnv;

/* The state compared between the backends: everything after CPUCommon */
#define STATE_OFF offsetof(DiffEnv, g32)
#define STATE_SIZE (sizeof(DiffEnv) - STATE_OFF)

typedef struct Side {
    const Backend *be;
    TBCache *tbc;
    DiffEnv *env;
    IRFunc *f;
    IRTemp *g32[NB_G], *g64[NB_G];
    MemRegion *ram;
} Side;

/* ---- Random program generation ---- */

typedef struct Rng {
    uint64_t s;
} Rng;

static uint64_t rng_next(Rng *r)
{
    /* xorshift64* */
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 0x2545f4914f6cdd1dull;
}

static unsigned rng_below(Rng *r, unsigned n)
{
    return (unsigned)(rng_next(r) % n);
}

#define MAX_EBB 64
#define MAX_LABELS 16

typedef struct ProgGen {
    Side *sd;
    Rng rng;
    IRTemp *l32[NB_L], *l64[NB_L];
    IRTemp *ebb[2][MAX_EBB];    /* defined EBB temps of this block */
    int nb_ebb[2];
    IRLabel *pending[MAX_LABELS];
    int nb_pending;
    IRLabel *loop_top;          /* open loop, or NULL */
    IRTemp *loop_count;         /* its iteration counter (a TB temp) */
} ProgGen;

static IRType ty_of(int w)
{
    return w ? IR_I64 : IR_I32;
}

static uint64_t interesting(ProgGen *g, int w)
{
    static const uint64_t v[] = {
        0, 1, 2, 3, 7, 8, 15, 16, 31, 32, 33, 63, 64, 0x7f, 0x80, 0xff,
        0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff,
        0x100000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
        ~0ull, 0xfffffffffffffffeull, 0x123456789abcdef0ull,
    };
    unsigned nv = sizeof(v) / sizeof(v[0]);
    uint64_t x = rng_below(&g->rng, 3) ? v[rng_below(&g->rng, nv)]
                                         : rng_next(&g->rng);
    return w ? x : (uint32_t)x;
}

static IRTemp *pick_in(ProgGen *g, int w)
{
    Side *sd = g->sd;
    unsigned k = rng_below(&g->rng, 10);

    if (k < 2) {
        return ir_const(sd->f, ty_of(w), interesting(g, w));
    }
    if (k < 5) {
        return w ? sd->g64[rng_below(&g->rng, NB_G)]
                 : sd->g32[rng_below(&g->rng, NB_G)];
    }
    if (k < 7 || g->nb_ebb[w] == 0) {
        return w ? g->l64[rng_below(&g->rng, NB_L)]
                 : g->l32[rng_below(&g->rng, NB_L)];
    }
    return g->ebb[w][rng_below(&g->rng, g->nb_ebb[w])];
}

/* A new EBB temp, readable from now on: the caller's op must write it. */
static IRTemp *new_ebb(ProgGen *g, int w)
{
    IRTemp *t = ir_temp_new(g->sd->f, ty_of(w), IR_TEMP_EBB);

    if (g->nb_ebb[w] < MAX_EBB) {
        g->ebb[w][g->nb_ebb[w]++] = t;
    }
    return t;
}

static IRTemp *pick_out(ProgGen *g, int w)
{
    Side *sd = g->sd;
    unsigned k = rng_below(&g->rng, 10);

    if (k < 4) {
        return w ? sd->g64[rng_below(&g->rng, NB_G)]
                 : sd->g32[rng_below(&g->rng, NB_G)];
    }
    if (k < 6) {
        return w ? g->l64[rng_below(&g->rng, NB_L)]
                 : g->l32[rng_below(&g->rng, NB_L)];
    }
    if (k < 8 && g->nb_ebb[w] > 0) {
        return g->ebb[w][rng_below(&g->rng, g->nb_ebb[w])];
    }
    return new_ebb(g, w);
}

/* The block ends at a label or br: EBB temps die. */
static void end_block(ProgGen *g)
{
    g->nb_ebb[0] = g->nb_ebb[1] = 0;
}

static void place_label(ProgGen *g)
{
    /* Labels are placed in creation order: every branch goes forward. */
    IRLabel *l = g->pending[0];

    memmove(g->pending, g->pending + 1, (g->nb_pending - 1) * sizeof(l));
    g->nb_pending--;
    ir_set_label(g->sd->f, l);
    end_block(g);
}

static IRLabel *new_target(ProgGen *g)
{
    IRLabel *l = ir_label_new(g->sd->f);

    g->pending[g->nb_pending++] = l;
    return l;
}

static const IRCond conds[] = {
    IR_COND_EQ, IR_COND_NE, IR_COND_LT, IR_COND_GE, IR_COND_LE, IR_COND_GT,
    IR_COND_LTU, IR_COND_GEU, IR_COND_LEU, IR_COND_GTU, IR_COND_ALWAYS,
    IR_COND_NEVER,
};

static IRCond pick_cond(ProgGen *g)
{
    return conds[rng_below(&g->rng, sizeof(conds) / sizeof(conds[0]))];
}

static const IROpcode binops[] = {
    IR_add, IR_sub, IR_mul, IR_and, IR_or, IR_xor, IR_andc, IR_shl, IR_shr,
    IR_sar, IR_rotl, IR_rotr,
};
static const IROpcode unops[] = {
    IR_mov, IR_neg, IR_not, IR_clz, IR_ctz, IR_bswap16, IR_bswap32,
    IR_ext8s, IR_ext8u, IR_ext16s, IR_ext16u, IR_bswap64, IR_ext32s,
    IR_ext32u,      /* the last three: i64 only */
};

static void gen_unop(ProgGen *g, int w)
{
    unsigned n = sizeof(unops) / sizeof(unops[0]) - (w ? 0 : 3);
    IROpcode opc = unops[rng_below(&g->rng, n)];
    IRTemp *a = pick_in(g, w);

    ir_emit1(g->sd->f, opc, ty_of(w), pick_out(g, w), a);
}

static void gen_binop(ProgGen *g, int w)
{
    IROpcode opc = binops[rng_below(&g->rng, sizeof(binops) /
                                                 sizeof(binops[0]))];
    IRTemp *a = pick_in(g, w), *b = pick_in(g, w);

    ir_emit2(g->sd->f, opc, ty_of(w), pick_out(g, w), a, b);
}

static void gen_field(ProgGen *g, int w)
{
    IRFunc *f = g->sd->f;
    unsigned width = w ? 64 : 32;
    unsigned len = 1 + rng_below(&g->rng, width);
    unsigned pos = rng_below(&g->rng, width - len + 1);
    IRTemp *a = pick_in(g, w);

    switch (rng_below(&g->rng, 3)) {
    case 0: {
        IRTemp *b = pick_in(g, w);
        ir_deposit(f, ty_of(w), pick_out(g, w), a, b, pos, len);
        break;
    }
    case 1:
        ir_extract(f, ty_of(w), pick_out(g, w), a, pos, len);
        break;
    default:
        ir_sextract(f, ty_of(w), pick_out(g, w), a, pos, len);
        break;
    }
}

static void gen_compare(ProgGen *g, int w)
{
    IRFunc *f = g->sd->f;
    IRTemp *a = pick_in(g, w), *b = pick_in(g, w);

    if (rng_below(&g->rng, 2)) {
        ir_setcond(f, ty_of(w), pick_cond(g), pick_out(g, w), a, b);
    } else {
        IRTemp *v1 = pick_in(g, w), *v2 = pick_in(g, w);
        ir_movcond(f, ty_of(w), pick_cond(g), pick_out(g, w), a, b, v1, v2);
    }
}

static void gen_mul2(ProgGen *g, int w)
{
    IRTemp *a = pick_in(g, w), *b = pick_in(g, w);
    IRTemp *lo = pick_out(g, w), *hi = pick_out(g, w);

    if (lo == hi) {
        hi = new_ebb(g, w);     /* two outputs in one temp: unspecified */
    }
    if (rng_below(&g->rng, 2)) {
        ir_mulu2(g->sd->f, ty_of(w), lo, hi, a, b);
    } else {
        ir_muls2(g->sd->f, ty_of(w), lo, hi, a, b);
    }
}

static void gen_widths(ProgGen *g)
{
    IRFunc *f = g->sd->f;

    switch (rng_below(&g->rng, 4)) {
    case 0: {
        IRTemp *a = pick_in(g, 0);
        ir_ext_i32_i64(f, pick_out(g, 1), a);
        break;
    }
    case 1: {
        IRTemp *a = pick_in(g, 0);
        ir_extu_i32_i64(f, pick_out(g, 1), a);
        break;
    }
    case 2: {
        IRTemp *a = pick_in(g, 1);
        ir_extrl_i64_i32(f, pick_out(g, 0), a);
        break;
    }
    default: {
        IRTemp *a = pick_in(g, 1);
        ir_extrh_i64_i32(f, pick_out(g, 0), a);
        break;
    }
    }
}

static void gen_host_mem(ProgGen *g, int w)
{
    static const IROpcode lds32[] = { IR_ld8u, IR_ld8s, IR_ld16u, IR_ld16s,
                                      IR_ld };
    static const IROpcode lds64[] = { IR_ld8u, IR_ld8s, IR_ld16u, IR_ld16s,
                                      IR_ld32u, IR_ld32s, IR_ld };
    static const IROpcode sts[] = { IR_st8, IR_st16, IR_st32, IR_st };
    IRFunc *f = g->sd->f;
    int32_t off = offsetof(DiffEnv, mem) + rng_below(&g->rng, MEM_SIZE - 7);

    if (rng_below(&g->rng, 2)) {
        IROpcode opc = w ? lds64[rng_below(&g->rng, 7)]
                         : lds32[rng_below(&g->rng, 5)];
        ir_ld(f, opc, ty_of(w), pick_out(g, w), f->env, off);
    } else {
        IROpcode opc = sts[rng_below(&g->rng, 4)];
        ir_st(f, opc, ty_of(w), pick_in(g, w), f->env, off);
    }
}

/* ---- Helpers: pure ones, and one that reads and writes globals ---- */

static uint64_t h_mix(uint32_t a, uint64_t b, uint32_t c)
{
    return (b * 0x9e3779b97f4a7c15ull) ^ ((uint64_t)a << 17) ^ c;
}

static uint32_t h_fold(uint64_t a, uint64_t b)
{
    return (uint32_t)(a >> 29) + (uint32_t)b * 3;
}

static void h_env_rw(uint64_t envp)
{
    DiffEnv *e = (DiffEnv *)(uintptr_t)envp;

    e->g32[1] += e->g32[0] * 5;
    e->g64[2] ^= e->g64[3] + 0x1234;
}

static uint64_t h_env_read(uint64_t envp)
{
    const DiffEnv *e = (const DiffEnv *)(uintptr_t)envp;

    return e->g64[5] * 3 + e->g32[6];
}

static void h_env_write(uint64_t envp, uint32_t v)
{
    DiffEnv *e = (DiffEnv *)(uintptr_t)envp;

    e->g32[7] = v * 7;
    e->g64[6] = (uint64_t)v << 20;
}

static const IRHelper helper_mix = {
    "mix", (void *)h_mix, IR_CALL_PURE, IR_I64, 3, { IR_I32, IR_I64, IR_I32 },
};
static const IRHelper helper_fold = {
    "fold", (void *)h_fold, IR_CALL_PURE, IR_I32, 2, { IR_I64, IR_I64 },
};
static const IRHelper helper_env_rw = {
    "env_rw", (void *)h_env_rw, 0, IR_VOID, 1, { IR_I64 },
};
static const IRHelper helper_env_read = {
    "env_read", (void *)h_env_read, IR_CALL_NO_WRITE_GLOBALS, IR_I64, 1,
    { IR_I64 },
};
static const IRHelper helper_env_write = {
    "env_write", (void *)h_env_write, IR_CALL_NO_READ_GLOBALS, IR_VOID, 2,
    { IR_I64, IR_I32 },
};

static void gen_call(ProgGen *g)
{
    IRFunc *f = g->sd->f;

    switch (rng_below(&g->rng, 5)) {
    case 3: {
        IRTemp *args[] = { f->env };
        ir_call(f, &helper_env_read, pick_out(g, 1), args);
        break;
    }
    case 4: {
        IRTemp *args[] = { f->env, pick_in(g, 0) };
        ir_call(f, &helper_env_write, NULL, args);
        break;
    }
    case 0: {
        IRTemp *args[] = { pick_in(g, 0), pick_in(g, 1), pick_in(g, 0) };
        ir_call(f, &helper_mix, pick_out(g, 1), args);
        break;
    }
    case 1: {
        IRTemp *args[] = { pick_in(g, 1), pick_in(g, 1) };
        ir_call(f, &helper_fold, pick_out(g, 0), args);
        break;
    }
    default: {
        IRTemp *args[] = { f->env };
        ir_call(f, &helper_env_rw, NULL, args);
        break;
    }
    }
}

/* Guest memory: an address inside the guest RAM, from a random value. */
static void gen_guest_mem(ProgGen *g, int w)
{
    IRFunc *f = g->sd->f;
    int aw = rng_below(&g->rng, 2);
    unsigned size_log = rng_below(&g->rng, w ? 4 : 3);
    MemOp mop = size_log | (rng_below(&g->rng, 2) ? MO_BE : 0);
    IRTemp *addr = ir_temp_new(f, ty_of(aw), IR_TEMP_EBB);
    IRTemp *x = pick_in(g, aw);

    /* addr = GUEST_BASE + (x & (GUEST_SIZE - 16)) + misalignment 0..7 */
    ir_emit2(f, IR_and, ty_of(aw), addr, x,
             ir_const(f, ty_of(aw), GUEST_SIZE - 16));
    ir_emit2(f, IR_add, ty_of(aw), addr, addr,
             ir_const(f, ty_of(aw), GUEST_BASE + rng_below(&g->rng, 8)));
    if (rng_below(&g->rng, 2)) {
        if (size_log < 3 && rng_below(&g->rng, 2)) {
            mop |= MO_SIGN;
        }
        ir_qemu_ld(f, ty_of(w), pick_out(g, w), addr, make_memop_idx(mop, 0));
    } else {
        ir_qemu_st(f, ty_of(w), pick_in(g, w), addr, make_memop_idx(mop, 0));
    }
}

/*
 * A bounded loop: "top: ... count -= 1; brcond count != 0, top".  It is
 * opened only with no forward label pending and closed once the labels
 * created inside it are placed, so every branch stays structured.
 */
static void loop_open(ProgGen *g)
{
    IRFunc *f = g->sd->f;

    ir_movi_i32(f, g->loop_count, 1 + rng_below(&g->rng, 4));
    g->loop_top = ir_label_new(f);
    ir_set_label(f, g->loop_top);
    end_block(g);
}

static void loop_close(ProgGen *g)
{
    IRFunc *f = g->sd->f;

    ir_subi_i32(f, g->loop_count, g->loop_count, 1);
    ir_brcondi_i32(f, IR_COND_NE, g->loop_count, 0, g->loop_top);
    g->loop_top = NULL;
}

static void gen_control(ProgGen *g)
{
    IRFunc *f = g->sd->f;
    unsigned k = rng_below(&g->rng, 12);

    if (k >= 10) {
        if (!g->loop_top && g->nb_pending == 0) {
            loop_open(g);
        } else if (g->loop_top && g->nb_pending == 0) {
            loop_close(g);
        }
        return;
    }

    if (k < 6 && g->nb_pending < MAX_LABELS) {
        int w = rng_below(&g->rng, 2);
        IRTemp *a = pick_in(g, w), *b = pick_in(g, w);
        ir_brcond(f, ty_of(w), pick_cond(g), a, b, new_target(g));
    } else if (k < 7 && g->nb_pending < MAX_LABELS) {
        ir_br(f, new_target(g));
        end_block(g);
    } else if (k < 8) {
        ir_exit_tb(f, 0x100 + rng_below(&g->rng, 256));
    } else if (g->nb_pending > 0) {
        place_label(g);
    }
}

static void gen_one(ProgGen *g)
{
    int w = rng_below(&g->rng, 2);

    switch (rng_below(&g->rng, 20)) {
    case 0: case 1: case 2: case 3: case 4: case 5:
        gen_binop(g, w);
        break;
    case 6: case 7: case 8:
        gen_unop(g, w);
        break;
    case 9:
        gen_field(g, w);
        break;
    case 10: case 11:
        gen_compare(g, w);
        break;
    case 12:
        gen_mul2(g, w);
        break;
    case 13:
        gen_widths(g);
        break;
    case 14:
        gen_host_mem(g, w);
        break;
    case 15:
        gen_call(g);
        break;
    case 16:
        gen_guest_mem(g, w);
        break;
    default:
        gen_control(g);
        break;
    }
}

static void gen_program(Side *sd, uint64_t seed, bool optimize)
{
    ProgGen g = { .sd = sd, .rng = { seed * 0x9e3779b97f4a7c15ull + 1 } };
    IRFunc *f = sd->f;
    /* Mostly short programs; one in eight long (register pressure) */
    int n = rng_below(&g.rng, 8) ? 5 + rng_below(&g.rng, 40)
                                 : 100 + rng_below(&g.rng, 200);

    ir_func_reset(f);
    g.loop_count = ir_local_i32(f);
    for (int i = 0; i < NB_L; i++) {
        g.l32[i] = ir_local_i32(f);
        g.l64[i] = ir_local_i64(f);
        ir_movi_i32(f, g.l32[i], (uint32_t)interesting(&g, 0));
        ir_movi_i64(f, g.l64[i], interesting(&g, 1));
    }
    ir_insn_start(f, 0, 0);
    for (int i = 0; i < n; i++) {
        gen_one(&g);
    }
    while (g.nb_pending > 0) {
        place_label(&g);
    }
    if (g.loop_top) {
        loop_close(&g);
    }
    /* Make the TB temps observable */
    for (int i = 0; i < NB_L; i++) {
        ir_emit2(f, IR_xor, IR_I32, sd->g32[i], sd->g32[i], g.l32[i]);
        ir_emit2(f, IR_add, IR_I64, sd->g64[i], sd->g64[i], g.l64[i]);
    }
    ir_exit_tb(f, 0x42);
    if (optimize) {
        ir_optimize(f);
    }
    ir_liveness(f);
}

/* ---- Running on one backend ---- */

static bool diff_tlb_fill(CPUCommon *cpu, uint64_t vaddr, int size,
                          MMUAccessType access, int mmu_idx, bool probe,
                          uintptr_t retaddr)
{
    tlb_set_page(cpu, vaddr, vaddr, PAGE_READ | PAGE_WRITE, mmu_idx);
    return true;
}

static const CPUClass diff_cpu_class = {
    .name = "diff",
    .tlb_fill = diff_tlb_fill,
};

static void side_init(Side *sd, const Backend *be)
{
    memset(sd, 0, sizeof(*sd));
    sd->be = be;
    sd->tbc = tbc_new(be, 8 << 20);
    ASSERT(sd->tbc != NULL);
    sd->env = calloc(1, sizeof(DiffEnv));
    ASSERT(sd->env != NULL);
    sd->env->common.cc = &diff_cpu_class;
    sd->env->common.tbc = sd->tbc;
    sd->env->common.as = as_new("diff");
    sd->ram = as_add_ram(sd->env->common.as, "ram", GUEST_BASE, GUEST_SIZE);
    tlb_flush(&sd->env->common);
    sd->f = ir_func_new();
    static const char *const n32[NB_G] = { "r0", "r1", "r2", "r3", "r4",
                                           "r5", "r6", "r7" };
    static const char *const n64[NB_G] = { "x0", "x1", "x2", "x3", "x4",
                                           "x5", "x6", "x7" };
    for (int i = 0; i < NB_G; i++) {
        sd->g32[i] = ir_global_i32(sd->f, offsetof(DiffEnv, g32[i]), n32[i]);
        sd->g64[i] = ir_global_i64(sd->f, offsetof(DiffEnv, g64[i]), n64[i]);
    }
}

static void side_fini(Side *sd)
{
    ir_func_free(sd->f);
    as_free(sd->env->common.as);
    tbc_free(sd->tbc);
    free(sd->env);
}

static uintptr_t side_run(Side *sd, const uint8_t *state, const uint8_t *ram)
{
    TBCache *tbc = sd->tbc;
    size_t off = (size_t)(tbc->code_gen_start - tbc->code_buf);
    static uint32_t insn_off[8];
    TB *tb = (TB *)(tbc->code_buf + off);
    int n;

    memset(tb, 0, sizeof(*tb));
    off += (sizeof(TB) + 63) & ~(size_t)63;
    tb->tc_ptr = tbc->code_buf + off;
    n = sd->be->gen_code(tbc->backend_ctx, sd->f, tb, tb->tc_ptr,
                         tbc->code_size - off, insn_off);
    ASSERT(n > 0);
    tb->tc_size = n;
    memcpy((uint8_t *)sd->env + STATE_OFF, state, STATE_SIZE);
    memcpy(sd->ram->ram, ram, GUEST_SIZE);
    /* Alternate between TLB misses (slow path) and hits (fast path) */
    if (state[0] & 1) {
        tlb_flush(&sd->env->common);
    }
    return sd->be->exec(tbc->backend_ctx, &sd->env->common, tb);
}

static void report(Side *sd, uint64_t seed, bool optimize)
{
    fprintf(stderr, "  program %" PRIu64 " (optimize %d) differs:\n", seed,
            optimize);
    gen_program(sd, seed, optimize);
    ir_print(stderr, sd->f);
    for (int i = 0; i < NB_G; i++) {
        fprintf(stderr, "  g32[%d] %08x  g64[%d] %016" PRIx64 "\n", i,
                sd->env->g32[i], i, sd->env->g64[i]);
    }
}

TEST(backend_diff, random_programs)
{
    Side a, b;
    uint8_t state[STATE_SIZE];
    static uint8_t ram[GUEST_SIZE];
    const char *env_n = getenv("MOSAIC_DIFF_PROGRAMS");
    const char *env_first = getenv("MOSAIC_DIFF_FIRST");
    uint64_t n = env_n ? strtoull(env_n, NULL, 0) : NB_PROGRAMS;
    uint64_t first = env_first ? strtoull(env_first, NULL, 0) : 0;

    side_init(&a, &interp_backend);
    side_init(&b, &x86_64_backend);
    for (uint64_t seed = first; seed < first + n; seed++) {
        bool optimize = seed % 3 != 0;
        Rng data = { seed * 0x2545f4914f6cdd1dull + 0x5eed };
        for (size_t i = 0; i < STATE_SIZE; i++) {
            state[i] = (uint8_t)rng_next(&data);
        }
        for (size_t i = 0; i < GUEST_SIZE; i += 8) {
            uint64_t v = rng_next(&data);
            memcpy(ram + i, &v, 8);
        }
        gen_program(&a, seed, optimize);
        gen_program(&b, seed, optimize);
        uintptr_t ra = side_run(&a, state, ram);
        uintptr_t rb = side_run(&b, state, ram);
        bool same = ra == rb &&
                    memcmp((uint8_t *)a.env + STATE_OFF,
                           (uint8_t *)b.env + STATE_OFF, STATE_SIZE) == 0 &&
                    memcmp(a.ram->ram, b.ram->ram, GUEST_SIZE) == 0;
        if (!same) {
            fprintf(stderr, "  exit: interp 0x%" PRIxPTR ", %s 0x%" PRIxPTR
                    "\n", ra, b.be->name, rb);
            report(&a, seed, optimize);
            fprintf(stderr, "  --- %s:\n", b.be->name);
            for (int i = 0; i < NB_G; i++) {
                fprintf(stderr, "  g32[%d] %08x  g64[%d] %016" PRIx64 "\n",
                        i, b.env->g32[i], i, b.env->g64[i]);
            }
        }
        ASSERT(same);
    }
    side_fini(&a);
    side_fini(&b);
}
