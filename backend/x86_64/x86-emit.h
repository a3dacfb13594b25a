/* SPDX-License-Identifier: MIT */
/*
 * The x86-64 instruction encoder: plain functions that append one machine
 * instruction to an X86Code buffer.  The code generator (x86-*.c) calls
 * them; tests/unit/x86_64_emit_test.c checks each form through capstone.
 *
 *   X86Code c = { buf, buf, buf + size };
 *   x86_alu_rr(&c, X86_ADD, true, X86_RAX, X86_RBX);    -- add rax, rbx
 *   x86_mov_rm(&c, false, X86_RCX, X86_RBP, -1, 0, 16); -- mov ecx, [rbp+16]
 *
 * Callers make sure there is room (X86_MAX_INSN bytes per instruction).
 */
#ifndef BACKEND_X86_64_X86_EMIT_H
#define BACKEND_X86_64_X86_EMIT_H

#include <stdbool.h>
#include <stdint.h>

typedef struct X86Code {
    uint8_t *start;
    uint8_t *ptr;
    uint8_t *end;
} X86Code;

#define X86_MAX_INSN 16

enum {
    X86_RAX, X86_RCX, X86_RDX, X86_RBX, X86_RSP, X86_RBP, X86_RSI, X86_RDI,
    X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
    X86_NB_REGS
};

/* Group-1 arithmetic (the /digit of 0x81, and opcode base >> 3) */
enum { X86_ADD, X86_OR, X86_ADC, X86_SBB, X86_AND, X86_SUB, X86_XOR,
       X86_CMP };
/* Group-2 shifts and rotates */
enum { X86_ROL = 0, X86_ROR = 1, X86_SHL = 4, X86_SHR = 5, X86_SAR = 7 };
/* Group-3 unary ops on 0xF7 */
enum { X86_NOT = 2, X86_NEG = 3, X86_MUL = 4, X86_IMUL1 = 5 };
/* Condition codes (low nibble of Jcc/SETcc/CMOVcc) */
enum {
    X86_CC_O, X86_CC_NO, X86_CC_B, X86_CC_AE, X86_CC_E, X86_CC_NE,
    X86_CC_BE, X86_CC_A, X86_CC_S, X86_CC_NS, X86_CC_P, X86_CC_NP,
    X86_CC_L, X86_CC_GE, X86_CC_LE, X86_CC_G
};

/* Opcode flags for x86_op_* (ORed with the opcode byte) */
enum {
    P_0F = 0x100,       /* 0x0F escape */
    P_66 = 0x200,       /* operand-size prefix (16-bit) */
    P_W = 0x400,        /* REX.W (64-bit) */
    P_BYTE = 0x800,     /* byte register: force REX for spl..dil */
    P_F3 = 0x1000,      /* F3 prefix (lzcnt, tzcnt) */
    P_0F38 = 0x2000,    /* 0x0F 0x38 escape (movbe) */
};

static inline uint32_t x86_pw(bool w64)
{
    return w64 ? P_W : 0;
}

static inline bool x86_fits_i8(int64_t v)
{
    return v == (int8_t)v;
}

static inline bool x86_fits_i32(int64_t v)
{
    return v == (int32_t)v;
}

static inline void x86_byte(X86Code *c, uint8_t b)
{
    *c->ptr++ = b;
}

void x86_emit32(X86Code *c, uint32_t v);
void x86_emit64(X86Code *c, uint64_t v);

/* Generic forms: opc | P_* flags, r is the modrm reg field (or /digit). */
void x86_op(X86Code *c, uint32_t opc, int r, int rm);    /* no modrm */
void x86_op_rr(X86Code *c, uint32_t opc, int r, int rm);
/* Memory operand [base + index << shift + disp]; base/index -1 if none. */
void x86_op_rm(X86Code *c, uint32_t opc, int r, int base, int index,
               int shift, int32_t disp);
/* RIP-relative operand to an absolute target (within +-2 GiB). */
void x86_op_rip(X86Code *c, uint32_t opc, int r, const void *target);

/* Moves */
void x86_mov_rr(X86Code *c, bool w64, int d, int s);
void x86_movi(X86Code *c, bool w64, int d, uint64_t v);  /* no flags */
void x86_mov_rm(X86Code *c, bool w64, int d, int base, int index,
                int shift, int32_t disp);   /* load */
void x86_mov_mr(X86Code *c, bool w64, int s, int base, int index,
                int shift, int32_t disp);   /* store */
/* Store an immediate of 1, 2, 4 or 8 (sign-extended imm32) bytes. */
void x86_mov_mi(X86Code *c, int size, int base, int32_t disp, int32_t v);
void x86_lea(X86Code *c, bool w64, int d, int base, int index, int shift,
             int32_t disp);
void x86_movzx8(X86Code *c, int d, int s);      /* d32 = (uint8)s */
void x86_movzx16(X86Code *c, int d, int s);
void x86_movsx8(X86Code *c, bool w64, int d, int s);
void x86_movsx16(X86Code *c, bool w64, int d, int s);
void x86_movsxd(X86Code *c, int d, int s);

/* Arithmetic */
void x86_alu_rr(X86Code *c, int op, bool w64, int d, int s);
void x86_alu_ri(X86Code *c, int op, bool w64, int d, int32_t imm);
void x86_test_rr(X86Code *c, bool w64, int a, int b);
void x86_shift_ri(X86Code *c, int op, bool w64, int d, int count);
void x86_shift_cl(X86Code *c, int op, bool w64, int d);
void x86_unary(X86Code *c, int op, bool w64, int d);    /* group 3 */
void x86_imul_rr(X86Code *c, bool w64, int d, int s);
void x86_imul_rri(X86Code *c, bool w64, int d, int s, int32_t imm);
void x86_bswap(X86Code *c, bool w64, int d);
void x86_rol16_8(X86Code *c, int d);     /* swap the low two bytes */
void x86_setcc(X86Code *c, int cc, int d);
void x86_cmov(X86Code *c, int cc, bool w64, int d, int s);
void x86_xchg(X86Code *c, bool w64, int a, int b);
/* BMI forms (VEX, map 0F38): d = op(s, v).  pp: 0 none, 1 66, 2 F3, 3 F2 */
void x86_vex_0f38(X86Code *c, int opc, int pp, bool w64, int d, int v, int s);
static inline void x86_shlx(X86Code *c, bool w64, int d, int s, int cnt)
{
    x86_vex_0f38(c, 0xf7, 1, w64, d, cnt, s);
}
static inline void x86_sarx(X86Code *c, bool w64, int d, int s, int cnt)
{
    x86_vex_0f38(c, 0xf7, 2, w64, d, cnt, s);
}
static inline void x86_shrx(X86Code *c, bool w64, int d, int s, int cnt)
{
    x86_vex_0f38(c, 0xf7, 3, w64, d, cnt, s);
}
/* d = ~a & b */
static inline void x86_andn(X86Code *c, bool w64, int d, int a, int b)
{
    x86_vex_0f38(c, 0xf2, 0, w64, d, a, b);
}

/* Control flow: returns the offset of the rel32 field for patching. */
uint8_t *x86_jcc32(X86Code *c, int cc, const uint8_t *target);
uint8_t *x86_jmp32(X86Code *c, const uint8_t *target);
void x86_jcc(X86Code *c, int cc, const uint8_t *target);  /* short if can */
void x86_jmp(X86Code *c, const uint8_t *target);
void x86_jmp_r(X86Code *c, int r);
void x86_call(X86Code *c, const void *target);  /* rel32 or via rax */
void x86_push(X86Code *c, int r);
void x86_pop(X86Code *c, int r);
void x86_ret(X86Code *c);
void x86_nops(X86Code *c, int n);               /* n = 1..3 bytes */
void x86_patch_rel32(uint8_t *field, const uint8_t *target);

#endif
