/* SPDX-License-Identifier: MIT */
/* capstone glue for the -d in_asm / out_asm logs (see disas.h). */
#include <capstone/capstone.h>
#include <inttypes.h>

#include "tcg/disas.h"

static void print_bytes(FILE *out, const uint8_t *code, size_t size,
                        uint64_t addr)
{
    for (size_t i = 0; i < size; i++) {
        fprintf(out, "0x%08" PRIx64 ":  .byte 0x%02x\n", addr + i, code[i]);
    }
}

void disas_print(FILE *out, int arch, int mode, const uint8_t *code,
                 size_t size, uint64_t addr)
{
    csh h;
    cs_insn *insn;

    if (cs_open((cs_arch)arch, (cs_mode)mode, &h) != CS_ERR_OK) {
        print_bytes(out, code, size, addr);
        return;
    }
    cs_option(h, CS_OPT_SKIPDATA, CS_OPT_ON);
    size_t n = cs_disasm(h, code, size, addr, 0, &insn);
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "0x%08" PRIx64 ":  %-8s %s\n", insn[i].address,
                insn[i].mnemonic, insn[i].op_str);
    }
    if (n) {
        cs_free(insn, n);
    }
    cs_close(&h);
}

void disas_host(FILE *out, const uint8_t *code, size_t size)
{
    disas_print(out, CS_ARCH_X86, CS_MODE_64, code, size,
                (uint64_t)(uintptr_t)code);
}
