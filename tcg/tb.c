/* SPDX-License-Identifier: MIT */
/*
 * The TB cache: code buffer, lookup (jump cache -> physical hash), per-page
 * lists for self-modifying code, chaining and invalidation.
 *
 *   TB *tb = tb_lookup(cpu, pc, flags, 0);     -- translate on a miss
 *   tb_add_jump(tbc, prev, n, tb);             -- chain prev's slot n
 *   tb_invalidate_phys_range(tbc, pa, pa + 4); -- a store hit code
 *
 * A code-buffer allocation holds [TB][host code][insn table]; TBs are kept
 * in allocation order so a host pc maps to its TB by binary search.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "hw/core/log.h"
#include "tcg/backend.h"
#include "tcg/ir.h"
#include "tcg/softmmu.h"
#include "tcg/tb.h"
#include "tcg/translator.h"

#define TB_HASH_BITS 16
#define TB_PAGE_BITS 12

/*
 * Map the code buffer just below the program text when the kernel lets us,
 * so generated code reaches helpers with direct rel32 calls.
 */
static uint8_t *code_mmap(size_t size)
{
    uintptr_t text = (uintptr_t)&code_mmap & ~(uintptr_t)0xfffff;
    uintptr_t hint = text > size + (64u << 20) ? text - size - (64u << 20)
                                               : 0;
    int prot = PROT_READ | PROT_WRITE | PROT_EXEC;
    int flags = MAP_PRIVATE | MAP_ANONYMOUS;
    uint8_t *p = mmap((void *)hint, size, prot, flags, -1, 0);

    if (p != MAP_FAILED && hint && (uintptr_t)p != hint) {
        munmap(p, size);
        p = mmap(NULL, size, prot, flags, -1, 0);
    }
    return p;
}

TBCache *tbc_new(const Backend *backend, size_t code_size)
{
    TBCache *tbc = calloc(1, sizeof(*tbc));
    size_t used = 0;

    if (!tbc) {
        return NULL;
    }
    tbc->backend = backend;
    tbc->code_size = code_size;
    tbc->code_buf = code_mmap(code_size);
    if (tbc->code_buf == MAP_FAILED) {
        error_report("cannot map %zu bytes of code buffer", code_size);
        free(tbc);
        return NULL;
    }
    tbc->backend_ctx = backend->init(tbc->code_buf, code_size, &used);
    if (!tbc->backend_ctx) {
        error_report("backend %s failed to initialise", backend->name);
        tbc_free(tbc);
        return NULL;
    }
    tbc->code_gen_start = tbc->code_buf + ((used + 63) & ~(size_t)63);
    tbc->code_used = tbc->code_gen_start - tbc->code_buf;
    tbc->hash_bits = TB_HASH_BITS;
    tbc->hash = calloc((size_t)1 << TB_HASH_BITS, sizeof(TB *));
    tbc->page_bits = TB_PAGE_BITS;
    tbc->pages = calloc((size_t)1 << TB_PAGE_BITS, sizeof(TBPage *));
    tbc->ir = ir_func_new();
    return tbc;
}

static void tbc_free_pages(TBCache *tbc)
{
    for (unsigned i = 0; i < (1u << tbc->page_bits); i++) {
        TBPage *p = tbc->pages[i];
        while (p) {
            TBPage *next = p->next;
            free(p);
            p = next;
        }
        tbc->pages[i] = NULL;
    }
}

void tbc_free(TBCache *tbc)
{
    if (!tbc) {
        return;
    }
    if (tbc->backend_ctx && tbc->backend->fini) {
        tbc->backend->fini(tbc->backend_ctx);
    }
    if (tbc->pages) {
        tbc_free_pages(tbc);
    }
    munmap(tbc->code_buf, tbc->code_size);
    free(tbc->pages);
    free(tbc->hash);
    free(tbc->tbs);
    free(tbc->cpus);
    if (tbc->ir) {
        ir_func_free(tbc->ir);
    }
    free(tbc);
}

void tbc_add_cpu(TBCache *tbc, CPUCommon *cpu)
{
    tbc->cpus = realloc(tbc->cpus, (tbc->nb_cpus + 1) * sizeof(*tbc->cpus));
    tbc->cpus[tbc->nb_cpus++] = cpu;
    cpu->tbc = tbc;
}

static unsigned tb_hash(const TBCache *tbc, uint64_t phys_pc, uint32_t flags)
{
    uint64_t h = (phys_pc >> 1) * 0x9e3779b97f4a7c15ull ^ flags;
    return (unsigned)(h >> (64 - tbc->hash_bits));
}

static unsigned page_hash(const TBCache *tbc, uint64_t phys_page)
{
    uint64_t h = (phys_page >> GUEST_PAGE_BITS) * 0x9e3779b97f4a7c15ull;
    return (unsigned)(h >> (64 - tbc->page_bits));
}

static TBPage *page_find(TBCache *tbc, uint64_t phys_page, bool create)
{
    TBPage **head = &tbc->pages[page_hash(tbc, phys_page)];

    for (TBPage *p = *head; p; p = p->next) {
        if (p->phys_page == phys_page) {
            return p;
        }
    }
    if (!create) {
        return NULL;
    }
    TBPage *p = calloc(1, sizeof(*p));
    p->phys_page = phys_page;
    p->next = *head;
    *head = p;
    return p;
}

bool tb_page_has_code(TBCache *tbc, uint64_t phys_page)
{
    TBPage *p = page_find(tbc, phys_page & GUEST_PAGE_MASK, false);
    return p && p->first;
}

static void tb_link_page(TBCache *tbc, TB *tb)
{
    uint64_t page = tb->phys_pc & GUEST_PAGE_MASK;
    TBPage *p = page_find(tbc, page, true);

    if (!p->first) {
        for (int i = 0; i < tbc->nb_cpus; i++) {
            tlb_protect_code(tbc->cpus[i], page);
        }
    }
    tb->page_next = p->first;
    p->first = tb;
}

static void tb_unlink_page(TBCache *tbc, TB *tb)
{
    TBPage *p = page_find(tbc, tb->phys_pc & GUEST_PAGE_MASK, false);

    for (TB **pp = p ? &p->first : NULL; pp && *pp; pp = &(*pp)->page_next) {
        if (*pp == tb) {
            *pp = tb->page_next;
            return;
        }
    }
}

static void tb_unlink_hash(TBCache *tbc, TB *tb)
{
    TB **pp = &tbc->hash[tb_hash(tbc, tb->phys_pc, tb->flags)];

    for (; *pp; pp = &(*pp)->hash_next) {
        if (*pp == tb) {
            *pp = tb->hash_next;
            return;
        }
    }
}

/* Remove (tb, n) from the incoming list of tb->jmp_dest[n]. */
static void tb_unlink_outgoing(TB *tb, int n)
{
    TB *dest = tb->jmp_dest[n];
    uintptr_t me = (uintptr_t)tb | n;

    for (uintptr_t *pp = &dest->jmp_incoming; *pp;) {
        TB *src = (TB *)(*pp & ~(uintptr_t)TB_EXIT_MASK);
        int sn = *pp & TB_EXIT_MASK;
        if (*pp == me) {
            *pp = src->jmp_next[sn];
            break;
        }
        pp = &src->jmp_next[sn];
    }
    tb->jmp_dest[n] = NULL;
}

/* Reset every jump chained into tb back to its unchained path. */
static void tb_reset_incoming(TBCache *tbc, TB *tb)
{
    uintptr_t e = tb->jmp_incoming;

    while (e) {
        TB *src = (TB *)(e & ~(uintptr_t)TB_EXIT_MASK);
        int n = e & TB_EXIT_MASK;
        e = src->jmp_next[n];
        tbc->backend->set_jmp_target(
            tbc->backend_ctx, src, n,
            (uintptr_t)src->tc_ptr + src->jmp_reset_offset[n]);
        src->jmp_dest[n] = NULL;
        src->jmp_next[n] = 0;
    }
    tb->jmp_incoming = 0;
}

static void tb_invalidate(TBCache *tbc, TB *tb)
{
    tb->invalid = true;
    tb_unlink_hash(tbc, tb);
    tb_unlink_page(tbc, tb);
    for (int i = 0; i < tbc->nb_cpus; i++) {
        TB **slot = &tbc->cpus[i]->jmp_cache[jc_hash(tb->pc)];
        if (*slot == tb) {
            *slot = NULL;
        }
    }
    for (int n = 0; n < 2; n++) {
        if (tb->jmp_dest[n]) {
            tb_unlink_outgoing(tb, n);
        }
    }
    tb_reset_incoming(tbc, tb);
}

void tb_invalidate_phys_range(TBCache *tbc, uint64_t start, uint64_t end)
{
    for (uint64_t page = start & GUEST_PAGE_MASK; page < end;
         page += GUEST_PAGE_SIZE) {
        TBPage *p = page_find(tbc, page, false);
        TB *tb = p ? p->first : NULL;
        while (tb) {
            TB *next = tb->page_next;
            if (tb->phys_pc < end && tb->phys_pc + tb->size > start) {
                tb_invalidate(tbc, tb);
            }
            tb = next;
        }
    }
}

void tb_flush(TBCache *tbc)
{
    memset(tbc->hash, 0, sizeof(TB *) << tbc->hash_bits);
    tbc_free_pages(tbc);
    for (int i = 0; i < tbc->nb_cpus; i++) {
        CPUCommon *cpu = tbc->cpus[i];
        memset(cpu->jmp_cache, 0, sizeof(cpu->jmp_cache));
        cpu->tb_exit_last = 0;
        /* Pages lose their code: writes may go fast again. */
        tlb_flush(cpu);
    }
    tbc->nb_tbs = 0;
    tbc->code_used = tbc->code_gen_start - tbc->code_buf;
    tbc->flushes++;
}

TB *tb_find_by_host_pc(TBCache *tbc, uintptr_t host_pc)
{
    int lo = 0, hi = tbc->nb_tbs - 1;

    if (host_pc < (uintptr_t)tbc->code_gen_start ||
        host_pc >= (uintptr_t)tbc->code_buf + tbc->code_used) {
        return NULL;
    }
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        TB *tb = tbc->tbs[mid];
        if (host_pc < (uintptr_t)tb->tc_ptr) {
            hi = mid - 1;
        } else if (host_pc >= (uintptr_t)tb->tc_ptr + tb->tc_size) {
            lo = mid + 1;
        } else {
            return tb;
        }
    }
    return NULL;
}

void tb_add_jump(TBCache *tbc, TB *tb, int n, TB *next)
{
    if (tb->jmp_dest[n] || tb->invalid || next->invalid ||
        (tb->cflags & (CF_NO_CHAIN | CF_TRANSIENT))) {
        return;
    }
    tbc->backend->set_jmp_target(tbc->backend_ctx, tb, n,
                                 (uintptr_t)next->tc_ptr);
    tb->jmp_dest[n] = next;
    tb->jmp_next[n] = next->jmp_incoming;
    next->jmp_incoming = (uintptr_t)tb | n;
}

static TB *tb_hash_lookup(TBCache *tbc, uint64_t phys_pc, uint64_t pc,
                          uint32_t flags, uint32_t cflags)
{
    for (TB *tb = tbc->hash[tb_hash(tbc, phys_pc, flags)]; tb;
         tb = tb->hash_next) {
        if (tb->phys_pc == phys_pc && tb->pc == pc && tb->flags == flags &&
            tb->cflags == cflags) {
            return tb;
        }
    }
    return NULL;
}

static void *code_alloc(TBCache *tbc, size_t size, size_t align)
{
    size_t off = (tbc->code_used + align - 1) & ~(align - 1);

    if (off + size > tbc->code_size) {
        return NULL;
    }
    tbc->code_used = off + size;
    return tbc->code_buf + off;
}

static void tb_record(TBCache *tbc, TB *tb)
{
    if (tbc->nb_tbs == tbc->cap_tbs) {
        tbc->cap_tbs = tbc->cap_tbs ? tbc->cap_tbs * 2 : 4096;
        tbc->tbs = realloc(tbc->tbs, tbc->cap_tbs * sizeof(TB *));
    }
    tbc->tbs[tbc->nb_tbs++] = tb;
}

/* Copy insn_start data and host offsets into the TB's insn table. */
static bool tb_store_insns(TBCache *tbc, TB *tb, const IRFunc *f,
                           const uint32_t *insn_off)
{
    int k = 0;

    tb->insns = code_alloc(tbc, sizeof(TBInsnInfo) * (f->nb_insns + 1), 8);
    if (!tb->insns) {
        return false;
    }
    for (int i = 0; i < f->nb_ops && k < f->nb_insns; i++) {
        const IROp *op = &f->ops[i];
        if (op->opc == IR_insn_start) {
            tb->insns[k].host_off = insn_off[k];
            tb->insns[k].data[0] = op->args[0];
            tb->insns[k].data[1] = op->args[1];
            k++;
        }
    }
    tb->icount = k;
    return true;
}

static void tb_log(CPUCommon *cpu, TB *tb, IRFunc *f, const char *what)
{
    FILE *out = log_out();
    fprintf(out, "%s TB pc=0x%llx flags=0x%x:\n", what,
            (unsigned long long)tb->pc, tb->flags);
    ir_print(out, f);
    fputc('\n', out);
}

static void tb_log_host(TBCache *tbc, TB *tb)
{
    FILE *out = log_out();
    fprintf(out, "OUT: [size=%u] TB pc=0x%llx\n", tb->tc_size,
            (unsigned long long)tb->pc);
    if (tbc->backend->disas) {
        tbc->backend->disas(out, tb->tc_ptr, tb->tc_size);
    }
    fputc('\n', out);
}

/* -d stats: count helper calls with a counter increment before each. */
static void tb_count_calls(IRFunc *f)
{
    int32_t off = offsetof(CPUCommon, stats.helper_calls);

    for (int i = 0; i < f->nb_ops; i++) {
        if (f->ops[i].opc != IR_call) {
            continue;
        }
        IRTemp *t = ir_temp_i64(f);
        IROp *op = ir_insert_before(f, i, IR_ld, IR_I64);
        op->args[0] = (uintptr_t)t;
        op->args[1] = (uintptr_t)f->env;
        op->args[2] = (uintptr_t)off;
        op = ir_insert_before(f, i + 1, IR_add, IR_I64);
        op->args[0] = (uintptr_t)t;
        op->args[1] = (uintptr_t)t;
        op->args[2] = (uintptr_t)ir_const_i64(f, 1);
        op = ir_insert_before(f, i + 2, IR_st, IR_I64);
        op->args[0] = (uintptr_t)t;
        op->args[1] = (uintptr_t)f->env;
        op->args[2] = (uintptr_t)off;
        i += 3;
    }
}

/*
 * Translate and generate host code into the buffer; NULL if it does not
 * fit.  The TB is allocated first: exits embed its address.
 */
static TB *tb_translate(CPUCommon *cpu, const TB *proto, const void *host)
{
    TBCache *tbc = cpu->tbc;
    IRFunc *f = tbc->ir;
    TB *tb = code_alloc(tbc, sizeof(TB), 64);
    uint32_t *insn_off;
    int n;

    if (!tb) {
        return NULL;
    }
    *tb = *proto;
    ir_func_reset(f);
    translator_loop(cpu, tb, f, host);
    if (log_enabled(LOG_STATS)) {
        tb_count_calls(f);
    }
    if (log_enabled(LOG_OP)) {
        tb_log(cpu, tb, f, "OP");
    }
    ir_optimize(f);
    ir_liveness(f);
    if (log_enabled(LOG_OP_OPT)) {
        tb_log(cpu, tb, f, "OP after optimization and liveness");
    }
    insn_off = calloc(f->nb_insns + 1, sizeof(uint32_t));
    tb->tc_ptr = tbc->code_buf + tbc->code_used;
    n = tbc->backend->gen_code(tbc->backend_ctx, f, tb, tb->tc_ptr,
                               tbc->code_size - tbc->code_used, insn_off);
    if (n >= 0) {
        tb->tc_size = n;
        tbc->code_used += n;
        if (!tb_store_insns(tbc, tb, f, insn_off)) {
            n = -1;
        }
    }
    free(insn_off);
    return n >= 0 ? tb : NULL;
}

static TB *tb_gen_code(CPUCommon *cpu, uint64_t pc, uint32_t flags,
                       uint32_t cflags)
{
    TBCache *tbc = cpu->tbc;
    void *host;
    TB proto = { .pc = pc, .flags = flags, .cflags = cflags };
    TB *tb;

    /* May raise a prefetch abort: nothing is allocated yet. */
    proto.phys_pc = softmmu_code_phys(cpu, pc, &host);
    tb = tb_translate(cpu, &proto, host);
    if (!tb) {
        tb_flush(tbc);
        tb = tb_translate(cpu, &proto, host);
        if (!tb) {
            die("translation block at 0x%llx does not fit the code buffer",
                (unsigned long long)pc);
        }
    }
    tb_record(tbc, tb);
    if (!(cflags & CF_TRANSIENT)) {
        TB **head = &tbc->hash[tb_hash(tbc, tb->phys_pc, flags)];
        tb->hash_next = *head;
        *head = tb;
        tb_link_page(tbc, tb);
    }
    cpu->stats.tbs++;
    if (log_enabled(LOG_OUT_ASM)) {
        tb_log_host(tbc, tb);
    }
    return tb;
}

TB *tb_lookup(CPUCommon *cpu, uint64_t pc, uint32_t flags, uint32_t cflags)
{
    TB **slot = &cpu->jmp_cache[jc_hash(pc)];
    TB *tb = *slot;
    void *host;

    if (tb && tb->pc == pc && tb->flags == flags && tb->cflags == cflags) {
        return tb;
    }
    if (!(cflags & CF_TRANSIENT)) {
        uint64_t phys = softmmu_code_phys(cpu, pc, &host);
        tb = tb_hash_lookup(cpu->tbc, phys, pc, flags, cflags);
        if (tb) {
            *slot = tb;
            return tb;
        }
    }
    tb = tb_gen_code(cpu, pc, flags, cflags);
    if (!(cflags & CF_TRANSIENT)) {
        *slot = tb;
    }
    return tb;
}

const void *helper_lookup_tb_ptr(CPUCommon *cpu)
{
    uint64_t pc;
    uint32_t flags;
    TB *tb;

    if (cpu->exit_request || cpu->cflags_next_tb ||
        (log_level_mask & (LOG_EXEC | LOG_CPU))) {
        return NULL;    /* back to the loop, which logs every TB */
    }
    cpu->cc->get_tb_cpu_state(cpu, &pc, &flags);
    tb = cpu->jmp_cache[jc_hash(pc)];
    if (tb && tb->pc == pc && tb->flags == flags && tb->cflags == 0) {
        return tb->tc_ptr;
    }
    return NULL;
}
