/* SPDX-License-Identifier: MIT */
/*
 * Private to the interpreter backend: the bytecode encoding shared by the
 * generator (interp-gen.c), the executor (interp-exec.c) and the backend
 * glue (interp.c).  See backend/interp/README.md for the design.
 *
 * Bytecode is a stream of 32-bit words in the TB cache's code buffer: an
 * opcode (IOP_*) followed by its operands.  A temp operand is an IREF: a
 * byte offset from one of the bases below, tagged in the low two bits.
 */
#ifndef BACKEND_INTERP_INTERP_H
#define BACKEND_INTERP_INTERP_H

#include <ffi.h>
#include <stdint.h>
#include <stdio.h>

#include "tcg/backend.h"

typedef enum InterpOp {
#define IOP(name, words) IOP_##name,
#include "backend/interp/interp-ops.def"
#undef IOP
    IOP_NB_OPS
} InterpOp;

extern const uint8_t interp_op_words[IOP_NB_OPS];
extern const char *const interp_op_names[IOP_NB_OPS];

/* Bases of an IREF: frame slots, env (globals), code buffer (constants) */
enum { IREF_FRAME = 0, IREF_ENV = 1, IREF_CODE = 2 };
#define IREF(off, base) (((uint32_t)(off) << 2) | (base))
#define IREF_BASE(r) ((r) & 3)
#define IREF_OFF(r) ((r) >> 2)
/* Offsets have 30 bits: the code buffer must be smaller than this. */
#define INTERP_MAX_CODE_SIZE ((size_t)1 << 30)

/* Frame: slot 0 holds env; the others hold a TB's temps (reused). */
#define INTERP_FRAME_SLOTS 4096

/* qemu_ld/qemu_st flags word */
enum { IQ_D64 = 1, IQ_A64 = 2 };

/*
 * IOP_call layout: opcode, helper (InterpHelper *, two words: low, high),
 * nargs, result IREF (0 when void), then nargs argument IREFs.
 */
#define INTERP_CALL_WORDS(nargs) (5 + (nargs))

/* A helper prepared for libffi; one per IRHelper, owned by the ctx. */
typedef struct InterpHelper {
    const IRHelper *h;
    void *func;
    uint8_t ret;                /* IRType */
    uint8_t nargs;
    ffi_cif cif;
    ffi_type *atypes[IR_MAX_CALL_ARGS];
} InterpHelper;

/* A position in the bytecode waiting for a label's or constant's value. */
typedef struct InterpFixup {
    uint32_t word;              /* word index from the TB start */
    uint32_t what;              /* label id or constant index */
} InterpFixup;

typedef struct InterpCtx {
    uint8_t *code_buf;
    size_t code_size;
    /* Helper cache: open addressing keyed by IRHelper pointer. */
    InterpHelper **helpers;
    unsigned helpers_cap, nb_helpers;
    /* Generator scratch, kept across TBs. */
    uint32_t *label_pos;        /* word index of each label, or ~0 */
    int label_cap;
    InterpFixup *label_fix, *const_fix;
    int nb_label_fix, nb_const_fix, fix_cap[2];
    uint64_t *consts;           /* this TB's constant pool */
    int nb_consts, consts_cap;
    uint16_t *free_slots;       /* frame slots free for reuse */
    int nb_free;
} InterpCtx;

/* interp.c */
InterpHelper *interp_helper_get(InterpCtx *s, const IRHelper *h);

/* interp-gen.c */
int interp_gen_code(void *ctx, IRFunc *f, TB *tb, uint8_t *buf, size_t size,
                    uint32_t *insn_off);

/* interp-exec.c */
uintptr_t interp_exec(void *ctx, CPUCommon *cpu, TB *tb);

#endif
