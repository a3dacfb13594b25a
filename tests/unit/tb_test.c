/* SPDX-License-Identifier: MIT */
/*
 * Tests of the ISA-neutral execution core (TB cache, chaining, soft-MMU,
 * self-modifying code, exception restore) through a toy guest ISA, run on
 * both backends.  Toy instructions are 32-bit little-endian words:
 *   1a iiii   ADDI r[a] += simm16         5-- ----  EXIT with code r0
 *   2- tttt   JMP  to (t << 2)            6a ----   JR r[a] (indirect)
 *   3a b---   ST   mem32[r[b]] = r[a]     7a tttt   BNZ r[a], (t << 2)
 *   4a b---   LD   r[a] = mem32[r[b]]     8a ----   KICK if r[a] (cpu_exit)
 *                                          other     undefined (exception)
 * Guest RAM is at 0x1000 (64 KiB); r0..r3 are IR globals.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/backend.h"
#include "tcg/exec.h"
#include "tcg/softmmu.h"
#include "tcg/translator.h"
#include "tests/test.h"

#define RAM_BASE 0x1000
#define RAM_SIZE 0x10000
#define EXCP_TOY_UNDEF 1

typedef struct ToyCPU {
    CPUCommon common;
    uint32_t pc;
    uint32_t r[4];
    uint32_t undef_pc;
} ToyCPU;

typedef struct ToyDC {
    DisasBase base;
} ToyDC;

typedef struct ToyGlobals {
    IRTemp *pc, *r[4];
} ToyGlobals;

static ToyGlobals *toy_globals(IRFunc *f)
{
    static const char *const names[4] = { "r0", "r1", "r2", "r3" };
    ToyGlobals *g = f->frontend_data;

    if (!g) {
        g = calloc(1, sizeof(*g));
        g->pc = ir_global_i32(f, offsetof(ToyCPU, pc), "pc");
        for (int i = 0; i < 4; i++) {
            g->r[i] = ir_global_i32(f, offsetof(ToyCPU, r[i]), names[i]);
        }
        f->frontend_data = g;
    }
    return g;
}

static void helper_toy_exit(CPUCommon *cpu, uint32_t code)
{
    cpu->exit_code = (int)code;
    cpu->exception_index = EXCP_EXIT;
    cpu_loop_exit(cpu);
}

static void helper_toy_undef(CPUCommon *cpu)
{
    cpu->exception_index = EXCP_TOY_UNDEF;
    cpu_loop_exit_restore(cpu, GETPC());
}

static void helper_toy_kick(CPUCommon *cpu, uint32_t really)
{
    if (really) {
        cpu_exit(cpu);      /* as a device or the timer thread would */
    }
}

static const IRHelper toy_kick_helper = {
    .name = "toy_kick", .func = (void *)helper_toy_kick, .ret = IR_VOID,
    .nargs = 2, .args = { IR_I64, IR_I32 },
    .flags = IR_CALL_NO_READ_GLOBALS | IR_CALL_NO_WRITE_GLOBALS,
};
static const IRHelper toy_exit_helper = {
    .name = "toy_exit", .func = (void *)helper_toy_exit, .ret = IR_VOID,
    .nargs = 2, .args = { IR_I64, IR_I32 },
};
static const IRHelper toy_undef_helper = {
    .name = "toy_undef", .func = (void *)helper_toy_undef, .ret = IR_VOID,
    .nargs = 1, .args = { IR_I64 },
};

static void toy_goto(DisasBase *db, int slot, uint32_t dest)
{
    ToyGlobals *g = toy_globals(db->f);

    /* Like the ARM frontend: the chained path does not store pc. */
    if (translator_use_goto_tb(db, dest)) {
        ir_goto_tb(db->f, slot);
        ir_movi_i32(db->f, g->pc, dest);
        ir_exit_tb(db->f, (uintptr_t)db->tb | slot);
    } else {
        ir_movi_i32(db->f, g->pc, dest);
        ir_exit_tb(db->f, 0);
    }
}

static void toy_translate(DisasBase *db, CPUCommon *cpu)
{
    IRFunc *f = db->f;
    ToyGlobals *g = toy_globals(f);
    uint32_t insn = translator_ldl(db, db->pc_next, false);
    uint32_t pc = (uint32_t)db->pc_next;
    IRTemp *a = g->r[(insn >> 24) & 3], *b = g->r[(insn >> 20) & 3];
    uint32_t target = (insn & 0xffff) << 2;
    MemOpIdx oi = make_memop_idx(MO_UL, 0);

    db->pc_next += 4;
    switch (insn >> 28) {
    case 1:
        ir_addi_i32(f, a, a, (uint32_t)(int16_t)(insn & 0xffff));
        break;
    case 2:
        toy_goto(db, 0, target);
        db->is_jmp = DISAS_NORETURN;
        break;
    case 3:
        ir_qemu_st(f, IR_I32, a, b, oi);
        break;
    case 4:
        ir_qemu_ld(f, IR_I32, a, b, oi);
        break;
    case 5: {
        IRTemp *args[2] = { f->env, g->r[0] };
        ir_call(f, &toy_exit_helper, NULL, args);
        db->is_jmp = DISAS_NORETURN;
        break;
    }
    case 6:
        ir_mov_i32(f, g->pc, a);
        translator_gen_lookup_and_goto_ptr(db, g->pc, ir_const_i32(f, 0));
        db->is_jmp = DISAS_NORETURN;
        break;
    case 7: {
        IRLabel *taken = ir_label_new(f);
        ir_brcondi_i32(f, IR_COND_NE, a, 0, taken);
        toy_goto(db, 0, pc + 4);
        ir_set_label(f, taken);
        toy_goto(db, 1, target);
        db->is_jmp = DISAS_NORETURN;
        break;
    }
    case 8: {
        IRTemp *args[2] = { f->env, a };
        ir_call(f, &toy_kick_helper, NULL, args);
        break;
    }
    default:
        ir_movi_i32(f, g->pc, pc);
        ir_call(f, &toy_undef_helper, NULL, &f->env);
        db->is_jmp = DISAS_NORETURN;
        break;
    }
}

static void toy_init_dc(DisasBase *db, CPUCommon *cpu)
{
    toy_globals(db->f);
}

static void toy_nop(DisasBase *db, CPUCommon *cpu)
{
}

static void toy_insn_start(DisasBase *db, CPUCommon *cpu)
{
    ir_insn_start(db->f, db->pc_next, 0);
}

static void toy_tb_stop(DisasBase *db, CPUCommon *cpu)
{
    if (db->is_jmp == DISAS_TOO_MANY) {
        toy_goto(db, 0, (uint32_t)db->pc_next);
    }
}

static const FrontendOps toy_translator = {
    .dc_size = sizeof(ToyDC),
    .init_disas_context = toy_init_dc,
    .tb_start = toy_nop,
    .insn_start = toy_insn_start,
    .translate_insn = toy_translate,
    .tb_stop = toy_tb_stop,
};

static void toy_get_tb_cpu_state(CPUCommon *cpu, uint64_t *pc, uint32_t *fl)
{
    *pc = ((ToyCPU *)cpu)->pc;
    *fl = 0;
}

static void toy_restore(CPUCommon *cpu, const uint64_t *data)
{
    ((ToyCPU *)cpu)->pc = (uint32_t)data[0];
}

static bool toy_tlb_fill(CPUCommon *cpu, uint64_t vaddr, int size,
                         MMUAccessType access, int mmu_idx, bool probe,
                         uintptr_t retaddr)
{
    tlb_set_page(cpu, vaddr, vaddr, PAGE_READ | PAGE_WRITE | PAGE_EXEC,
                 mmu_idx);
    return true;
}

static void toy_bus_error(CPUCommon *cpu, uint64_t vaddr, uint64_t paddr,
                          MMUAccessType access, int mmu_idx,
                          uintptr_t retaddr)
{
    cpu->exception_index = EXCP_TOY_UNDEF;
    cpu_loop_exit_restore(cpu, retaddr);
}

static void toy_do_interrupt(CPUCommon *cpu)
{
    ToyCPU *s = (ToyCPU *)cpu;

    /* Record where it happened and stop the machine. */
    s->undef_pc = s->pc;
    cpu->exit_code = 99;
    cpu->stopped = true;
}

static int toy_mmu_index(CPUCommon *cpu, bool ifetch)
{
    return 0;
}

static const CPUClass toy_class = {
    .name = "toy",
    .translator = &toy_translator,
    .state_size = sizeof(ToyCPU),
    .get_tb_cpu_state = toy_get_tb_cpu_state,
    .restore_state_to_opc = toy_restore,
    .tlb_fill = toy_tlb_fill,
    .do_transaction_failed = toy_bus_error,
    .do_interrupt = toy_do_interrupt,
    .mmu_index = toy_mmu_index,
};

typedef struct Toy {
    AddressSpace *as;
    TBCache *tbc;
    ToyCPU *cpu;
    uint32_t *ram;
} Toy;

static Toy toy_new_sized(const Backend *backend, size_t code_size)
{
    Toy t;

    t.as = as_new("toy");
    t.ram = (uint32_t *)as_add_ram(t.as, "ram", RAM_BASE, RAM_SIZE)->ram;
    t.tbc = tbc_new(backend, code_size);
    t.cpu = calloc(1, sizeof(ToyCPU));
    cpu_common_init(&t.cpu->common, &toy_class, t.as, t.tbc);
    t.cpu->pc = RAM_BASE;
    return t;
}

static Toy toy_new(const Backend *backend)
{
    return toy_new_sized(backend, 1 << 20);
}

static void toy_free(Toy *t)
{
    tbc_free(t->tbc);
    as_free(t->as);
    free(t->cpu);
}

static uint32_t *at(Toy *t, uint32_t addr)
{
    return &t->ram[(addr - RAM_BASE) / 4];
}

#define ADDI(a, imm) (0x10000000u | ((a) << 24) | ((imm) & 0xffff))
#define JMP(t) (0x20000000u | ((t) >> 2))
#define ST(a, b) (0x30000000u | ((a) << 24) | ((b) << 20))
#define LD(a, b) (0x40000000u | ((a) << 24) | ((b) << 20))
#define EXIT 0x50000000u
#define JR(a) (0x60000000u | ((a) << 24))
#define BNZ(a, t) (0x70000000u | ((a) << 24) | ((t) >> 2))
#define KICK(a) (0x80000000u | ((a) << 24))

/* r1 counts down from 1000 while r0 accumulates 3 per iteration. */
static void loop_program(Toy *t)
{
    uint32_t *p = at(t, RAM_BASE);

    p[0] = ADDI(1, 1000);
    p[1] = ADDI(0, 3);          /* 0x1004: loop */
    p[2] = ADDI(1, -1);
    p[3] = BNZ(1, 0x1004);
    p[4] = EXIT;
}

static const Backend *backends[] = { &interp_backend, &x86_64_backend };

TEST(tb, loop_runs_and_chains)
{
    for (int i = 0; i < 2; i++) {
        Toy t = toy_new(backends[i]);
        loop_program(&t);
        ASSERT_EQ(cpu_exec(&t.cpu->common), EXCP_EXIT);
        ASSERT_EQ(t.cpu->common.exit_code, 3000);
        ASSERT(t.cpu->common.stats.chained > 0);
        ASSERT(t.cpu->common.stats.exits < 100);
        toy_free(&t);
    }
}

TEST(tb, self_modifying_code)
{
    for (int i = 0; i < 2; i++) {
        Toy t = toy_new(backends[i]);
        uint32_t *p = at(&t, RAM_BASE);
        /* Run "r0 += 1", rewrite it to "r0 += 100", run it again. */
        p[0] = ADDI(2, 0x1010);     /* r2 = address of the patched insn */
        p[1] = ADDI(3, 1);          /* r3 = passes left */
        p[2] = JMP(0x1010);
        p[4] = ADDI(0, 1);          /* 0x1010 */
        p[5] = BNZ(3, 0x1020);
        p[6] = EXIT;
        p[8] = LD(1, 2);            /* 0x1020: r1 = the insn */
        p[9] = ADDI(1, 99);         /* its immediate 1 -> 100 */
        p[10] = ST(1, 2);
        p[11] = ADDI(3, -1);
        p[12] = JMP(0x1010);
        ASSERT_EQ(cpu_exec(&t.cpu->common), EXCP_EXIT);
        ASSERT_EQ(t.cpu->r[0], 101);
        toy_free(&t);
    }
}

TEST(tb, store_into_running_tb)
{
    for (int i = 0; i < 2; i++) {
        Toy t = toy_new(backends[i]);
        uint32_t *p = at(&t, RAM_BASE);
        /* One TB overwrites an instruction of its own that has not run
         * yet: the new instruction must run. */
        p[0] = ADDI(2, 0x100c);
        p[1] = ST(1, 2);
        p[2] = ADDI(0, 5);
        p[3] = ADDI(0, 5);          /* 0x100c: becomes "r0 += 7" */
        p[4] = EXIT;
        t.cpu->r[1] = ADDI(0, 7);
        ASSERT_EQ(cpu_exec(&t.cpu->common), EXCP_EXIT);
        ASSERT_EQ(t.cpu->r[0], 12);
        toy_free(&t);
    }
}

TEST(tb, exception_restores_pc_mid_tb)
{
    for (int i = 0; i < 2; i++) {
        Toy t = toy_new(backends[i]);
        uint32_t *p = at(&t, RAM_BASE);
        p[0] = ADDI(0, 1);
        p[1] = ADDI(2, 0x10);       /* r2 = 0x10: unmapped */
        p[2] = ADDI(0, 1);
        p[3] = LD(1, 2);            /* bus error at 0x100c */
        p[4] = EXIT;
        cpu_exec(&t.cpu->common);
        ASSERT_EQ(t.cpu->undef_pc, 0x100c);
        ASSERT_EQ(t.cpu->r[0], 2);
        toy_free(&t);
    }
}

TEST(tb, indirect_jump_and_undef)
{
    for (int i = 0; i < 2; i++) {
        Toy t = toy_new(backends[i]);
        uint32_t *p = at(&t, RAM_BASE);
        p[0] = ADDI(1, 0x1100);
        p[1] = JR(1);
        p[0x40] = ADDI(0, 42);      /* 0x1100 */
        p[0x41] = 0xf0000000u;      /* undefined at 0x1104 */
        cpu_exec(&t.cpu->common);
        ASSERT_EQ(t.cpu->r[0], 42);
        ASSERT_EQ(t.cpu->undef_pc, 0x1104);
        toy_free(&t);
    }
}

TEST(tb, indirect_jumps_stay_in_generated_code)
{
    for (int i = 0; i < 2; i++) {
        Toy t = toy_new(backends[i]);
        uint32_t *p = at(&t, RAM_BASE);
        /* A loop closed by an indirect jump, 500 times around. */
        p[0] = ADDI(1, 500);
        p[1] = ADDI(2, 0x1008);
        p[2] = ADDI(0, 2);          /* 0x1008 */
        p[3] = ADDI(1, -1);
        p[4] = BNZ(1, 0x1014);
        p[5] = EXIT;
        p[6] = JR(2);               /* 0x1018 */
        p[5] = EXIT;
        p[4] = BNZ(1, 0x1018);
        ASSERT_EQ(cpu_exec(&t.cpu->common), EXCP_EXIT);
        ASSERT_EQ(t.cpu->r[0], 1000);
        ASSERT(t.cpu->common.stats.exits < 20);
        toy_free(&t);
    }
}

TEST(tb, dma_write_invalidates_code)
{
    for (int i = 0; i < 2; i++) {
        Toy t = toy_new(backends[i]);
        uint32_t *p = at(&t, RAM_BASE);
        uint32_t patched = ADDI(0, 40);

        p[0] = ADDI(0, 2);
        p[1] = EXIT;
        ASSERT_EQ(cpu_exec(&t.cpu->common), EXCP_EXIT);
        ASSERT_EQ(t.cpu->r[0], 2);
        /* A device (not the CPU) rewrites the code: it must not run stale. */
        ASSERT(as_write_bytes(t.as, RAM_BASE, &patched, 4));
        t.cpu->pc = RAM_BASE;
        t.cpu->common.stopped = false;
        ASSERT_EQ(cpu_exec(&t.cpu->common), EXCP_EXIT);
        ASSERT_EQ(t.cpu->r[0], 42);
        toy_free(&t);
    }
}

TEST(tb, full_code_buffer_is_flushed_and_refilled)
{
    for (int i = 0; i < 2; i++) {
        /* 600 one-instruction TBs around a loop, 20 times, in a buffer
         * that holds far fewer: translation flushes and carries on. */
        Toy t = toy_new_sized(backends[i], 64 << 10);
        uint32_t *p = at(&t, RAM_BASE);
        p[0] = ADDI(1, 20);
        for (int k = 0; k < 600; k++) {
            p[1 + 2 * k] = ADDI(0, 1);
            p[2 + 2 * k] = JMP(RAM_BASE + 4 * (3 + 2 * k));
        }
        p[1201] = ADDI(1, -1);
        p[1202] = BNZ(1, RAM_BASE + 4);
        p[1203] = EXIT;
        ASSERT_EQ(cpu_exec(&t.cpu->common), EXCP_EXIT);
        ASSERT_EQ(t.cpu->r[0], 600 * 20);
        ASSERT(t.tbc->flushes > 0);
        toy_free(&t);
    }
}

TEST(tb, exit_request_in_chained_tb_restores_pc)
{
    for (int i = 0; i < 2; i++) {
        Toy t = toy_new(backends[i]);
        uint32_t *p = at(&t, RAM_BASE);
        int runs = 0;
        /* The loop runs chained; from halfway on every iteration asks the
         * CPU to return.  The TB reached by the chained jump sees the
         * request before it runs anything (the chained path stored no
         * pc), and execution must resume exactly there. */
        p[0] = ADDI(1, 100);
        p[1] = ADDI(2, 50);
        p[2] = ADDI(0, 1);          /* 0x1008: loop */
        p[3] = KICK(3);
        p[4] = JMP(0x1014);
        p[5] = ADDI(1, -1);         /* 0x1014 */
        p[6] = ADDI(2, -1);
        p[7] = BNZ(2, 0x1024);
        p[8] = ADDI(3, 1);          /* halfway: start kicking */
        p[9] = BNZ(1, 0x1008);      /* 0x1024 */
        p[10] = EXIT;
        while (cpu_exec(&t.cpu->common) == EXCP_INTERRUPT && runs < 1000) {
            runs++;
        }
        ASSERT_EQ(t.cpu->r[0], 100);
        ASSERT(runs >= 40);
        toy_free(&t);
    }
}

TEST(tb, host_pc_lookup_and_flush)
{
    Toy t = toy_new(&interp_backend);
    loop_program(&t);
    ASSERT_EQ(cpu_exec(&t.cpu->common), EXCP_EXIT);
    ASSERT(t.tbc->nb_tbs > 0);
    for (int i = 0; i < t.tbc->nb_tbs; i++) {
        TB *tb = t.tbc->tbs[i];
        ASSERT_EQ(tb_find_by_host_pc(t.tbc, (uintptr_t)tb->tc_ptr + 1), tb);
    }
    ASSERT(tb_page_has_code(t.tbc, RAM_BASE));
    tb_flush(t.tbc);
    ASSERT(!tb_page_has_code(t.tbc, RAM_BASE));
    ASSERT_EQ(t.tbc->nb_tbs, 0);
    toy_free(&t);
}

/* The broadcast TLB flushes reach every CPU of the TB cache; the local
 * ones only the caller. */
TEST(tb, tlb_flush_all_cpus_reaches_the_other_cpu)
{
    Toy t = toy_new(&interp_backend);
    ToyCPU *other = calloc(1, sizeof(ToyCPU));
    CPUCommon *a = &t.cpu->common, *b = &other->common;
    uint64_t page = RAM_BASE + 0x3000;
    const TLBEntry *ea = &a->tlb[0][tlb_index(page)];
    const TLBEntry *eb = &b->tlb[0][tlb_index(page)];

    cpu_common_init(b, &toy_class, t.as, t.tbc);
    for (int round = 0; round < 2; round++) {
        tlb_set_page(a, page, page, PAGE_READ | PAGE_WRITE, 0);
        tlb_set_page(b, page, page, PAGE_READ | PAGE_WRITE, 0);
        ASSERT_EQ(ea->addr_read, page);
        ASSERT_EQ(eb->addr_read, page);
        tlb_flush_page(a, page);
        ASSERT_EQ(ea->addr_read, (uint64_t)-1);
        ASSERT_EQ(eb->addr_read, page);
        tlb_set_page(a, page, page, PAGE_READ | PAGE_WRITE, 0);
        if (round == 0) {
            tlb_flush_page_all_cpus(a, page);
        } else {
            tlb_flush_all_cpus(a);
        }
        ASSERT_EQ(ea->addr_read, (uint64_t)-1);
        ASSERT_EQ(eb->addr_read, (uint64_t)-1);
    }
    toy_free(&t);
    free(other);
}
