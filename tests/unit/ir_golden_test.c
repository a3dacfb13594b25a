/* SPDX-License-Identifier: MIT */
/*
 * Golden optimizer tests: for each tests/ir/NAME.in.ir, parse it, run
 * ir_optimize and ir_liveness, print, and compare with NAME.out.ir.  One
 * test case per pair (group ir_golden).  MOSAIC_IR_UPDATE=1 rewrites the
 * .out.ir files instead (review the diff before committing).  The globals
 * and helpers the texts may use are set up in golden_func() below.
 */
#include <dirent.h>
#include <stdlib.h>

#include "tcg/ir.h"
#include "tests/test.h"

#define GOLDEN_MAX 256

static char *golden_names[GOLDEN_MAX];
static TestCase golden_cases[GOLDEN_MAX];
static int golden_count, golden_next;
static char golden_dir[1024];

static uint64_t helper_stub(uint64_t a, uint64_t b)
{
    return a + b;
}

/* Helpers by flags: pure, reads globals, writes globals, side effects. */
static const IRHelper h_pure = {
    .name = "helper_pure", .func = (void *)helper_stub,
    .flags = IR_CALL_PURE, .ret = IR_I32, .nargs = 2,
    .args = { IR_I32, IR_I32 },
};
static const IRHelper h_read = {
    .name = "helper_read", .func = (void *)helper_stub,
    .flags = IR_CALL_NO_WRITE_GLOBALS, .ret = IR_I32, .nargs = 1,
    .args = { IR_I64 },
};
static const IRHelper h_write = {
    .name = "helper_write", .func = (void *)helper_stub,
    .flags = 0, .ret = IR_VOID, .nargs = 2, .args = { IR_I64, IR_I32 },
};
static const IRHelper h_noglob = {
    .name = "helper_noglob", .func = (void *)helper_stub,
    .flags = IR_CALL_NO_READ_GLOBALS | IR_CALL_NO_WRITE_GLOBALS,
    .ret = IR_I64, .nargs = 1, .args = { IR_I64 },
};
static const IRHelper *const golden_helpers[] = {
    &h_pure, &h_read, &h_write, &h_noglob, NULL,
};

/* r0..r7: i32 globals; x0..x3: i64 globals. */
static IRFunc *golden_func(void)
{
    static const char *const rn[] = { "r0", "r1", "r2", "r3",
                                      "r4", "r5", "r6", "r7" };
    static const char *const xn[] = { "x0", "x1", "x2", "x3" };
    IRFunc *f = ir_func_new();

    for (int i = 0; i < 8; i++) {
        ir_global_i32(f, 16 + 4 * i, rn[i]);
    }
    for (int i = 0; i < 4; i++) {
        ir_global_i64(f, 48 + 8 * i, xn[i]);
    }
    return f;
}

static char *read_text(const char *path)
{
    FILE *fp = fopen(path, "r");
    char *buf;
    long n;

    if (!fp) {
        return NULL;
    }
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    rewind(fp);
    buf = malloc(n + 1);
    n = (long)fread(buf, 1, n, fp);
    buf[n] = 0;
    fclose(fp);
    return buf;
}

static void golden_run(const char *name)
{
    char in_path[1400], out_path[1400], err[256];
    static char *got;
    size_t len;
    char *in, *want;
    IRFunc *f = golden_func();
    FILE *m;

    snprintf(in_path, sizeof(in_path), "%s/%s.in.ir", golden_dir, name);
    snprintf(out_path, sizeof(out_path), "%s/%s.out.ir", golden_dir, name);
    in = read_text(in_path);
    ASSERT(in != NULL);
    if (ir_parse(f, in, golden_helpers, err, sizeof(err)) != 0) {
        test_fail(in_path, 0, err);
    }
    ir_optimize(f);
    ir_liveness(f);
    free(got);
    m = open_memstream(&got, &len);
    ir_print(m, f);
    fclose(m);
    ir_func_free(f);
    free(in);
    if (getenv("MOSAIC_IR_UPDATE")) {
        FILE *o = fopen(out_path, "w");
        ASSERT(o != NULL);
        fputs(got, o);
        fclose(o);
    }
    want = read_text(out_path);
    if (!want) {
        test_fail(out_path, 0, "missing (MOSAIC_IR_UPDATE=1 creates it)");
    }
    ASSERT_STR_EQ(got, want);
    free(want);
}

/* Cases run in registration order; each takes the next name. */
static void golden_case(void)
{
    golden_run(golden_names[golden_next++]);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

__attribute__((constructor)) static void golden_register(void)
{
    const char *src = getenv("MOSAIC_SRC");
    struct dirent *de;
    DIR *d;

    if (src) {
        snprintf(golden_dir, sizeof(golden_dir), "%s/tests/ir", src);
    } else {
        snprintf(golden_dir, sizeof(golden_dir), "%s", __FILE__);
        *strrchr(golden_dir, '/') = 0;
        strncat(golden_dir, "/../ir", sizeof(golden_dir) - 1 -
                strlen(golden_dir));
    }
    d = opendir(golden_dir);
    if (!d) {
        return;
    }
    while ((de = readdir(d)) && golden_count < GOLDEN_MAX) {
        size_t n = strlen(de->d_name);
        if (n > 6 && strcmp(de->d_name + n - 6, ".in.ir") == 0) {
            golden_names[golden_count++] = strndup(de->d_name, n - 6);
        }
    }
    closedir(d);
    qsort(golden_names, golden_count, sizeof(char *), cmp_names);
    for (int i = 0; i < golden_count; i++) {
        golden_cases[i] = (TestCase){ "ir_golden", golden_names[i],
                                      golden_case, NULL };
        test_register(&golden_cases[i]);
    }
}

TEST(ir_golden, found_cases)
{
    if (golden_count == 0) {
        test_fail(golden_dir, 0, "no tests/ir/*.in.ir found (MOSAIC_SRC?)");
    }
}
