/* SPDX-License-Identifier: MIT */
/* Host hooks for ../shared/bench/workloads.c: the native build whose
 * checksums every emulated run must reproduce. */
#include <stdio.h>
#include <stdlib.h>

void bench_putc(int c)
{
    putchar(c);
}

void bench_exit(int code)
{
    fflush(stdout);
    exit(code);
}

int bench_main(void);

int main(void)
{
    return bench_main();
}
