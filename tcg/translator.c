/* SPDX-License-Identifier: MIT */
/*
 * The generic translator loop (see translator.h): per TB it emits the
 * exit-request check, then asks the frontend for one instruction at a time
 * until it ends the TB, the instruction limit is reached or the next
 * instruction is on another guest page.
 */
#include <stddef.h>
#include <string.h>

#include "hw/core/log.h"
#include "tcg/disas.h"
#include "tcg/softmmu.h"
#include "tcg/translator.h"

/* Largest DisasContext a frontend may declare. */
#define DC_MAX_SIZE 1024

static bool tb_full(const DisasBase *db)
{
    if (db->num_insns >= db->max_insns) {
        return true;
    }
    /* Keep IR small enough to translate cheaply. */
    return db->f->nb_ops > 4000;
}

static void log_in_asm(const FrontendOps *ops, DisasBase *db)
{
    int arch = 0, mode = 0;
    FILE *out = log_out();

    fprintf(out, "IN: pc=0x%llx\n", (unsigned long long)db->pc_first);
    if (ops->disas_mode) {
        ops->disas_mode(db, &arch, &mode);
        disas_print(out, arch, mode,
                    db->host + (db->pc_first & ~GUEST_PAGE_MASK),
                    db->pc_next - db->pc_first, db->pc_first);
    }
    fputc('\n', out);
}

void translator_loop(CPUCommon *cpu, TB *tb, IRFunc *f, const void *host)
{
    const FrontendOps *ops = cpu->cc->translator;
    _Alignas(16) unsigned char dcbuf[DC_MAX_SIZE];
    DisasBase *db = (DisasBase *)dcbuf;
    unsigned count = tb->cflags & CF_COUNT_MASK;
    IRLabel *exit_label = ir_label_new(f);
    IRTemp *req = ir_temp_i32(f);

    if (ops->dc_size > sizeof(dcbuf)) {
        die("frontend DisasContext too large (%zu)", ops->dc_size);
    }
    memset(dcbuf, 0, ops->dc_size);
    db->tb = tb;
    db->cpu = cpu;
    db->f = f;
    db->pc_first = db->pc_next = tb->pc;
    db->is_jmp = DISAS_NEXT;
    db->max_insns = count ? (int)count : TB_MAX_INSNS;
    db->flags = tb->flags;
    db->host = (const uint8_t *)host - (tb->pc & ~GUEST_PAGE_MASK);
    ops->init_disas_context(db, cpu);

    ir_ld(f, IR_ld, IR_I32, req, f->env, offsetof(CPUCommon, exit_request));
    ir_brcondi_i32(f, IR_COND_NE, req, 0, exit_label);
    ops->tb_start(db, cpu);
    for (;;) {
        ops->insn_start(db, cpu);
        db->num_insns++;
        ops->translate_insn(db, cpu);
        if (db->is_jmp != DISAS_NEXT) {
            break;
        }
        if (tb_full(db) || ((db->pc_next ^ db->pc_first) & GUEST_PAGE_MASK)) {
            db->is_jmp = DISAS_TOO_MANY;
            break;
        }
    }
    ops->tb_stop(db, cpu);
    ir_set_label(f, exit_label);
    ir_exit_tb(f, (uintptr_t)tb | TB_EXIT_REQUESTED);
    tb->size = db->pc_next - db->pc_first;
    tb->icount = db->num_insns;
    if (log_enabled(LOG_IN_ASM)) {
        log_in_asm(ops, db);
    }
}

/*
 * Host pointer to guest code at pc on the TB's page, or NULL.  An
 * instruction that straddles into the next page is fetched through the
 * soft-MMU, but only the first page is tracked for self-modifying code:
 * frontends end the TB before such an instruction when they can.
 */
static const uint8_t *code_ptr(DisasBase *db, uint64_t pc, unsigned size)
{
    if (((pc ^ db->pc_first) & GUEST_PAGE_MASK) ||
        (pc & ~GUEST_PAGE_MASK) + size > GUEST_PAGE_SIZE) {
        return NULL;
    }
    return db->host + (pc & ~GUEST_PAGE_MASK);
}

uint32_t translator_ldl(DisasBase *db, uint64_t pc, bool big_endian)
{
    const uint8_t *p = code_ptr(db, pc, 4);
    uint32_t v;

    if (!p) {
        return softmmu_ldl_code(db->cpu, pc, big_endian ? MO_BE : 0);
    }
    memcpy(&v, p, 4);
    return big_endian ? __builtin_bswap32(v) : v;
}

uint16_t translator_lduw(DisasBase *db, uint64_t pc, bool big_endian)
{
    const uint8_t *p = code_ptr(db, pc, 2);
    uint16_t v;

    if (!p) {
        return softmmu_lduw_code(db->cpu, pc, big_endian ? MO_BE : 0);
    }
    memcpy(&v, p, 2);
    return big_endian ? __builtin_bswap16(v) : v;
}

bool translator_use_goto_tb(DisasBase *db, uint64_t dest)
{
    if (db->tb->cflags & (CF_NO_CHAIN | CF_TRANSIENT)) {
        return false;
    }
    return ((db->pc_first ^ dest) & GUEST_PAGE_MASK) == 0;
}

const IRHelper tcg_helper_lookup_tb_ptr = {
    .name = "lookup_tb_ptr",
    .func = (void *)helper_lookup_tb_ptr,
    .flags = IR_CALL_NO_WRITE_GLOBALS,
    .ret = IR_I64,
    .nargs = 1,
    .args = { IR_I64 },
};

/* tb = cpu->jmp_cache[jc_hash(pc)], as IR. */
static IRTemp *gen_jc_entry(IRFunc *f, IRTemp *pc)
{
    IRType t = pc->type;
    IRTemp *a = ir_temp_new(f, t, IR_TEMP_EBB);
    IRTemp *b = ir_temp_new(f, t, IR_TEMP_EBB);
    IRTemp *idx = ir_temp_i64(f);
    IRTemp *tb = ir_temp_i64(f);

    ir_emit2(f, IR_shr, t, a, pc, ir_const(f, t, 2));
    ir_emit2(f, IR_shr, t, b, pc, ir_const(f, t, 2 + JC_BITS));
    ir_emit2(f, IR_xor, t, a, a, b);
    ir_emit2(f, IR_and, t, a, a, ir_const(f, t, JC_SIZE - 1));
    if (t == IR_I32) {
        ir_extu_i32_i64(f, idx, a);
    } else {
        ir_mov_i64(f, idx, a);
    }
    ir_shli_i64(f, idx, idx, 3);
    ir_add_i64(f, idx, idx, f->env);
    ir_ld(f, IR_ld, IR_I64, tb, idx, offsetof(CPUCommon, jmp_cache));
    return tb;
}

void translator_gen_lookup_and_goto_ptr(DisasBase *db, IRTemp *pc,
                                        IRTemp *flags)
{
    IRFunc *f = db->f;
    IRLabel *miss = ir_label_new(f);
    IRTemp *ptr = ir_temp_i64(f);

    /* Logging wants every TB to pass through the exec loop. */
    if (!(log_level_mask & (LOG_EXEC | LOG_CPU))) {
        IRType t = pc->type;
        IRTemp *tb = gen_jc_entry(f, pc);
        IRTemp *v = ir_temp_new(f, t, IR_TEMP_EBB);
        IRTemp *w = ir_temp_i32(f);

        ir_brcond(f, IR_I64, IR_COND_EQ, tb, ir_const_i64(f, 0), miss);
        ir_ld(f, IR_ld, t, v, tb, offsetof(TB, pc));
        ir_brcond(f, t, IR_COND_NE, v, pc, miss);
        ir_ld(f, IR_ld, IR_I32, w, tb, offsetof(TB, flags));
        ir_brcond(f, IR_I32, IR_COND_NE, w, flags, miss);
        ir_ld(f, IR_ld, IR_I32, w, tb, offsetof(TB, cflags));
        ir_brcondi_i32(f, IR_COND_NE, w, 0, miss);
        ir_ld(f, IR_ld, IR_I64, ptr, tb, offsetof(TB, tc_ptr));
        ir_goto_ptr(f, ptr);
        ir_set_label(f, miss);
    }
    ir_call(f, &tcg_helper_lookup_tb_ptr, ptr, &f->env);
    ir_goto_ptr(f, ptr);
}
