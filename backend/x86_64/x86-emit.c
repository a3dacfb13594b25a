/* SPDX-License-Identifier: MIT */
/*
 * x86-64 encoder: prefixes, REX, ModRM/SIB and the handful of instruction
 * forms the JIT uses.  Pure byte emission, no allocation or state beyond
 * the X86Code cursor.  See x86-emit.h for the interface.
 */
#include <string.h>

#include "backend/x86_64/x86-emit.h"

void x86_emit32(X86Code *c, uint32_t v)
{
    memcpy(c->ptr, &v, 4);
    c->ptr += 4;
}

void x86_emit64(X86Code *c, uint64_t v)
{
    memcpy(c->ptr, &v, 8);
    c->ptr += 8;
}

/* Prefixes, REX and opcode bytes.  rx/ix/bx: the reg, index, base fields. */
static void x86_opcode(X86Code *c, uint32_t opc, int rx, int ix, int bx,
                       bool byte_regs)
{
    int rex = 0;

    if (opc & P_66) {
        x86_byte(c, 0x66);
    }
    if (opc & P_F3) {
        x86_byte(c, 0xf3);
    }
    if (opc & P_W) {
        rex |= 8;
    }
    rex |= (rx & 8) >> 1;
    rex |= (ix & 8) >> 2;
    rex |= (bx & 8) >> 3;
    if (rex || byte_regs) {
        x86_byte(c, 0x40 | rex);
    }
    if (opc & (P_0F | P_0F38)) {
        x86_byte(c, 0x0f);
    }
    if (opc & P_0F38) {
        x86_byte(c, 0x38);
    }
    x86_byte(c, opc & 0xff);
}

static bool x86_is_byte_reg_hi(int r)
{
    return r >= 4 && r < 8;
}

void x86_op(X86Code *c, uint32_t opc, int r, int rm)
{
    bool byte = (opc & P_BYTE) && x86_is_byte_reg_hi(rm);
    x86_opcode(c, opc, r < 0 ? 0 : r, 0, rm < 0 ? 0 : rm, byte);
}

void x86_op_rr(X86Code *c, uint32_t opc, int r, int rm)
{
    bool byte = (opc & P_BYTE) &&
                (x86_is_byte_reg_hi(r) || x86_is_byte_reg_hi(rm));
    x86_opcode(c, opc, r, 0, rm, byte);
    x86_byte(c, 0xc0 | (r & 7) << 3 | (rm & 7));
}

static void x86_modrm_disp(X86Code *c, int mod_rm_reg, int rm, int32_t disp,
                           bool need_disp)
{
    if (disp == 0 && !need_disp) {
        x86_byte(c, mod_rm_reg | rm);
    } else if (x86_fits_i8(disp)) {
        x86_byte(c, 0x40 | mod_rm_reg | rm);
        x86_byte(c, (uint8_t)disp);
    } else {
        x86_byte(c, 0x80 | mod_rm_reg | rm);
        x86_emit32(c, (uint32_t)disp);
    }
}

void x86_op_rm(X86Code *c, uint32_t opc, int r, int base, int index,
               int shift, int32_t disp)
{
    bool byte = (opc & P_BYTE) && x86_is_byte_reg_hi(r);
    int reg = (r & 7) << 3;

    x86_opcode(c, opc, r, index < 0 ? 0 : index, base < 0 ? 0 : base, byte);
    if (base < 0) {
        /* [index << shift + disp32] or [disp32] */
        x86_byte(c, reg | 4);
        x86_byte(c, shift << 6 | (index < 0 ? 4 : index & 7) << 3 | 5);
        x86_emit32(c, (uint32_t)disp);
    } else if (index < 0 && (base & 7) != X86_RSP) {
        x86_modrm_disp(c, reg, base & 7, disp, (base & 7) == X86_RBP);
    } else {
        uint8_t sib = shift << 6 | (index < 0 ? 4 : index & 7) << 3 |
                      (base & 7);
        if (disp == 0 && (base & 7) != X86_RBP) {
            x86_byte(c, reg | 4);
            x86_byte(c, sib);
        } else if (x86_fits_i8(disp)) {
            x86_byte(c, 0x44 | reg);
            x86_byte(c, sib);
            x86_byte(c, (uint8_t)disp);
        } else {
            x86_byte(c, 0x84 | reg);
            x86_byte(c, sib);
            x86_emit32(c, (uint32_t)disp);
        }
    }
}

void x86_op_rip(X86Code *c, uint32_t opc, int r, const void *target)
{
    x86_opcode(c, opc, r, 0, 0, false);
    x86_byte(c, (r & 7) << 3 | 5);
    x86_emit32(c, (uint32_t)((const uint8_t *)target - (c->ptr + 4)));
}

/* ---- Moves ---- */

void x86_mov_rr(X86Code *c, bool w64, int d, int s)
{
    x86_op_rr(c, 0x8b | x86_pw(w64), d, s);
}

void x86_movi(X86Code *c, bool w64, int d, uint64_t v)
{
    if (!w64 || v == (uint32_t)v) {
        x86_op(c, 0xb8 + (d & 7), 0, d);        /* mov r32, imm32 */
        x86_emit32(c, (uint32_t)v);
    } else if (x86_fits_i32((int64_t)v)) {
        x86_op_rr(c, 0xc7 | P_W, 0, d);         /* mov r64, simm32 */
        x86_emit32(c, (uint32_t)v);
    } else {
        x86_op(c, (0xb8 + (d & 7)) | P_W, 0, d); /* movabs */
        x86_emit64(c, v);
    }
}

void x86_mov_rm(X86Code *c, bool w64, int d, int base, int index,
                int shift, int32_t disp)
{
    x86_op_rm(c, 0x8b | x86_pw(w64), d, base, index, shift, disp);
}

void x86_mov_mr(X86Code *c, bool w64, int s, int base, int index,
                int shift, int32_t disp)
{
    x86_op_rm(c, 0x89 | x86_pw(w64), s, base, index, shift, disp);
}

void x86_mov_mi(X86Code *c, int size, int base, int32_t disp, int32_t v)
{
    switch (size) {
    case 1:
        x86_op_rm(c, 0xc6, 0, base, -1, 0, disp);
        x86_byte(c, (uint8_t)v);
        break;
    case 2:
        x86_op_rm(c, 0xc7 | P_66, 0, base, -1, 0, disp);
        x86_byte(c, (uint8_t)v);
        x86_byte(c, (uint8_t)(v >> 8));
        break;
    default:
        x86_op_rm(c, 0xc7 | x86_pw(size == 8), 0, base, -1, 0, disp);
        x86_emit32(c, (uint32_t)v);
        break;
    }
}

void x86_lea(X86Code *c, bool w64, int d, int base, int index, int shift,
             int32_t disp)
{
    x86_op_rm(c, 0x8d | x86_pw(w64), d, base, index, shift, disp);
}

void x86_movzx8(X86Code *c, int d, int s)
{
    x86_op_rr(c, 0xb6 | P_0F | P_BYTE, d, s);
}

void x86_movzx16(X86Code *c, int d, int s)
{
    x86_op_rr(c, 0xb7 | P_0F, d, s);
}

void x86_movsx8(X86Code *c, bool w64, int d, int s)
{
    x86_op_rr(c, 0xbe | P_0F | P_BYTE | x86_pw(w64), d, s);
}

void x86_movsx16(X86Code *c, bool w64, int d, int s)
{
    x86_op_rr(c, 0xbf | P_0F | x86_pw(w64), d, s);
}

void x86_movsxd(X86Code *c, int d, int s)
{
    x86_op_rr(c, 0x63 | P_W, d, s);
}

/* ---- Arithmetic ---- */

void x86_alu_rr(X86Code *c, int op, bool w64, int d, int s)
{
    x86_op_rr(c, (op << 3 | 3) | x86_pw(w64), d, s);
}

void x86_alu_ri(X86Code *c, int op, bool w64, int d, int32_t imm)
{
    if (x86_fits_i8(imm)) {
        x86_op_rr(c, 0x83 | x86_pw(w64), op, d);
        x86_byte(c, (uint8_t)imm);
    } else {
        x86_op_rr(c, 0x81 | x86_pw(w64), op, d);
        x86_emit32(c, (uint32_t)imm);
    }
}

void x86_test_rr(X86Code *c, bool w64, int a, int b)
{
    x86_op_rr(c, 0x85 | x86_pw(w64), b, a);
}

void x86_shift_ri(X86Code *c, int op, bool w64, int d, int count)
{
    if (count == 1) {
        x86_op_rr(c, 0xd1 | x86_pw(w64), op, d);
    } else {
        x86_op_rr(c, 0xc1 | x86_pw(w64), op, d);
        x86_byte(c, (uint8_t)count);
    }
}

void x86_shift_cl(X86Code *c, int op, bool w64, int d)
{
    x86_op_rr(c, 0xd3 | x86_pw(w64), op, d);
}

void x86_unary(X86Code *c, int op, bool w64, int d)
{
    x86_op_rr(c, 0xf7 | x86_pw(w64), op, d);
}

void x86_imul_rr(X86Code *c, bool w64, int d, int s)
{
    x86_op_rr(c, 0xaf | P_0F | x86_pw(w64), d, s);
}

void x86_imul_rri(X86Code *c, bool w64, int d, int s, int32_t imm)
{
    if (x86_fits_i8(imm)) {
        x86_op_rr(c, 0x6b | x86_pw(w64), d, s);
        x86_byte(c, (uint8_t)imm);
    } else {
        x86_op_rr(c, 0x69 | x86_pw(w64), d, s);
        x86_emit32(c, (uint32_t)imm);
    }
}

void x86_bswap(X86Code *c, bool w64, int d)
{
    x86_op(c, (0xc8 + (d & 7)) | P_0F | x86_pw(w64), 0, d);
}

void x86_rol16_8(X86Code *c, int d)
{
    x86_op_rr(c, 0xc1 | P_66, X86_ROL, d);
    x86_byte(c, 8);
}

void x86_setcc(X86Code *c, int cc, int d)
{
    x86_op_rr(c, (0x90 + cc) | P_0F | P_BYTE, 0, d);
}

void x86_cmov(X86Code *c, int cc, bool w64, int d, int s)
{
    x86_op_rr(c, (0x40 + cc) | P_0F | x86_pw(w64), d, s);
}

void x86_xchg(X86Code *c, bool w64, int a, int b)
{
    x86_op_rr(c, 0x87 | x86_pw(w64), a, b);
}

void x86_vex_0f38(X86Code *c, int opc, int pp, bool w64, int d, int v, int s)
{
    x86_byte(c, 0xc4);
    x86_byte(c, (uint8_t)((~d & 8) << 4 | 0x40 | (~s & 8) << 2 | 0x02));
    x86_byte(c, (uint8_t)((w64 ? 0x80 : 0) | (~v & 15) << 3 | pp));
    x86_byte(c, (uint8_t)opc);
    x86_byte(c, (uint8_t)(0xc0 | (d & 7) << 3 | (s & 7)));
}

/* ---- Control flow ---- */

void x86_patch_rel32(uint8_t *field, const uint8_t *target)
{
    uint32_t rel = (uint32_t)(target - (field + 4));
    memcpy(field, &rel, 4);
}

uint8_t *x86_jcc32(X86Code *c, int cc, const uint8_t *target)
{
    uint8_t *field;

    x86_byte(c, 0x0f);
    x86_byte(c, 0x80 + cc);
    field = c->ptr;
    x86_emit32(c, 0);
    x86_patch_rel32(field, target ? target : c->ptr);
    return field;
}

uint8_t *x86_jmp32(X86Code *c, const uint8_t *target)
{
    uint8_t *field;

    x86_byte(c, 0xe9);
    field = c->ptr;
    x86_emit32(c, 0);
    x86_patch_rel32(field, target ? target : c->ptr);
    return field;
}

void x86_jcc(X86Code *c, int cc, const uint8_t *target)
{
    int64_t rel = target - (c->ptr + 2);

    if (x86_fits_i8(rel)) {
        x86_byte(c, 0x70 + cc);
        x86_byte(c, (uint8_t)rel);
    } else {
        x86_jcc32(c, cc, target);
    }
}

void x86_jmp(X86Code *c, const uint8_t *target)
{
    int64_t rel = target - (c->ptr + 2);

    if (x86_fits_i8(rel)) {
        x86_byte(c, 0xeb);
        x86_byte(c, (uint8_t)rel);
    } else {
        x86_jmp32(c, target);
    }
}

void x86_jmp_r(X86Code *c, int r)
{
    x86_op_rr(c, 0xff, 4, r);
}

void x86_call(X86Code *c, const void *target)
{
    int64_t rel = (const uint8_t *)target - (c->ptr + 5);

    if (x86_fits_i32(rel)) {
        x86_byte(c, 0xe8);
        x86_emit32(c, (uint32_t)rel);
    } else {
        x86_movi(c, true, X86_RAX, (uintptr_t)target);
        x86_op_rr(c, 0xff, 2, X86_RAX);
    }
}

void x86_push(X86Code *c, int r)
{
    x86_op(c, 0x50 + (r & 7), 0, r);
}

void x86_pop(X86Code *c, int r)
{
    x86_op(c, 0x58 + (r & 7), 0, r);
}

void x86_ret(X86Code *c)
{
    x86_byte(c, 0xc3);
}

void x86_nops(X86Code *c, int n)
{
    static const uint8_t nop2[] = { 0x66, 0x90 };
    static const uint8_t nop3[] = { 0x0f, 0x1f, 0x00 };

    if (n == 1) {
        x86_byte(c, 0x90);
    } else if (n == 2) {
        memcpy(c->ptr, nop2, 2);
        c->ptr += 2;
    } else if (n == 3) {
        memcpy(c->ptr, nop3, 3);
        c->ptr += 3;
    }
}
