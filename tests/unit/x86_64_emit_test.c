/* SPDX-License-Identifier: MIT */
/*
 * Encoder tests for backend/x86_64/x86-emit.c: each case encodes a few
 * instructions and compares capstone's disassembly of the bytes with the
 * expected text ("mnemonic operands; ...").  Covers REX, SIB/disp edge
 * cases (rsp/rbp/r12/r13 bases), byte registers and every form the JIT
 * emits.
 */
#include <stdlib.h>
#include <string.h>

#include <capstone/capstone.h>

#include "backend/x86_64/x86-emit.h"
#include "tests/test.h"

static uint8_t emit_buf[8192];

static X86Code emit_begin(void)
{
    X86Code c = { emit_buf, emit_buf, emit_buf + 256 };
    return c;
}

/* Disassemble [emit_buf, c->ptr) as "insn; insn" (at address 0x1000). */
static const char *dis(const X86Code *c)
{
    static char out[1024];
    csh h;
    cs_insn *insn;
    size_t n, len = (size_t)(c->ptr - c->start), pos = 0, used = 0;

    out[0] = 0;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK) {
        return "capstone?";
    }
    n = cs_disasm(h, c->start, len, 0x1000, 0, &insn);
    for (size_t i = 0; i < n; i++) {
        pos += (size_t)snprintf(out + pos, sizeof(out) - pos, "%s%s%s%s",
                                i ? "; " : "", insn[i].mnemonic,
                                insn[i].op_str[0] ? " " : "",
                                insn[i].op_str);
        used += insn[i].size;
    }
    if (n) {
        cs_free(insn, n);
    }
    cs_close(&h);
    if (used != len) {
        snprintf(out + pos, sizeof(out) - pos, " <%zu undecoded bytes>",
                 len - used);
    }
    return out;
}

TEST(x86_emit, moves)
{
    X86Code c = emit_begin();
    x86_mov_rr(&c, true, X86_RAX, X86_R12);
    x86_mov_rr(&c, false, X86_R9, X86_RSI);
    x86_movi(&c, false, X86_R15, 0x12345678);
    x86_movi(&c, true, X86_RBX, 0xffffffffffffff00ull);
    x86_movi(&c, true, X86_RCX, 0x123456789aull);
    x86_movi(&c, true, X86_RDX, 0x80000000u);
    ASSERT_STR_EQ(dis(&c), "mov rax, r12; mov r9d, esi; mov r15d, 0x12345678; "
                  "mov rbx, -0x100; movabs rcx, 0x123456789a; "
                  "mov edx, 0x80000000");
}

TEST(x86_emit, memory_operands)
{
    X86Code c = emit_begin();
    x86_mov_rm(&c, true, X86_RAX, X86_RBP, -1, 0, 0);
    x86_mov_rm(&c, false, X86_RAX, X86_RSP, -1, 0, 8);
    x86_mov_rm(&c, true, X86_R8, X86_R12, -1, 0, 0x1000);
    x86_mov_rm(&c, true, X86_RAX, X86_R13, -1, 0, 0);
    x86_mov_mr(&c, true, X86_R11, X86_RBP, X86_R9, 0, 0x8018);
    x86_mov_mr(&c, false, X86_RCX, X86_RBX, X86_RDX, 3, -8);
    x86_lea(&c, true, X86_RDI, X86_RSI, -1, 0, 3);
    x86_lea(&c, false, X86_RAX, X86_RBX, X86_R14, 0, 0);
    ASSERT_STR_EQ(dis(&c),
                  "mov rax, qword ptr [rbp]; mov eax, dword ptr [rsp + 8]; "
                  "mov r8, qword ptr [r12 + 0x1000]; "
                  "mov rax, qword ptr [r13]; "
                  "mov qword ptr [rbp + r9 + 0x8018], r11; "
                  "mov dword ptr [rbx + rdx*8 - 8], ecx; "
                  "lea rdi, [rsi + 3]; lea eax, [rbx + r14]");
}

TEST(x86_emit, store_immediates)
{
    X86Code c = emit_begin();
    x86_mov_mi(&c, 1, X86_RBP, 4, 0x7f);
    x86_mov_mi(&c, 2, X86_RSP, 0x200, 0x1234);
    x86_mov_mi(&c, 4, X86_R13, -4, -1);
    x86_mov_mi(&c, 8, X86_RBP, 16, -2);
    ASSERT_STR_EQ(dis(&c), "mov byte ptr [rbp + 4], 0x7f; "
                  "mov word ptr [rsp + 0x200], 0x1234; "
                  "mov dword ptr [r13 - 4], 0xffffffff; "
                  "mov qword ptr [rbp + 0x10], -2");
}

TEST(x86_emit, extensions)
{
    X86Code c = emit_begin();
    x86_movzx8(&c, X86_RAX, X86_RSI);
    x86_movzx8(&c, X86_RAX, X86_RBX);
    x86_movzx16(&c, X86_R10, X86_R11);
    x86_movsx8(&c, true, X86_RCX, X86_RDI);
    x86_movsx16(&c, false, X86_RDX, X86_RAX);
    x86_movsxd(&c, X86_R8, X86_R9);
    ASSERT_STR_EQ(dis(&c), "movzx eax, sil; movzx eax, bl; movzx r10d, r11w; "
                  "movsx rcx, dil; movsx edx, ax; movsxd r8, r9d");
}

TEST(x86_emit, arithmetic)
{
    X86Code c = emit_begin();
    x86_alu_rr(&c, X86_ADD, true, X86_RAX, X86_RBX);
    x86_alu_rr(&c, X86_SUB, false, X86_R8, X86_RCX);
    x86_alu_ri(&c, X86_AND, false, X86_RDX, 0x7fe0);
    x86_alu_ri(&c, X86_CMP, true, X86_R15, -1);
    x86_alu_ri(&c, X86_XOR, true, X86_RSP, 0x1000);
    x86_test_rr(&c, false, X86_RSI, X86_RSI);
    x86_imul_rr(&c, true, X86_RAX, X86_R9);
    x86_imul_rri(&c, false, X86_RCX, X86_RDX, 10);
    x86_imul_rri(&c, true, X86_RCX, X86_RDX, 1000);
    ASSERT_STR_EQ(dis(&c), "add rax, rbx; sub r8d, ecx; and edx, 0x7fe0; "
                  "cmp r15, -1; xor rsp, 0x1000; test esi, esi; "
                  "imul rax, r9; imul ecx, edx, 0xa; imul rcx, rdx, 0x3e8");
}

TEST(x86_emit, shifts_unary)
{
    X86Code c = emit_begin();
    x86_shift_ri(&c, X86_SHL, true, X86_RAX, 1);
    x86_shift_ri(&c, X86_SAR, false, X86_R12, 7);
    x86_shift_ri(&c, X86_ROR, true, X86_RBX, 13);
    x86_shift_cl(&c, X86_SHR, false, X86_RDI);
    x86_shift_cl(&c, X86_ROL, true, X86_R9);
    x86_unary(&c, X86_NEG, true, X86_RCX);
    x86_unary(&c, X86_NOT, false, X86_R10);
    x86_unary(&c, X86_MUL, true, X86_RBX);
    x86_unary(&c, X86_IMUL1, false, X86_RSI);
    ASSERT_STR_EQ(dis(&c), "shl rax, 1; sar r12d, 7; ror rbx, 0xd; "
                  "shr edi, cl; rol r9, cl; neg rcx; not r10d; mul rbx; "
                  "imul esi");
}

TEST(x86_emit, bit_ops)
{
    X86Code c = emit_begin();
    x86_bswap(&c, false, X86_RAX);
    x86_bswap(&c, true, X86_R13);
    x86_rol16_8(&c, X86_RDX);
    x86_setcc(&c, X86_CC_L, X86_RSI);
    x86_setcc(&c, X86_CC_E, X86_R9);
    x86_cmov(&c, X86_CC_AE, true, X86_RAX, X86_RBX);
    x86_cmov(&c, X86_CC_E, false, X86_R8, X86_RCX);
    x86_xchg(&c, true, X86_RSI, X86_RDX);
    x86_op_rr(&c, 0xbd | P_0F | P_W, X86_RAX, X86_RCX);
    x86_op_rr(&c, 0xbd | P_0F | P_F3, X86_RAX, X86_RCX);
    x86_op_rr(&c, 0xbc | P_0F | P_F3 | P_W, X86_R11, X86_RCX);
    ASSERT_STR_EQ(dis(&c), "bswap eax; bswap r13; rol dx, 8; setl sil; "
                  "sete r9b; cmovae rax, rbx; cmove r8d, ecx; "
                  "xchg rdx, rsi; bsr rax, rcx; lzcnt eax, ecx; "
                  "tzcnt r11, rcx");
}

TEST(x86_emit, byte_and_word_stores)
{
    X86Code c = emit_begin();
    x86_op_rm(&c, 0x88 | P_BYTE, X86_RSI, X86_R13, X86_RBX, 0, 0);
    x86_op_rm(&c, 0x88 | P_BYTE, X86_RAX, X86_RDI, -1, 0, 1);
    x86_op_rm(&c, 0x89 | P_66, X86_R8, X86_RBP, -1, 0, 2);
    x86_op_rr(&c, 0x88 | P_BYTE, X86_RDI, X86_RBX);
    ASSERT_STR_EQ(dis(&c), "mov byte ptr [r13 + rbx], sil; "
                  "mov byte ptr [rdi + 1], al; "
                  "mov word ptr [rbp + 2], r8w; mov bl, dil");
}

TEST(x86_emit, control_flow)
{
    X86Code c = emit_begin();
    uint8_t *start = c.ptr, *field;
    x86_jcc(&c, X86_CC_NE, start);              /* short backward */
    x86_jmp(&c, start);
    field = x86_jcc32(&c, X86_CC_B, NULL);
    x86_patch_rel32(field, start + 0x1000);
    x86_jmp32(&c, start + 0x40);
    x86_jmp_r(&c, X86_R11);
    x86_push(&c, X86_R15);
    x86_pop(&c, X86_RBX);
    x86_ret(&c);
    x86_nops(&c, 1);
    x86_nops(&c, 2);
    x86_nops(&c, 3);
    ASSERT_STR_EQ(dis(&c), "jne 0x1000; jmp 0x1000; jb 0x2000; jmp 0x1040; "
                  "jmp r11; push r15; pop rbx; ret; nop; nop; nop dword ptr "
                  "[rax]");
}

TEST(x86_emit, call_and_rip)
{
    X86Code c = emit_begin();
    x86_call(&c, emit_buf + 0x80);
    x86_op_rip(&c, 0x8d | P_W, X86_RCX, emit_buf + 0x20);
    ASSERT_STR_EQ(dis(&c), "call 0x1080; lea rcx, [rip + 0x14]");
}

TEST(x86_emit, far_call_goes_through_rax)
{
    X86Code c = emit_begin();
    x86_call(&c, (void *)0x7f0000000000ull);
    /* only when the target is out of rel32 range of the buffer */
    if ((uintptr_t)emit_buf > 0x7f0000000000ull - 0x7fffffffull) {
        SKIP("buffer is within 2 GiB of the fake target");
    }
    ASSERT_STR_EQ(dis(&c), "movabs rax, 0x7f0000000000; call rax");
}

TEST(x86_emit, bmi_vex_forms)
{
    X86Code c = emit_begin();
    x86_shlx(&c, false, X86_RAX, X86_RBX, X86_RCX);
    x86_shrx(&c, true, X86_R9, X86_R12, X86_R15);
    x86_sarx(&c, true, X86_RDX, X86_R8, X86_RSI);
    x86_andn(&c, false, X86_R10, X86_RDI, X86_R11);
    x86_andn(&c, true, X86_RAX, X86_R13, X86_RBX);
    ASSERT_STR_EQ(dis(&c), "shlx eax, ebx, ecx; shrx r9, r12, r15; "
                  "sarx rdx, r8, rsi; andn r10d, edi, r11d; "
                  "andn rax, r13, rbx");
}

TEST(x86_emit, movbe)
{
    X86Code c = emit_begin();
    x86_op_rm(&c, 0xf0 | P_0F38, X86_RAX, X86_R12, X86_RBX, 0, 0);
    x86_op_rm(&c, 0xf0 | P_0F38 | P_W, X86_R9, X86_RSI, X86_RDI, 0, 0);
    x86_op_rm(&c, 0xf1 | P_0F38 | P_66, X86_RDX, X86_R13, X86_R8, 0, 0);
    x86_op_rm(&c, 0xf1 | P_0F38, X86_R10, X86_RBX, X86_RCX, 0, 0);
    ASSERT_STR_EQ(dis(&c), "movbe eax, dword ptr [r12 + rbx]; "
                  "movbe r9, qword ptr [rsi + rdi]; "
                  "movbe word ptr [r13 + r8], dx; "
                  "movbe dword ptr [rbx + rcx], r10d");
}
