/* SPDX-License-Identifier: MIT */
/*
 * What a host backend provides (backend/README.md has the details).  Two
 * exist: x86_64 (the JIT) and interp (portable bytecode through libffi,
 * the reference the JIT is checked against).  Both write into the TB
 * cache's code buffer, so host-pc lookup, chaining and insn restore work
 * the same for both.
 */
#ifndef TCG_BACKEND_H
#define TCG_BACKEND_H

#include <stddef.h>
#include <stdint.h>

#include "tcg/ir.h"
#include "tcg/tb.h"

typedef struct Backend {
    const char *name;
    /* Create the backend context; emit the prologue/epilogue at buf and
     * return its size in *used.  NULL on failure. */
    void *(*init)(uint8_t *buf, size_t size, size_t *used);
    void (*fini)(void *ctx);
    /*
     * Generate code for f (optimized, liveness done) at buf.  Fill
     * tb->jmp_reset_offset/jmp_insn_offset for goto_tb slots, and
     * insn_off[i] with the host offset where insn i's code begins.
     * Returns bytes used, or -1 if size is too small.
     */
    int (*gen_code)(void *ctx, IRFunc *f, TB *tb, uint8_t *buf, size_t size,
                    uint32_t *insn_off);
    /* Run from tb until an exit_tb; returns its value. */
    uintptr_t (*exec)(void *ctx, CPUCommon *cpu, TB *tb);
    /* Point goto_tb slot n of tb at host address target. */
    void (*set_jmp_target)(void *ctx, TB *tb, int n, uintptr_t target);
    /* Write host disassembly of [buf, buf+size) (capstone), if possible. */
    void (*disas)(FILE *out, const uint8_t *buf, size_t size);
} Backend;

extern const Backend x86_64_backend;
extern const Backend interp_backend;

#endif
