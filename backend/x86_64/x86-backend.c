/* SPDX-License-Identifier: MIT */
/*
 * The x86-64 JIT as a Backend (tcg/backend.h): the prologue/epilogue that
 * enters generated code, gen_code's loop over the IR, chaining by patching
 * goto_tb's jmp rel32, and capstone disassembly for -d out_asm.
 *
 *   size_t used;
 *   void *ctx = x86_64_backend.init(buf, size, &used);   -- prologue at buf
 *   int n = x86_64_backend.gen_code(ctx, f, tb, buf + used, room, offs);
 *   uintptr_t exit = x86_64_backend.exec(ctx, cpu, tb);
 */
#include <cpuid.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <capstone/capstone.h>

#include "backend/x86_64/x86-internal.h"

static const int8_t x86_saved_regs[] = {
    X86_RBP, X86_RBX, X86_R12, X86_R13, X86_R14, X86_R15,
};
#define X86_NB_SAVED ((int)sizeof(x86_saved_regs))

_Static_assert((X86_FRAME_SIZE + 8 * X86_NB_SAVED + 8) % 16 == 0,
               "generated code runs with rsp 16-byte aligned");

static void x86_probe_cpu(X86Backend *be)
{
    unsigned a, b, c, d;

    if (__get_cpuid(1, &a, &b, &c, &d)) {
        be->have_movbe = (c >> 22) & 1;
    }
    if (__get_cpuid(0x80000001, &a, &b, &c, &d)) {
        be->have_lzcnt = (c >> 5) & 1;
    }
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        be->have_bmi1 = (b >> 3) & 1;
        be->have_bmi2 = (b >> 8) & 1;
    }
}

/*
 * uintptr_t prologue(CPUCommon *env, const void *code):
 * save callee-saved registers, set up the frame and env, jump to code.
 * Generated code leaves through epilogue (rax = value) or epilogue_ret0.
 */
static void x86_emit_prologue(X86Backend *be, X86Code *c)
{
    be->prologue = c->ptr;
    for (int i = 0; i < X86_NB_SAVED; i++) {
        x86_push(c, x86_saved_regs[i]);
    }
    x86_alu_ri(c, X86_SUB, true, X86_RSP, X86_FRAME_SIZE);
    x86_mov_rr(c, true, X86_ENV, X86_RDI);
    x86_jmp_r(c, X86_RSI);

    be->epilogue_ret0 = c->ptr;
    x86_alu_rr(c, X86_XOR, false, X86_RAX, X86_RAX);
    be->epilogue = c->ptr;
    x86_alu_ri(c, X86_ADD, true, X86_RSP, X86_FRAME_SIZE);
    for (int i = X86_NB_SAVED - 1; i >= 0; i--) {
        x86_pop(c, x86_saved_regs[i]);
    }
    x86_ret(c);
}

static void *x86_init(uint8_t *buf, size_t size, size_t *used)
{
    X86Backend *be;
    X86Code c = { buf, buf, buf + size };

    if (size < 128) {
        return NULL;
    }
    be = calloc(1, sizeof(*be));
    if (!be) {
        return NULL;
    }
    x86_probe_cpu(be);
    x86_emit_prologue(be, &c);
    *used = (size_t)(c.ptr - buf);
    return be;
}

static void x86_fini(void *ctx)
{
    X86Backend *be = ctx;

    free(be->gen.relocs);
    free(be->gen.slow);
    free(be->gen.free_slots);
    free(be);
}

static void x86_gen_reset(X86Backend *be, IRFunc *f, TB *tb, uint8_t *buf,
                          size_t size, uint32_t *insn_off)
{
    X86Gen *g = &be->gen;

    g->be = be;
    g->f = f;
    g->tb = tb;
    g->c.start = g->c.ptr = buf;
    g->c.end = buf + size;
    g->insn_off = insn_off;
    g->nb_insns = 0;
    g->nb_relocs = 0;
    g->nb_slow = 0;
    g->overflow = false;
    if (!g->free_slots) {
        g->free_slots = malloc(X86_NB_SLOTS * sizeof(*g->free_slots));
        if (!g->free_slots) {
            abort();
        }
    }
    for (int i = 0; i < f->nb_labels; i++) {
        f->labels[i]->has_value = false;
    }
    x86_ra_init(g);
}

/* Room every op must find before it is emitted (stores of every temp). */
static size_t x86_op_margin(const IRFunc *f)
{
    return 512 + 24 * (size_t)f->nb_temps;
}

static bool x86_resolve_relocs(X86Gen *g)
{
    for (int i = 0; i < g->nb_relocs; i++) {
        IRLabel *l = g->f->labels[g->relocs[i].label];
        if (!l->has_value) {
            return false;   /* branch to a label that was never set */
        }
        x86_patch_rel32(g->relocs[i].field, (const uint8_t *)l->value);
    }
    return true;
}

static int x86_gen_code(void *ctx, IRFunc *f, TB *tb, uint8_t *buf,
                        size_t size, uint32_t *insn_off)
{
    X86Backend *be = ctx;
    X86Gen *g = &be->gen;
    size_t margin = x86_op_margin(f);

    x86_gen_reset(be, f, tb, buf, size, insn_off);
    for (int i = 0; i < f->nb_ops; i++) {
        IROp *next = i + 1 < f->nb_ops ? &f->ops[i + 1] : NULL;
        bool skip = false;
        if ((size_t)(g->c.end - g->c.ptr) < margin) {
            return -1;
        }
        x86_gen_op(g, &f->ops[i], next, &skip);
        if (g->overflow) {
            return -1;
        }
        i += skip;
    }
    x86_gen_slow_paths(g);
    if (g->overflow || !x86_resolve_relocs(g)) {
        return -1;
    }
    return (int)(g->c.ptr - buf);
}

static uintptr_t x86_exec(void *ctx, CPUCommon *cpu, TB *tb)
{
    X86Backend *be = ctx;
    uintptr_t (*enter)(CPUCommon *, const void *) =
        (uintptr_t (*)(CPUCommon *, const void *))(void *)be->prologue;

    return enter(cpu, tb->tc_ptr);
}

/* goto_tb emitted a 4-byte aligned rel32: one atomic store re-points it. */
static void x86_set_jmp_target(void *ctx, TB *tb, int n, uintptr_t target)
{
    uint8_t *field = tb->tc_ptr + tb->jmp_insn_offset[n] + 1;
    uint32_t rel = (uint32_t)(target - (uintptr_t)(field + 4));

    (void)ctx;
    __atomic_store_n((uint32_t *)(void *)field, rel, __ATOMIC_RELEASE);
}

static void x86_disas(FILE *out, const uint8_t *buf, size_t size)
{
    csh h;
    cs_insn *insn;
    size_t n;

    if (cs_open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK) {
        fprintf(out, "  (capstone cannot open x86-64)\n");
        return;
    }
    n = cs_disasm(h, buf, size, (uintptr_t)buf, 0, &insn);
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "  0x%012" PRIx64 ":  %-8s %s\n", insn[i].address,
                insn[i].mnemonic, insn[i].op_str);
    }
    if (n) {
        cs_free(insn, n);
    }
    cs_close(&h);
}

const Backend x86_64_backend = {
    .name = "x86_64",
    .init = x86_init,
    .fini = x86_fini,
    .gen_code = x86_gen_code,
    .exec = x86_exec,
    .set_jmp_target = x86_set_jmp_target,
    .disas = x86_disas,
};
