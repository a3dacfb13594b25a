/* SPDX-License-Identifier: MIT */
/*
 * The intermediate representation: one IRFunc per translation block, a flat
 * array of IROps over typed temps.  Frontends build it with the ir_* calls
 * below; tcg/optimize.c and tcg/liveness.c rewrite and annotate it; a
 * backend turns it into host code (or bytecode).  See tcg/README.md.
 *
 *   IRFunc *f = ir_func_new();
 *   IRTemp *r0 = ir_global_i32(f, offsetof(ARMCPU, regs[0]), "r0");
 *   ir_func_reset(f);              -- per TB: drops non-global temps, ops
 *   IRTemp *t = ir_temp_i32(f);
 *   ir_addi_i32(f, t, r0, 4);
 *   ir_mov_i32(f, r0, t);
 */
#ifndef TCG_IR_H
#define TCG_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum IROpcode {
#define DEF(name, oargs, iargs, cargs, flags) IR_##name,
#include "tcg/ir.def"
#undef DEF
    IR_NB_OPS
} IROpcode;

/* Op flags (IROpDef.flags) */
enum {
    IRF_BB_END = 1 << 0,       /* ends a basic block */
    IRF_BB_EXIT = 1 << 1,      /* leaves the TB */
    IRF_COND_BRANCH = 1 << 2,
    IRF_SIDE_EFFECTS = 1 << 3, /* never removed; globals synced before */
    IRF_CALL = 1 << 4,         /* the call op */
    IRF_CALL_CLOBBER = 1 << 5, /* clobbers call-clobbered host registers */
    IRF_64 = 1 << 6,           /* only valid with type IR_I64 */
    IRF_NOT_PRESENT = 1 << 7,  /* emits no code */
};

typedef struct IROpDef {
    const char *name;
    uint8_t nb_oargs, nb_iargs, nb_cargs;
    uint16_t flags;
} IROpDef;

extern const IROpDef ir_op_defs[IR_NB_OPS];

typedef enum IRType { IR_I32, IR_I64, IR_VOID } IRType;

/* Conditions: bit patterns chosen so that cond ^ 1 inverts (QEMU order) */
typedef enum IRCond {
    IR_COND_NEVER = 0, IR_COND_ALWAYS = 1,
    IR_COND_EQ = 8, IR_COND_NE = 9,
    IR_COND_LT = 2, IR_COND_GE = 3, IR_COND_LE = 4, IR_COND_GT = 5,
    IR_COND_LTU = 10, IR_COND_GEU = 11, IR_COND_LEU = 12, IR_COND_GTU = 13,
} IRCond;

static inline IRCond ir_invert_cond(IRCond c) { return (IRCond)(c ^ 1); }
IRCond ir_swap_cond(IRCond c);          /* a c b  ==  b swap(c) a */
bool ir_cond_eval(IRCond c, IRType t, uint64_t a, uint64_t b);
const char *ir_cond_name(IRCond c);

typedef enum IRTempKind {
    IR_TEMP_EBB,    /* lives within an extended basic block: dead at labels */
    IR_TEMP_TB,     /* lives across labels within the TB */
    IR_TEMP_GLOBAL, /* backed by env memory at mem_offset; live across TBs */
    IR_TEMP_FIXED,  /* pinned to a host register (env) */
    IR_TEMP_CONST,  /* a constant; never written */
} IRTempKind;

typedef struct IRTemp {
    uint8_t type;           /* IRType */
    uint8_t kind;           /* IRTempKind */
    uint16_t index;         /* position in IRFunc.temps */
    int32_t mem_offset;     /* GLOBAL: offset from env */
    uint64_t val;           /* CONST: value (i32 zero-extended) */
    const char *name;       /* GLOBAL/FIXED: for printing */
    /* Scratch for passes and backends; reset at ir_func_reset(). */
    intptr_t state;
    intptr_t state2;
    int32_t reg;            /* backend: host register or -1 */
    int32_t slot;           /* backend: spill slot or -1 */
    uint8_t val_type;       /* backend: where the value lives */
    bool mem_coherent;      /* backend: memory copy is up to date */
} IRTemp;

typedef struct IRLabel {
    uint32_t id;
    bool present;           /* set_label has been emitted */
    bool has_value;         /* backend: value known */
    uintptr_t value;        /* backend: host address or offset */
    void *relocs;           /* backend: pending fixups */
} IRLabel;

/* Helper descriptors: one per C function callable from generated code. */
enum {
    IR_CALL_NO_READ_GLOBALS = 1 << 0,  /* helper does not read guest state */
    IR_CALL_NO_WRITE_GLOBALS = 1 << 1, /* helper does not write guest state */
    IR_CALL_NO_SIDE_EFFECTS = 1 << 2,  /* removable when result unused */
};
#define IR_CALL_PURE (IR_CALL_NO_READ_GLOBALS | IR_CALL_NO_WRITE_GLOBALS | \
                      IR_CALL_NO_SIDE_EFFECTS)
#define IR_MAX_CALL_ARGS 6

typedef struct IRHelper {
    const char *name;
    void *func;
    uint8_t flags;
    uint8_t ret;                      /* IRType: IR_VOID, IR_I32, IR_I64 */
    uint8_t nargs;
    uint8_t args[IR_MAX_CALL_ARGS];   /* IRType of each argument */
    void *cif;                        /* backend/interp: libffi cache */
} IRHelper;

/*
 * An op.  args[] holds, in order, the output temps, input temps, then the
 * constants.  For IR_call: nb_out outputs (0 or 1), nb_in inputs, then one
 * constant: the IRHelper pointer.  Labels are constants holding the label's
 * index in IRFunc.labels.
 */
#define IR_MAX_ARGS 10

typedef struct IROp {
    uint16_t opc;           /* IROpcode */
    uint8_t type;           /* IRType of the operation */
    uint8_t nb_out, nb_in;  /* for IR_call (others: from ir_op_defs) */
    uint32_t life;          /* liveness: IR_DEAD_ARG(i), IR_SYNC_ARG(i) */
    uintptr_t args[IR_MAX_ARGS];
} IROp;

#define IR_DEAD_ARG(i) (1u << (i))
#define IR_SYNC_ARG(i) (1u << (16 + (i)))

static inline IRTemp *ir_arg_temp(const IROp *op, int i)
{
    return (IRTemp *)op->args[i];
}
int ir_op_nb_oargs(const IROp *op);
int ir_op_nb_iargs(const IROp *op);
int ir_op_nb_cargs(const IROp *op);

typedef struct IRFunc {
    IRTemp **temps;         /* stable pointers; index == temp->index */
    int nb_temps, nb_globals, cap_temps;
    IROp *ops;
    int nb_ops, cap_ops;
    IRLabel **labels;
    int nb_labels, cap_labels;
    IRTemp *env;            /* the FIXED env pointer (i64) */
    int nb_insns;           /* number of insn_start ops */
    void *frontend_data;    /* the frontend's globals, created once per f */
} IRFunc;

IRFunc *ir_func_new(void);
void ir_func_free(IRFunc *f);
/* Forget everything but globals and env (start of a new TB). */
void ir_func_reset(IRFunc *f);

IRTemp *ir_global(IRFunc *f, IRType t, int32_t offset, const char *name);
static inline IRTemp *ir_global_i32(IRFunc *f, int32_t off, const char *n)
{
    return ir_global(f, IR_I32, off, n);
}
static inline IRTemp *ir_global_i64(IRFunc *f, int32_t off, const char *n)
{
    return ir_global(f, IR_I64, off, n);
}
IRTemp *ir_temp_new(IRFunc *f, IRType t, IRTempKind kind);
static inline IRTemp *ir_temp_i32(IRFunc *f)
{
    return ir_temp_new(f, IR_I32, IR_TEMP_EBB);
}
static inline IRTemp *ir_temp_i64(IRFunc *f)
{
    return ir_temp_new(f, IR_I64, IR_TEMP_EBB);
}
static inline IRTemp *ir_local_i32(IRFunc *f)
{
    return ir_temp_new(f, IR_I32, IR_TEMP_TB);
}
static inline IRTemp *ir_local_i64(IRFunc *f)
{
    return ir_temp_new(f, IR_I64, IR_TEMP_TB);
}
/* Constants are interned: one temp per (type, value) per function. */
IRTemp *ir_const(IRFunc *f, IRType t, uint64_t val);
static inline IRTemp *ir_const_i32(IRFunc *f, uint32_t v)
{
    return ir_const(f, IR_I32, v);
}
static inline IRTemp *ir_const_i64(IRFunc *f, uint64_t v)
{
    return ir_const(f, IR_I64, v);
}
IRLabel *ir_label_new(IRFunc *f);

/* Generic emitters: append one op and return it. */
IROp *ir_emit(IRFunc *f, IROpcode opc, IRType type, const uintptr_t *args,
              int nargs);
IROp *ir_emit1(IRFunc *f, IROpcode opc, IRType type, IRTemp *d, IRTemp *a);
IROp *ir_emit2(IRFunc *f, IROpcode opc, IRType type, IRTemp *d, IRTemp *a,
               IRTemp *b);
/* Insert a copy of nothing before op index `at` (optimizer use). */
IROp *ir_insert_before(IRFunc *f, int at, IROpcode opc, IRType type);

/* Typed builders for the common ops: ir_<op>_i32 / ir_<op>_i64 */
#define IR_BUILD_UNARY(op)                                                  \
    static inline void ir_##op##_i32(IRFunc *f, IRTemp *d, IRTemp *a)       \
    {                                                                       \
        ir_emit1(f, IR_##op, IR_I32, d, a);                                 \
    }                                                                       \
    static inline void ir_##op##_i64(IRFunc *f, IRTemp *d, IRTemp *a)       \
    {                                                                       \
        ir_emit1(f, IR_##op, IR_I64, d, a);                                 \
    }
#define IR_BUILD_BINARY(op)                                                 \
    static inline void ir_##op##_i32(IRFunc *f, IRTemp *d, IRTemp *a,       \
                                     IRTemp *b)                             \
    {                                                                       \
        ir_emit2(f, IR_##op, IR_I32, d, a, b);                              \
    }                                                                       \
    static inline void ir_##op##_i64(IRFunc *f, IRTemp *d, IRTemp *a,       \
                                     IRTemp *b)                             \
    {                                                                       \
        ir_emit2(f, IR_##op, IR_I64, d, a, b);                              \
    }                                                                       \
    static inline void ir_##op##i_i32(IRFunc *f, IRTemp *d, IRTemp *a,      \
                                      uint32_t imm)                         \
    {                                                                       \
        ir_emit2(f, IR_##op, IR_I32, d, a, ir_const_i32(f, imm));           \
    }                                                                       \
    static inline void ir_##op##i_i64(IRFunc *f, IRTemp *d, IRTemp *a,      \
                                      uint64_t imm)                         \
    {                                                                       \
        ir_emit2(f, IR_##op, IR_I64, d, a, ir_const_i64(f, imm));           \
    }
IR_BUILD_UNARY(mov)
IR_BUILD_UNARY(neg)
IR_BUILD_UNARY(not)
IR_BUILD_UNARY(clz)
IR_BUILD_UNARY(ctz)
IR_BUILD_UNARY(bswap16)
IR_BUILD_UNARY(bswap32)
IR_BUILD_UNARY(ext8s)
IR_BUILD_UNARY(ext8u)
IR_BUILD_UNARY(ext16s)
IR_BUILD_UNARY(ext16u)
IR_BUILD_BINARY(add)
IR_BUILD_BINARY(sub)
IR_BUILD_BINARY(mul)
IR_BUILD_BINARY(and)
IR_BUILD_BINARY(or)
IR_BUILD_BINARY(xor)
IR_BUILD_BINARY(andc)
IR_BUILD_BINARY(shl)
IR_BUILD_BINARY(shr)
IR_BUILD_BINARY(sar)
IR_BUILD_BINARY(rotl)
IR_BUILD_BINARY(rotr)
#undef IR_BUILD_UNARY
#undef IR_BUILD_BINARY

void ir_movi_i32(IRFunc *f, IRTemp *d, uint32_t v);
void ir_movi_i64(IRFunc *f, IRTemp *d, uint64_t v);
void ir_bswap64_i64(IRFunc *f, IRTemp *d, IRTemp *a);
void ir_ext32s_i64(IRFunc *f, IRTemp *d, IRTemp *a);
void ir_ext32u_i64(IRFunc *f, IRTemp *d, IRTemp *a);
void ir_ext_i32_i64(IRFunc *f, IRTemp *d64, IRTemp *a32);
void ir_extu_i32_i64(IRFunc *f, IRTemp *d64, IRTemp *a32);
void ir_extrl_i64_i32(IRFunc *f, IRTemp *d32, IRTemp *a64);
void ir_extrh_i64_i32(IRFunc *f, IRTemp *d32, IRTemp *a64);
void ir_setcond(IRFunc *f, IRType t, IRCond c, IRTemp *d, IRTemp *a,
                IRTemp *b);
void ir_movcond(IRFunc *f, IRType t, IRCond c, IRTemp *d, IRTemp *c1,
                IRTemp *c2, IRTemp *v1, IRTemp *v2);
void ir_mulu2(IRFunc *f, IRType t, IRTemp *lo, IRTemp *hi, IRTemp *a,
              IRTemp *b);
void ir_muls2(IRFunc *f, IRType t, IRTemp *lo, IRTemp *hi, IRTemp *a,
              IRTemp *b);
void ir_deposit(IRFunc *f, IRType t, IRTemp *d, IRTemp *a, IRTemp *b,
                unsigned pos, unsigned len);
void ir_extract(IRFunc *f, IRType t, IRTemp *d, IRTemp *a, unsigned pos,
                unsigned len);
void ir_sextract(IRFunc *f, IRType t, IRTemp *d, IRTemp *a, unsigned pos,
                 unsigned len);

/* env-relative host memory: opc is one of IR_ld*, IR_st* */
void ir_ld(IRFunc *f, IROpcode opc, IRType t, IRTemp *d, IRTemp *base,
           int32_t off);
void ir_st(IRFunc *f, IROpcode opc, IRType t, IRTemp *v, IRTemp *base,
           int32_t off);
/* Guest memory; oi is a MemOpIdx (tcg/cpu.h) */
void ir_qemu_ld(IRFunc *f, IRType t, IRTemp *d, IRTemp *vaddr, uint32_t oi);
void ir_qemu_st(IRFunc *f, IRType t, IRTemp *v, IRTemp *vaddr, uint32_t oi);

/* Control flow */
void ir_set_label(IRFunc *f, IRLabel *l);
void ir_br(IRFunc *f, IRLabel *l);
void ir_brcond(IRFunc *f, IRType t, IRCond c, IRTemp *a, IRTemp *b,
               IRLabel *l);
void ir_brcondi_i32(IRFunc *f, IRCond c, IRTemp *a, uint32_t imm,
                    IRLabel *l);
void ir_insn_start(IRFunc *f, uint64_t data0, uint64_t data1);
void ir_goto_tb(IRFunc *f, int slot);
void ir_exit_tb(IRFunc *f, uintptr_t val);
void ir_goto_ptr(IRFunc *f, IRTemp *ptr);
void ir_mb(IRFunc *f, int kind);
void ir_discard(IRFunc *f, IRTemp *t);
/* Call: ret may be NULL (void helper); args count must match h->nargs */
void ir_call(IRFunc *f, const IRHelper *h, IRTemp *ret, IRTemp *const *args);

/* Text form: printing and parsing (round-trips). */
void ir_print_op(FILE *out, const IRFunc *f, const IROp *op);
void ir_print(FILE *out, const IRFunc *f);
/*
 * Parse the text form into f (after ir_func_reset).  Globals named in the
 * text must already exist in f; helpers are looked up in `helpers`
 * (NULL-terminated).  Returns 0 or -1 with a message in err.
 */
int ir_parse(IRFunc *f, const char *text, const IRHelper *const *helpers,
             char *err, size_t errlen);

/* Passes */
void ir_optimize(IRFunc *f);
void ir_liveness(IRFunc *f);     /* fills op->life; removes dead ops */

#endif
