/* SPDX-License-Identifier: MIT */
/*
 * A32 branches and system instructions: B/BL/BX/BLX, MRS/MSR, CPS,
 * SRS/RFE, SVC (and semihosting), BKPT, hints, barriers, MCR/MRC to the
 * minimal CP15 (cp15.c), SETEND and preload hints.  trans_* functions for
 * a32-sys.decode and a32-uncond.decode.
 */
#include "frontend/arm/internals.h"
#include "frontend/arm/translate-priv.h"

/* Decode field functions */
static int times_2(DisasContext *dc, int x)
{
    (void)dc;
    return x * 2;
}

static int times_4(DisasContext *dc, int x)
{
    (void)dc;
    return x * 4;
}

/* T16 CPS: im = 1 disables (imod 0b11), 0 enables (0b10) */
static int t16_imod(DisasContext *dc, int x)
{
    (void)dc;
    return 2 | x;
}

/* S:J1:J2:imm10:imm11 -> byte offset (I1 = !(J1 ^ S), I2 = !(J2 ^ S)) */
static int t32_branch24(DisasContext *dc, int x)
{
    (void)dc;
    if (x >= 0) {
        x ^= 3 << 21;
    }
    return x * 2;
}

#include "frontend/arm/a32-sys-decode.c.inc"
#include "frontend/arm/a32-uncond-decode.c.inc"
#include "frontend/arm/t16-sys-decode.c.inc"
#include "frontend/arm/t32-sys-decode.c.inc"

#define ARM_SEMIHOST_SVC 0x123456
#define ARM_SEMIHOST_SVC_THUMB 0xab

bool arm_decode_sys(DisasContext *dc, uint32_t insn)
{
    return decode_a32_sys(dc, insn);
}

bool arm_decode_uncond(DisasContext *dc, uint32_t insn)
{
    return decode_a32_uncond(dc, insn);
}

bool arm_decode_t16_sys(DisasContext *dc, uint32_t insn)
{
    return decode_t16_sys(dc, insn);
}

bool arm_decode_t32_sys(DisasContext *dc, uint32_t insn)
{
    return decode_t32_sys(dc, insn);
}

/* The return address BL/BLX write: the next insn (| 1 in Thumb) */
static uint32_t link_addr(DisasContext *dc)
{
    return dc->thumb ? (dc->pc_curr + (uint32_t)dc->insn_len) | 1
                     : dc->pc_curr + 4;
}

/* ---- Branches ---- */

/* imm is the byte offset from the pc read value */
static bool trans_B(DisasContext *dc, arg_i *a)
{
    gen_jmp(dc, read_pc(dc) + (uint32_t)a->imm);
    return true;
}

static bool trans_BL(DisasContext *dc, arg_i *a)
{
    ir_movi_i32(dc->f, dc->cpu_R[14], link_addr(dc));
    gen_jmp(dc, read_pc(dc) + (uint32_t)a->imm);
    return true;
}

/* Thumb conditional branch: shares the conditional-insn exit path */
static bool trans_B_cond(DisasContext *dc, arg_ci *a)
{
    if (a->cond >= 0xe) {
        return false;
    }
    if (in_it_block(dc)) {
        return unallocated_encoding(dc);
    }
    dc->condlabel = ir_label_new(dc->f);
    arm_gen_test_cc(dc, a->cond ^ 1, dc->condlabel);
    dc->condjmp = true;
    gen_jmp(dc, read_pc(dc) + (uint32_t)a->imm);
    return true;
}

static bool trans_CBZ(DisasContext *dc, arg_cbz *a)
{
    if (in_it_block(dc)) {
        return unallocated_encoding(dc);
    }
    dc->condlabel = ir_label_new(dc->f);
    ir_brcondi_i32(dc->f, a->nz ? IR_COND_EQ : IR_COND_NE,
                   dc->cpu_R[a->rn], 0, dc->condlabel);
    dc->condjmp = true;
    gen_jmp(dc, read_pc(dc) + (uint32_t)a->imm);
    return true;
}

static bool trans_IT(DisasContext *dc, arg_IT *a)
{
    if (in_it_block(dc) || (a->cond_mask >> 4) == 0xf) {
        return unallocated_encoding(dc);    /* UNPREDICTABLE */
    }
    dc->itstate = (uint32_t)a->cond_mask;
    dc->it_insn = true;
    return true;
}

/* T32 BLX (immediate): to ARM state at Align(pc, 4) + imm */
static bool trans_BLX_i_t32(DisasContext *dc, arg_i *a)
{
    uint32_t dest = (read_pc(dc) & ~3u) + (uint32_t)a->imm;
    ir_movi_i32(dc->f, dc->cpu_R[14], link_addr(dc));
    gen_bx(dc, ir_const_i32(dc->f, dest));
    return true;
}

static bool trans_UDF_t16(DisasContext *dc, arg_UDF_t16 *a)
{
    (void)a;
    return unallocated_encoding(dc);
}

static bool trans_BX(DisasContext *dc, arg_r *a)
{
    gen_bx(dc, load_reg(dc, a->rm));
    return true;
}

/* No Jazelle: BXJ behaves as BX */
static bool trans_BXJ(DisasContext *dc, arg_r *a)
{
    return trans_BX(dc, a);
}

static bool trans_BLX_r(DisasContext *dc, arg_r *a)
{
    IRTemp *t = load_reg(dc, a->rm);
    ir_movi_i32(dc->f, dc->cpu_R[14], link_addr(dc));
    gen_bx(dc, t);
    return true;
}

/* A32 BLX (immediate): to Thumb state */
static bool trans_BLX_i(DisasContext *dc, arg_blx_i *a)
{
    uint32_t dest = dc->pc_curr + 8 + ((uint32_t)a->imm << 2) +
                    ((uint32_t)a->h << 1);
    ir_movi_i32(dc->f, dc->cpu_R[14], dc->pc_curr + 4);
    gen_bx(dc, ir_const_i32(dc->f, dest | 1));
    return true;
}

/* ---- Status registers ---- */

/* The PSR bits MSR may write with this field mask in this mode */
static uint32_t msr_mask(DisasContext *dc, int fields, bool spsr)
{
    uint32_t mask = 0;
    for (int i = 0; i < 4; i++) {
        if (fields & (1 << i)) {
            mask |= 0xffu << (8 * i);
        }
    }
    if (spsr) {
        return mask;
    }
    /* Execution state bits are never written by MSR */
    mask &= ~(CPSR_T | CPSR_J | CPSR_IT);
    if (dc->user) {
        mask &= CPSR_USER;
    }
    return mask;
}

static bool gen_msr(DisasContext *dc, bool spsr, int fields, IRTemp *v)
{
    uint32_t mask = msr_mask(dc, fields, spsr);
    if (spsr) {
        if (dc->user) {
            return unallocated_encoding(dc);
        }
        IRTemp *args[2] = { v, ir_const_i32(dc->f, mask) };
        gen_helper_call(dc, &arm_helper_spsr_write, NULL, args);
        return true;
    }
    if (mask) {
        gen_cpsr_write(dc, v, mask);
    }
    return true;
}

static bool trans_MSR_reg(DisasContext *dc, arg_msr_reg *a)
{
    if (a->rn == 15) {
        return unallocated_encoding(dc);
    }
    return gen_msr(dc, a->r, a->mask, load_reg(dc, a->rn));
}

static bool trans_MSR_imm(DisasContext *dc, arg_msr_imm *a)
{
    unsigned rot = (unsigned)a->rot * 2;
    uint32_t imm = (uint32_t)a->imm;
    if (rot) {
        imm = (imm >> rot) | (imm << (32 - rot));
    }
    if (a->mask == 0 && !a->r) {
        return true;    /* unallocated hint space: NOP */
    }
    return gen_msr(dc, a->r, a->mask, ir_const_i32(dc->f, imm));
}

static bool trans_MRS(DisasContext *dc, arg_mrs *a)
{
    IRTemp *t;
    if (a->rd == 15) {
        return unallocated_encoding(dc);
    }
    if (a->r) {
        if (dc->user) {
            return unallocated_encoding(dc);
        }
        t = ir_temp_i32(dc->f);
        ir_ld(dc->f, IR_ld, IR_I32, t, dc->f->env, offsetof(ARMCPU, spsr));
    } else {
        t = gen_cpsr_read(dc);
        ir_andi_i32(dc->f, t, t, ~(CPSR_T | CPSR_J | CPSR_IT));
    }
    store_reg(dc, a->rd, t);
    return true;
}

static bool trans_CPS(DisasContext *dc, arg_cps *a)
{
    uint32_t mask = 0, val = 0;
    if (dc->user) {
        return true;    /* NOP in user mode */
    }
    if (a->imod & 2) {
        mask = (a->a ? CPSR_A : 0) | (a->i ? CPSR_I : 0) |
               (a->f ? CPSR_F : 0);
        val = (a->imod & 1) ? mask : 0;
    }
    if (a->m) {
        mask |= CPSR_M;
        val |= (uint32_t)a->mode;
    }
    if (mask) {
        gen_cpsr_write(dc, ir_const_i32(dc->f, val), mask);
    }
    return true;
}

static bool trans_SRS(DisasContext *dc, arg_srs *a)
{
    if (dc->user) {
        return unallocated_encoding(dc);
    }
    IRTemp *args[3] = { ir_const_i32(dc->f, (uint32_t)a->mode),
                        ir_const_i32(dc->f, (uint32_t)(a->p << 1 | a->u)),
                        ir_const_i32(dc->f, (uint32_t)a->w) };
    ir_movi_i32(dc->f, dc->cpu_R[15], dc->pc_curr);
    gen_helper_call(dc, &arm_helper_srs, NULL, args);
    return true;
}

static bool trans_RFE(DisasContext *dc, arg_rfe *a)
{
    IRFunc *f = dc->f;
    if (dc->user || a->rn == 15) {
        return unallocated_encoding(dc);
    }
    IRTemp *base = load_reg(dc, a->rn), *addr = ir_temp_i32(f);
    IRTemp *pc = ir_temp_i32(f), *psr = ir_temp_i32(f);
    int32_t off = (a->u ? 0 : -8) + (a->p == a->u ? 4 : 0);
    ir_addi_i32(f, addr, base, (uint32_t)off);
    gen_aa32_ld(dc, pc, addr, MO_UL | MO_ALIGN);
    ir_addi_i32(f, addr, addr, 4);
    gen_aa32_ld(dc, psr, addr, MO_UL | MO_ALIGN);
    if (a->w) {
        ir_addi_i32(f, dc->cpu_R[a->rn], base, a->u ? 8 : (uint32_t)-8);
    }
    gen_exception_return(dc, pc, psr);
    return true;
}

/* SUBS pc, lr, #imm (T32): exception return */
static bool trans_SUBS_pc_lr(DisasContext *dc, arg_i *a)
{
    IRTemp *pc = ir_temp_i32(dc->f);
    if (dc->user) {
        return unallocated_encoding(dc);
    }
    ir_subi_i32(dc->f, pc, dc->cpu_R[14], (uint32_t)a->imm);
    gen_exception_return(dc, pc, NULL);
    return true;
}

static bool trans_SETEND(DisasContext *dc, arg_setend *a)
{
    if (a->e != dc->be_data) {
        gen_cpsr_write(dc, ir_const_i32(dc->f, a->e ? CPSR_E : 0), CPSR_E);
    }
    return true;
}

/* ---- Exceptions ---- */

static bool trans_SVC(DisasContext *dc, arg_i *a)
{
    uint32_t sh = dc->thumb ? ARM_SEMIHOST_SVC_THUMB : ARM_SEMIHOST_SVC;
    if (dc->semihost && !dc->user && (uint32_t)a->imm == sh) {
        ir_movi_i32(dc->f, dc->cpu_R[15], dc->pc_curr);
        gen_helper_call(dc, &arm_helper_semihost, NULL, NULL);
        return true;
    }
    gen_exception_insn(dc, ARM_EXCP_SWI);
    return true;
}

/*
 * HVC: without the Virtualization Extensions it only reaches the board's
 * firmware services (PSCI, as QEMU's virt conduit), else it is UNDEFINED.
 * The call may stop this CPU or start others: leave the TB after it.
 */
static bool trans_HVC(DisasContext *dc, arg_i *a)
{
    (void)a;
    if (dc->user || !dc->cpu->psci_call || dc->cond != 0xe ||
        (dc->thumb && in_it_block(dc))) {
        return unallocated_encoding(dc);    /* in an IT block: UNPREDICTABLE */
    }
    ir_movi_i32(dc->f, dc->cpu_R[15], dc->pc_curr);
    gen_helper_call(dc, &arm_helper_psci, NULL, NULL);
    dc->base.is_jmp = DISAS_UPDATE_NEXT;
    return true;
}

static bool trans_BKPT(DisasContext *dc, arg_i *a)
{
    (void)a;
    if (!dc->thumb && dc->cond != 0xe) {
        return unallocated_encoding(dc);   /* UNPREDICTABLE */
    }
    gen_exception_insn(dc, ARM_EXCP_BKPT);
    return true;
}

/* ---- Hints and barriers ---- */

static bool trans_NOP(DisasContext *dc, arg_NOP *a)
{
    (void)dc, (void)a;
    return true;
}

static bool trans_SEV(DisasContext *dc, arg_SEV *a)
{
    (void)dc, (void)a;
    return true;
}

/*
 * YIELD and WFE: leave the TB and return from cpu_exec, so that with -smp
 * the board runs another CPU (a spinlock waiter in WFE lets the holder
 * progress instead of spinning out its time slice).
 */
static void gen_yield(DisasContext *dc)
{
    ir_st(dc->f, IR_st8, IR_I32, ir_const_i32(dc->f, 1), dc->f->env,
          offsetof(CPUCommon, return_request));
    dc->base.is_jmp = DISAS_UPDATE_NEXT;
}

static bool trans_YIELD(DisasContext *dc, arg_YIELD *a)
{
    (void)a;
    gen_yield(dc);
    return true;
}

static bool trans_WFE(DisasContext *dc, arg_WFE *a)
{
    (void)a;
    gen_yield(dc);
    return true;
}

static bool trans_WFI(DisasContext *dc, arg_WFI *a)
{
    (void)a;
    dc->base.is_jmp = DISAS_WFI;
    return true;
}

static bool trans_CLREX(DisasContext *dc, arg_CLREX *a)
{
    (void)a;
    ir_movi_i32(dc->f, dc->g->excl_addr, UINT32_MAX);
    return true;
}

static bool trans_DSB(DisasContext *dc, arg_DSB *a)
{
    (void)a;
    ir_mb(dc->f, 0);
    return true;
}

static bool trans_DMB(DisasContext *dc, arg_DMB *a)
{
    (void)a;
    ir_mb(dc->f, 0);
    return true;
}

/* ISB: later instructions are fetched (translated) anew */
static bool trans_ISB(DisasContext *dc, arg_ISB *a)
{
    (void)a;
    dc->base.is_jmp = DISAS_UPDATE_NEXT;
    return true;
}

static bool trans_PLD(DisasContext *dc, arg_PLD *a)
{
    (void)dc, (void)a;
    return true;
}

static bool trans_PLD_r(DisasContext *dc, arg_PLD_r *a)
{
    (void)dc, (void)a;
    return true;
}

static bool trans_PLI(DisasContext *dc, arg_PLI *a)
{
    (void)dc, (void)a;
    return true;
}

static bool trans_PLI_r(DisasContext *dc, arg_PLI_r *a)
{
    (void)dc, (void)a;
    return true;
}

/* ---- Coprocessor registers (CP15; CP14 has none here) ---- */

/* Access check shared by 32- and 64-bit accesses; -1: UNDEFINED */
static int cp_check(DisasContext *dc, uint32_t key, bool read)
{
    int fl = arm_cp_lookup(dc->cpu, key);
    if (fl < 0 || (read && (fl & ARM_CP_WO)) || (!read && (fl & ARM_CP_RO)) ||
        (dc->user && !(fl & (read ? ARM_CP_PL0_R : ARM_CP_PL0_W)))) {
        return -1;
    }
    return fl;
}

/* MRC/MCR of a plain-storage register (TPIDRPRW, ...) without a helper */
static bool gen_cp_field(DisasContext *dc, arg_mcr *a, bool read, int off,
                         uint32_t wmask)
{
    IRFunc *f = dc->f;
    IRTemp *t = ir_temp_i32(f);

    if (read) {
        ir_ld(f, IR_ld, IR_I32, t, f->env, off);
        if (a->rt == 15) {
            gen_cpsr_write(dc, t, CPSR_NZCV);
        } else {
            store_reg(dc, a->rt, t);
        }
        return true;
    }
    if (wmask == 0xffffffffu) {
        ir_st(f, IR_st, IR_I32, load_reg(dc, a->rt), f->env, off);
        return true;
    }
    IRTemp *v = ir_temp_i32(f);
    ir_ld(f, IR_ld, IR_I32, t, f->env, off);
    ir_andi_i32(f, t, t, ~wmask);
    ir_andi_i32(f, v, load_reg(dc, a->rt), wmask);
    ir_or_i32(f, t, t, v);
    ir_st(f, IR_st, IR_I32, t, f->env, off);
    return true;
}

static bool gen_cp_access(DisasContext *dc, arg_mcr *a, bool read)
{
    uint32_t key = ARM_CP_KEY(a->cp, a->opc1, a->crn, a->crm, a->opc2);
    int fl = (a->cp == 15 || a->cp == 14) ? cp_check(dc, key, read) : -1;
    if (fl < 0) {
        log_mask(LOG_UNIMP, "arm: %s p%d, %d, r%d, c%d, c%d, %d at 0x%08x: "
                 "UNDEFINED\n", read ? "mrc" : "mcr", a->cp, a->opc1, a->rt,
                 a->crn, a->crm, a->opc2, dc->pc_curr);
        return unallocated_encoding(dc);
    }
    uint32_t wmask;
    int off = arm_cp_field(dc->cpu, key, &wmask);
    if (off >= 0) {
        return gen_cp_field(dc, a, read, off, wmask);
    }
    IRTemp *k = ir_const_i32(dc->f, key);
    if (read) {
        IRTemp *t = ir_temp_i32(dc->f);
        gen_helper_call(dc, &arm_helper_cp_read, t, &k);
        if (a->rt == 15) {
            gen_cpsr_write(dc, t, CPSR_NZCV);
        } else {
            store_reg(dc, a->rt, t);
        }
        return true;
    }
    if (fl & ARM_CP_NOP) {
        return true;
    }
    IRTemp *args[2] = { k, load_reg(dc, a->rt) };
    gen_helper_call(dc, &arm_helper_cp_write, NULL, args);
    if (fl & ARM_CP_END_TB) {
        dc->base.is_jmp = DISAS_UPDATE_NEXT;
    }
    return true;
}

static bool gen_cp_access64(DisasContext *dc, arg_mcrr *a, bool read)
{
    IRFunc *f = dc->f;
    uint32_t key = ARM_CP_KEY64(a->cp, a->opc1, a->crm);
    int fl = (a->cp == 15) ? cp_check(dc, key, read) : -1;
    if (fl < 0 || a->rt == 15 || a->rt2 == 15 || (read && a->rt == a->rt2)) {
        log_mask(LOG_UNIMP, "arm: %s p%d, %d, c%d at 0x%08x: UNDEFINED\n",
                 read ? "mrrc" : "mcrr", a->cp, a->opc1, a->crm, dc->pc_curr);
        return unallocated_encoding(dc);
    }
    IRTemp *k = ir_const_i32(f, key), *v = ir_temp_i64(f);
    if (read) {
        IRTemp *lo = ir_temp_i32(f), *hi = ir_temp_i32(f);
        gen_helper_call(dc, &arm_helper_cp_read64, v, &k);
        ir_extrl_i64_i32(f, lo, v);
        ir_extrh_i64_i32(f, hi, v);
        store_reg(dc, a->rt, lo);
        store_reg(dc, a->rt2, hi);
        return true;
    }
    IRTemp *h = ir_temp_i64(f);
    ir_extu_i32_i64(f, v, load_reg_ro(dc, a->rt));
    ir_extu_i32_i64(f, h, load_reg_ro(dc, a->rt2));
    ir_shli_i64(f, h, h, 32);
    ir_or_i64(f, v, v, h);
    IRTemp *args[2] = { k, v };
    gen_helper_call(dc, &arm_helper_cp_write64, NULL, args);
    if (fl & ARM_CP_END_TB) {
        dc->base.is_jmp = DISAS_UPDATE_NEXT;
    }
    return true;
}

static bool trans_MCRR(DisasContext *dc, arg_mcrr *a)
{
    return gen_cp_access64(dc, a, false);
}

static bool trans_MRRC(DisasContext *dc, arg_mcrr *a)
{
    return gen_cp_access64(dc, a, true);
}

static bool trans_MCR(DisasContext *dc, arg_mcr *a)
{
    return gen_cp_access(dc, a, false);
}

static bool trans_MRC(DisasContext *dc, arg_mcr *a)
{
    return gen_cp_access(dc, a, true);
}
