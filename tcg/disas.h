/* SPDX-License-Identifier: MIT */
/*
 * Disassembly for the -d logs through capstone: guest code (in_asm) with
 * the frontend's arch/mode, host code (out_asm) for the JIT.
 */
#ifndef TCG_DISAS_H
#define TCG_DISAS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Print one line per instruction; undecodable bytes are shown as .byte. */
void disas_print(FILE *out, int cs_arch, int cs_mode, const uint8_t *code,
                 size_t size, uint64_t addr);
/* Host x86-64 code. */
void disas_host(FILE *out, const uint8_t *code, size_t size);

#endif
