/* SPDX-License-Identifier: MIT */
/*
 * Output and exit routines for bare-metal A32 test programs on "virt":
 * characters go to the PL011 data register, the program ends through Arm
 * semihosting.  report() prints one result line per test case; the REPORT
 * macro in test.inc saves the registers and calls it.
 */
#include <stdint.h>

#define UART_DR ((volatile uint32_t *)0x09000000)
#define SH_SYS_EXIT 0x18
#define SH_SYS_EXIT_EXTENDED 0x20
#define SH_APP_EXIT 0x20026

extern uint32_t exc_hooks[8];

void putc_uart(int c)
{
    *UART_DR = (uint32_t)c;
}

void puts_uart(const char *s)
{
    while (*s) {
        putc_uart(*s++);
    }
}

void puthex(uint32_t v)
{
    for (int i = 28; i >= 0; i -= 4) {
        putc_uart("0123456789abcdef"[(v >> i) & 15]);
    }
}

static uint32_t semihost(uint32_t op, uint32_t arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register uint32_t r1 __asm__("r1") = arg;
    __asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void __attribute__((noreturn)) sh_exit(int code)
{
    static uint32_t block[2];

    if (code == 0) {
        semihost(SH_SYS_EXIT, SH_APP_EXIT);
    } else {
        block[0] = SH_APP_EXIT;
        block[1] = (uint32_t)code;
        semihost(SH_SYS_EXIT_EXTENDED, (uint32_t)block);
    }
    for (;;) {
    }
}

void set_exc_hook(int vector, void (*fn)(void))
{
    exc_hooks[vector] = (uint32_t)fn;
}

/*
 * One result line: "name: r0=xxxxxxxx ... f=xxxxxxxx".  saved[] holds
 * r0-r12 (0-12), lr (13), then the CPSR (14); bit n of mask selects rn
 * (bit 14 = lr), bit 15 the flags (CPSR N Z C V Q and GE).
 */
void report(const char *name, uint32_t mask, const uint32_t *saved)
{
    puts_uart(name);
    putc_uart(':');
    for (int i = 0; i < 15; i++) {
        if (!(mask & (1u << i))) {
            continue;
        }
        if (i == 13) {
            continue;
        }
        puts_uart(i == 14 ? " lr=" : " r");
        if (i < 14) {
            if (i >= 10) {
                putc_uart('1');
            }
            putc_uart('0' + i % 10);
            putc_uart('=');
        }
        puthex(saved[i == 14 ? 13 : i]);
    }
    if (mask & (1u << 15)) {
        puts_uart(" f=");
        puthex(saved[14] & 0xf80f0000u);
    }
    putc_uart('\n');
}

void unexpected_exception(uint32_t vector, uint32_t lr, uint32_t spsr)
{
    puts_uart("UNEXPECTED EXCEPTION vector=");
    puthex(vector);
    puts_uart(" lr=");
    puthex(lr);
    puts_uart(" spsr=");
    puthex(spsr);
    putc_uart('\n');
    sh_exit(1);
}
