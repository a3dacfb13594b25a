/* SPDX-License-Identifier: MIT */
/*
 * The IR text form, reading side: ir_parse() turns the output of ir_print()
 * (tcg/ir-print.c) back into ops, so optimizer and backend tests can be
 * written as text (tests/ir/).  tmpN/locN name the TB's temps by number,
 * which the parser preserves so that parse(print(f)) prints identically.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/ir-priv.h"

typedef struct Parser {
    IRFunc *f;
    const IRHelper *const *helpers;
    const char *p;          /* cursor in the current line */
    int line;
    int nb_named;           /* tmpN/locN slots created up front */
    char *err;
    size_t errlen;
    bool failed;
} Parser;

static bool perr(Parser *ps, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (ps->failed) {
        return false;
    }
    ps->failed = true;
    n = snprintf(ps->err, ps->errlen, "line %d: ", ps->line);
    if (n >= 0 && (size_t)n < ps->errlen) {
        va_start(ap, fmt);
        vsnprintf(ps->err + n, ps->errlen - n, fmt, ap);
        va_end(ap);
    }
    return false;
}

static void skip_blanks(Parser *ps)
{
    while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\r') {
        ps->p++;
    }
}

static bool is_ident_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '.';
}

/* Read an identifier into buf; false if none. */
static bool read_ident(Parser *ps, char *buf, size_t len)
{
    size_t n = 0;

    skip_blanks(ps);
    while (is_ident_char(*ps->p)) {
        if (n + 1 < len) {
            buf[n++] = *ps->p;
        }
        ps->p++;
    }
    buf[n] = 0;
    return n > 0;
}

static bool expect(Parser *ps, const char *tok)
{
    size_t n = strlen(tok);

    skip_blanks(ps);
    if (strncmp(ps->p, tok, n) != 0) {
        return perr(ps, "expected '%s' at '%.20s'", tok, ps->p);
    }
    ps->p += n;
    return true;
}

static bool at_line_end(Parser *ps)
{
    skip_blanks(ps);
    return *ps->p == 0 || *ps->p == '\n' || *ps->p == '#';
}

/* "$0x1f", "$-4", "$12" */
static bool read_number(Parser *ps, uint64_t *val)
{
    bool neg = false;
    char *end;

    skip_blanks(ps);
    if (*ps->p != '$') {
        return perr(ps, "expected a constant at '%.20s'", ps->p);
    }
    ps->p++;
    if (*ps->p == '-') {
        neg = true;
        ps->p++;
    }
    if (!isdigit((unsigned char)*ps->p)) {
        return perr(ps, "bad number at '%.20s'", ps->p);
    }
    *val = strtoull(ps->p, &end, 0);
    ps->p = end;
    if (neg) {
        *val = -*val;
    }
    return true;
}

/* An optional ":i32"/":i64" annotation; *t is left alone when absent. */
static bool read_type_note(Parser *ps, IRType *t)
{
    if (*ps->p != ':') {
        return true;
    }
    if (strncmp(ps->p, ":i32", 4) == 0) {
        *t = IR_I32;
    } else if (strncmp(ps->p, ":i64", 4) == 0) {
        *t = IR_I64;
    } else {
        return perr(ps, "bad type annotation '%.8s'", ps->p);
    }
    ps->p += 4;
    return true;
}

static IRTemp *find_global(IRFunc *f, const char *name)
{
    for (int i = 0; i < f->nb_globals; i++) {
        if (f->temps[i]->name && strcmp(f->temps[i]->name, name) == 0) {
            return f->temps[i];
        }
    }
    return NULL;
}

/* tmpN / locN: the slot created up front, typed on first use. */
static IRTemp *named_temp(Parser *ps, const char *name, IRType t)
{
    IRTempKind kind = name[0] == 'l' ? IR_TEMP_TB : IR_TEMP_EBB;
    int n = atoi(name + 3);
    IRTemp *tmp;

    if (n >= ps->nb_named) {
        perr(ps, "temp %s out of range", name);
        return NULL;
    }
    tmp = ps->f->temps[ps->f->nb_globals + n];
    if (!tmp->state) {
        tmp->state = 1;
        tmp->kind = kind;
        tmp->type = t;
    } else if (tmp->kind != kind) {
        perr(ps, "%s used as both tmp and loc", name);
        return NULL;
    }
    return tmp;
}

static bool is_named_temp(const char *s)
{
    if (strncmp(s, "tmp", 3) != 0 && strncmp(s, "loc", 3) != 0) {
        return false;
    }
    if (!s[3]) {
        return false;
    }
    for (s += 3; *s; s++) {
        if (!isdigit((unsigned char)*s)) {
            return false;
        }
    }
    return true;
}

/* A temp argument: $const, env, a global's name, tmpN or locN. */
static IRTemp *read_temp(Parser *ps, IRType want)
{
    char name[64];
    IRTemp *t;
    uint64_t v;

    skip_blanks(ps);
    if (*ps->p == '$') {
        if (!read_number(ps, &v) || !read_type_note(ps, &want)) {
            return NULL;
        }
        return ir_const(ps->f, want, v);
    }
    if (!read_ident(ps, name, sizeof(name))) {
        perr(ps, "expected a temp at '%.20s'", ps->p);
        return NULL;
    }
    if (!read_type_note(ps, &want)) {
        return NULL;
    }
    if (is_named_temp(name)) {
        t = named_temp(ps, name, want);
    } else if (!(t = find_global(ps->f, name))) {
        perr(ps, "unknown global '%s'", name);
        return NULL;
    }
    if (t && t->type != want) {
        perr(ps, "%s has type i%d, i%d expected", name,
             t->type == IR_I32 ? 32 : 64, want == IR_I32 ? 32 : 64);
        return NULL;
    }
    return t;
}

static bool read_cond(Parser *ps, uintptr_t *c)
{
    char name[16];

    if (!read_ident(ps, name, sizeof(name))) {
        return perr(ps, "expected a condition");
    }
    for (int i = 0; i < 16; i++) {
        if (strcmp(ir_cond_name((IRCond)i), name) == 0) {
            *c = (uintptr_t)i;
            return true;
        }
    }
    return perr(ps, "unknown condition '%s'", name);
}

static bool read_label(Parser *ps, uintptr_t *l)
{
    char *end;
    long n;

    skip_blanks(ps);
    if (*ps->p != 'L' || !isdigit((unsigned char)ps->p[1])) {
        return perr(ps, "expected a label at '%.20s'", ps->p);
    }
    n = strtol(ps->p + 1, &end, 10);
    ps->p = end;
    if (n > 100000) {
        return perr(ps, "label number too large");
    }
    while (ps->f->nb_labels <= n) {
        ir_label_new(ps->f);
    }
    *l = (uintptr_t)n;
    return true;
}

/* Constant argument j of op. */
static bool read_carg(Parser *ps, IROp *op, int j, uintptr_t *c)
{
    uint64_t v;
    bool cond_slot = j == 0 && (op->opc == IR_setcond ||
                                op->opc == IR_movcond ||
                                op->opc == IR_brcond);

    if (cond_slot) {
        return read_cond(ps, c);
    }
    if (op->opc == IR_set_label || op->opc == IR_br ||
        (op->opc == IR_brcond && j == 1)) {
        return read_label(ps, c);
    }
    if (!read_number(ps, &v)) {
        return false;
    }
    *c = (uintptr_t)v;
    return true;
}

static bool lookup_opcode(const char *name, IROpcode *opc, IRType *type)
{
    char base[48];
    size_t n = strlen(name);

    for (int i = 0; i < IR_NB_OPS; i++) {
        if (!ir_op_has_type_suffix((IROpcode)i) &&
            strcmp(ir_op_defs[i].name, name) == 0) {
            *opc = (IROpcode)i;
            *type = i == IR_ext_i32_i64 || i == IR_extu_i32_i64 ||
                    i == IR_goto_ptr ? IR_I64 :
                    i == IR_extrl_i64_i32 || i == IR_extrh_i64_i32 ? IR_I32 :
                    IR_VOID;
            return true;
        }
    }
    if (n < 5 || n >= sizeof(base) ||
        (strcmp(name + n - 4, "_i32") && strcmp(name + n - 4, "_i64"))) {
        return false;
    }
    memcpy(base, name, n - 4);
    base[n - 4] = 0;
    *type = name[n - 2] == '3' ? IR_I32 : IR_I64;
    for (int i = 0; i < IR_NB_OPS; i++) {
        if (ir_op_has_type_suffix((IROpcode)i) &&
            strcmp(ir_op_defs[i].name, base) == 0) {
            *opc = (IROpcode)i;
            return true;
        }
    }
    return false;
}

static const IRHelper *find_helper(Parser *ps, const char *name)
{
    for (int i = 0; ps->helpers && ps->helpers[i]; i++) {
        if (strcmp(ps->helpers[i]->name, name) == 0) {
            return ps->helpers[i];
        }
    }
    perr(ps, "unknown helper '%s'", name);
    return NULL;
}

/* call NAME[, OUT] [<- IN, IN...] */
static bool parse_call(Parser *ps)
{
    char name[64];
    IRTemp *args[IR_MAX_CALL_ARGS + 1] = { NULL };
    const IRHelper *h;
    IRTemp *ret = NULL;

    if (!read_ident(ps, name, sizeof(name))) {
        return perr(ps, "call: expected a helper name");
    }
    if (!(h = find_helper(ps, name))) {
        return false;
    }
    skip_blanks(ps);
    if (h->ret != IR_VOID) {
        if (!expect(ps, ",") || !(ret = read_temp(ps, (IRType)h->ret))) {
            return false;
        }
        if (ret->kind >= IR_TEMP_FIXED) {
            return perr(ps, "call result is not writable");
        }
    }
    if (h->ret != IR_VOID || h->nargs) {
        if (!expect(ps, "<-")) {
            return false;
        }
    }
    for (int i = 0; i < h->nargs; i++) {
        if ((i && !expect(ps, ",")) ||
            !(args[i] = read_temp(ps, (IRType)h->args[i]))) {
            return false;
        }
    }
    ir_call(ps->f, h, ret, args);
    return true;
}

static bool parse_args(Parser *ps, IROp *op)
{
    int nt = op->nb_out + op->nb_in;
    int nc = ir_op_defs[op->opc].nb_cargs;

    for (int i = 0; i < nt + nc; i++) {
        if (i && !expect(ps, ",")) {
            return false;
        }
        if (i < nt) {
            IRTemp *t = read_temp(ps, ir_op_arg_type(op, i));
            if (!t) {
                return false;
            }
            if (i < op->nb_out && t->kind >= IR_TEMP_FIXED) {
                return perr(ps, "output %d is not writable", i);
            }
            op->args[i] = (uintptr_t)t;
        } else if (!read_carg(ps, op, i - nt, &op->args[i])) {
            return false;
        }
    }
    return true;
}

static bool parse_op(Parser *ps)
{
    char name[48];
    IROpcode opc;
    IRType type;
    IROp op;

    if (!read_ident(ps, name, sizeof(name))) {
        return perr(ps, "expected an op name at '%.20s'", ps->p);
    }
    if (strcmp(name, "call") == 0) {
        return parse_call(ps);
    }
    if (!lookup_opcode(name, &opc, &type)) {
        return perr(ps, "unknown op '%s'", name);
    }
    if ((ir_op_defs[opc].flags & IRF_64) && type != IR_I64) {
        return perr(ps, "%s exists only as _i64", ir_op_defs[opc].name);
    }
    memset(&op, 0, sizeof(op));
    op.opc = (uint16_t)opc;
    op.type = (uint8_t)type;
    op.nb_out = ir_op_defs[opc].nb_oargs;
    op.nb_in = ir_op_defs[opc].nb_iargs;
    if (!parse_args(ps, &op)) {
        return false;
    }
    if (opc == IR_set_label) {
        IRLabel *l = ps->f->labels[op.args[0]];
        if (l->present) {
            return perr(ps, "label L%u set twice", l->id);
        }
        l->present = true;
    }
    if (opc == IR_insn_start) {
        ps->f->nb_insns++;
    }
    ir_emit(ps->f, opc, type, op.args, IR_MAX_ARGS);
    return true;
}

/* Create the tmpN/locN slots before any constant takes an index. */
static void prescan_temps(Parser *ps, const char *text)
{
    int max = -1;

    for (const char *s = text; *s; s++) {
        if ((s == text || !is_ident_char(s[-1])) &&
            (strncmp(s, "tmp", 3) == 0 || strncmp(s, "loc", 3) == 0) &&
            isdigit((unsigned char)s[3])) {
            int n = atoi(s + 3);
            if (n > max && n < 60000) {
                max = n;
            }
        }
    }
    for (int i = 0; i <= max; i++) {
        ir_temp_new(ps->f, IR_I32, IR_TEMP_EBB)->state = 0;
    }
    ps->nb_named = max + 1;
}

int ir_parse(IRFunc *f, const char *text, const IRHelper *const *helpers,
             char *err, size_t errlen)
{
    Parser ps = { .f = f, .helpers = helpers, .err = err, .errlen = errlen };

    if (f->nb_temps != f->nb_globals || f->nb_ops) {
        snprintf(err, errlen, "ir_parse: function not reset");
        return -1;
    }
    prescan_temps(&ps, text);
    for (const char *line = text; *line;) {
        const char *nl = strchr(line, '\n');
        ps.p = line;
        ps.line++;
        if (!at_line_end(&ps) && (!parse_op(&ps) || !at_line_end(&ps))) {
            perr(&ps, "trailing text '%.20s'", ps.p);
            return -1;
        }
        line = nl ? nl + 1 : line + strlen(line);
    }
    for (int i = 0; i < ps.nb_named; i++) {
        f->temps[f->nb_globals + i]->state = 0;
    }
    return 0;
}
