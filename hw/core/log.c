/* SPDX-License-Identifier: MIT */
/*
 * Logging and errors (see log.h).  The -d items are one table of names,
 * masks and help strings; -d help prints it, log_parse_items reads a
 * comma-separated list against it.  error_report/die give the one-line
 * "mosaic: ..." messages of the command line and start-up.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "hw/core/log.h"

unsigned log_level_mask;
FILE *log_file;

typedef struct LogItem {
    unsigned mask;
    const char *name;
    const char *help;
} LogItem;

static const LogItem log_items[] = {
    { LOG_IN_ASM, "in_asm", "show guest assembly for each translated block" },
    { LOG_OP, "op", "show the IR of each block before optimization" },
    { LOG_OP_OPT, "op_opt", "show the IR of each block after optimization" },
    { LOG_OUT_ASM, "out_asm", "show generated host code for each block" },
    { LOG_EXEC, "exec", "show each block as it is executed" },
    { LOG_CPU, "cpu", "show CPU registers before entering each block" },
    { LOG_INT, "int", "show interrupts and exceptions taken" },
    { LOG_GUEST_ERROR, "guest_errors",
      "log invalid guest accesses (unmapped memory, bad device offsets)" },
    { LOG_UNIMP, "unimp", "log guest use of unimplemented features" },
    { LOG_STATS, "stats", "print execution and TB cache counters at exit" },
};

#define LOG_NB_ITEMS (sizeof(log_items) / sizeof(log_items[0]))

FILE *log_out(void)
{
    return log_file ? log_file : stderr;
}

void log_printf(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vfprintf(log_out(), fmt, ap);
    va_end(ap);
}

static const LogItem *log_find_item(const char *name, size_t len)
{
    for (size_t i = 0; i < LOG_NB_ITEMS; i++) {
        if (strlen(log_items[i].name) == len &&
            memcmp(log_items[i].name, name, len) == 0) {
            return &log_items[i];
        }
    }
    return NULL;
}

int log_parse_items(const char *str)
{
    unsigned mask = 0;
    const char *p = str;

    for (;;) {
        size_t len = strcspn(p, ",");
        const LogItem *item = log_find_item(p, len);

        if (!item) {
            error_report("unknown log item '%.*s' in -d (try -d help)",
                         (int)len, p);
            return -1;
        }
        mask |= item->mask;
        if (p[len] == '\0') {
            break;
        }
        p += len + 1;
    }
    return (int)mask;
}

void log_print_help(FILE *out)
{
    fprintf(out, "Log items (comma separated):\n");
    for (size_t i = 0; i < LOG_NB_ITEMS; i++) {
        fprintf(out, "%-15s %s\n", log_items[i].name, log_items[i].help);
    }
}

int log_set_file(const char *path)
{
    FILE *f = fopen(path, "w");

    if (!f) {
        error_report("cannot open log file '%s': %s", path, strerror(errno));
        return -1;
    }
    if (log_file) {
        fclose(log_file);
    }
    log_file = f;
    return 0;
}

static void error_vreport(const char *fmt, va_list ap)
{
    size_t len = strlen(fmt);

    fflush(stdout);
    fputs("mosaic: ", stderr);
    vfprintf(stderr, fmt, ap);
    if (len == 0 || fmt[len - 1] != '\n') {
        fputc('\n', stderr);
    }
}

void error_report(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    error_vreport(fmt, ap);
    va_end(ap);
}

void die(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    error_vreport(fmt, ap);
    va_end(ap);
    exit(1);
}
