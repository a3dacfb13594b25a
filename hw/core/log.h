/* SPDX-License-Identifier: MIT */
/*
 * Logging and errors.  One runtime mask selected with -d (table in log.c,
 * printed by -d help), output to stderr or the -D file.  error_report for
 * user-facing one-line errors; die() for fatal ones at start-up.
 *
 *   if (log_enabled(LOG_GUEST_ERROR)) ...
 *   log_mask(LOG_UNIMP, "pl011: write to reserved offset 0x%x\n", off);
 */
#ifndef HW_CORE_LOG_H
#define HW_CORE_LOG_H

#include <stdbool.h>
#include <stdio.h>

enum {
    LOG_IN_ASM = 1 << 0,
    LOG_OP = 1 << 1,
    LOG_OP_OPT = 1 << 2,
    LOG_OUT_ASM = 1 << 3,
    LOG_EXEC = 1 << 4,
    LOG_CPU = 1 << 5,
    LOG_INT = 1 << 6,
    LOG_GUEST_ERROR = 1 << 7,
    LOG_UNIMP = 1 << 8,
    LOG_STATS = 1 << 9,
};

extern unsigned log_level_mask;
extern FILE *log_file;          /* NULL means stderr */

static inline bool log_enabled(unsigned mask)
{
    return (log_level_mask & mask) != 0;
}
FILE *log_out(void);
void log_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define log_mask(mask, ...)                                                 \
    do {                                                                    \
        if (log_enabled(mask)) {                                            \
            log_printf(__VA_ARGS__);                                        \
        }                                                                   \
    } while (0)

/* Parse "in_asm,exec" into a mask; -1 on an unknown name (printed). */
int log_parse_items(const char *str);
void log_print_help(FILE *out);
int log_set_file(const char *path);  /* 0 or -1 with a message */

/* "mosaic: <message>" on stderr. */
void error_report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
