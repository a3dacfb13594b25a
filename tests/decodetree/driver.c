/* SPDX-License-Identifier: MIT */
/*
 * Feeds instruction words from stdin to test_decode() and prints which
 * trans_ functions ran with which arguments.
 *   driver check   lines "INSN EXPECTED": prints PASS/FAIL per line;
 *                  "!Name" in EXPECTED makes trans_Name return false
 *   driver random  lines "INSN": prints "INSN CALLS"; trans_ return
 *                  false on a hash of name and insn (tree vs linear)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"

static uint32_t hash_str(const char *s, uint32_t h)
{
    while (*s) {
        h = (h ^ (uint8_t)*s++) * 16777619u;
    }
    return h;
}

static bool name_fails(const DisasContext *ctx, const char *name)
{
    char pat[128];

    if (ctx->random_fail) {
        return (hash_str(name, ctx->insn * 2654435761u) & 3) == 0;
    }
    snprintf(pat, sizeof(pat), " !%s ", name);
    return strstr(ctx->fail, pat) != NULL;
}

bool driver_trans(DisasContext *ctx, const char *name, const char *args)
{
    bool ok = !name_fails(ctx, name);
    size_t room = sizeof(ctx->out) - ctx->len;
    int n = snprintf(ctx->out + ctx->len, room, "%s%s%s%s",
                     ctx->len ? " | " : "", ok ? "" : "!", name, args);

    if (n > 0 && (size_t)n < room) {
        ctx->len += (size_t)n;
    }
    return ok;
}

/* Runs one word; leaves the canonical call list in ctx->out. */
static void run_one(DisasContext *ctx, uint32_t insn)
{
    ctx->insn = insn;
    ctx->len = 0;
    ctx->out[0] = 0;
    if (!test_decode(ctx, insn)) {
        snprintf(ctx->out + ctx->len, sizeof(ctx->out) - ctx->len, "%s",
                 ctx->len ? " | none" : "none");
    }
}

/* Collapses runs of blanks so expected text may be spaced freely. */
static void normalize(char *s)
{
    char *start = s;
    char *d = s;
    bool blank = true;

    for (; *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
            if (!blank) {
                *d++ = ' ';
            }
            blank = true;
        } else {
            *d++ = *s;
            blank = false;
        }
    }
    *d = 0;
    if (d > start && d[-1] == ' ') {
        d[-1] = 0;
    }
}

static int check_line(DisasContext *ctx, char *line)
{
    char *rest;
    char fail[1024];
    uint32_t insn = (uint32_t)strtoul(line, &rest, 0);

    normalize(rest);
    snprintf(fail, sizeof(fail), " %s ", rest);
    ctx->fail = fail;
    ctx->random_fail = false;
    run_one(ctx, insn);
    normalize(ctx->out);
    if (strcmp(ctx->out, rest) != 0) {
        printf("FAIL 0x%08x: expected \"%s\", got \"%s\"\n", insn, rest,
               ctx->out);
        return 1;
    }
    printf("PASS 0x%08x: %s\n", insn, rest);
    return 0;
}

int main(int argc, char **argv)
{
    static DisasContext ctx = { .param = 42 };
    char line[1024];
    bool random = argc > 1 && strcmp(argv[1], "random") == 0;
    int failed = 0;

    while (fgets(line, sizeof(line), stdin)) {
        if (line[0] == '\n' || line[0] == 0) {
            continue;
        }
        if (random) {
            uint32_t insn = (uint32_t)strtoul(line, NULL, 0);
            ctx.fail = "";
            ctx.random_fail = true;
            run_one(&ctx, insn);
            printf("0x%08x %s\n", insn, ctx.out);
        } else {
            failed += check_line(&ctx, line);
        }
    }
    return failed != 0;
}
