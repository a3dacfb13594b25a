/* SPDX-License-Identifier: MIT */
/*
 * A bare-metal hello for the ARM virt board (Mosaic or qemu-system-arm):
 * writes to the PL011 at 0x09000000, does a little arithmetic so the CPU
 * has something to chew on, and returns 0 (start.S exits by semihosting).
 *
 *   mosaic -M virt -nographic -semihosting -kernel hello.elf
 */
#include <stdint.h>

#define UART_BASE 0x09000000u
#define UART_DR 0x000           /* data */
#define UART_FR 0x018           /* flags */
#define UART_CR 0x030           /* control */
#define UART_FR_TXFF (1u << 5)
#define UART_CR_EN (1u << 0 | 1u << 8 | 1u << 9)   /* UARTEN, TXE, RXE */

static volatile uint32_t *uart_reg(uint32_t off)
{
    return (volatile uint32_t *)(UART_BASE + off);
}

static void uart_putc(char c)
{
    while (*uart_reg(UART_FR) & UART_FR_TXFF) {
        /* wait for room in the FIFO */
    }
    *uart_reg(UART_DR) = (uint8_t)c;
}

static void uart_puts(const char *s)
{
    for (; *s; s++) {
        if (*s == '\n') {
            uart_putc('\r');
        }
        uart_putc(*s);
    }
}

/* Decimal without a divide instruction: subtract powers of ten. */
static void uart_putu(uint32_t v)
{
    static const uint32_t pow10[] = { 1000000000, 100000000, 10000000,
                                      1000000, 100000, 10000, 1000, 100,
                                      10, 1 };
    int started = 0;

    for (unsigned i = 0; i < sizeof(pow10) / sizeof(pow10[0]); i++) {
        char d = '0';
        while (v >= pow10[i]) {
            v -= pow10[i];
            d++;
        }
        if (d != '0' || started || i == 9) {
            uart_putc(d);
            started = 1;
        }
    }
}

static void uart_puthex(uint32_t v)
{
    uart_puts("0x");
    for (int shift = 28; shift >= 0; shift -= 4) {
        uart_putc("0123456789abcdef"[(v >> shift) & 15]);
    }
}

static uint32_t fib(uint32_t n)
{
    uint32_t a = 0, b = 1;

    while (n--) {
        uint32_t t = a + b;
        a = b;
        b = t;
    }
    return a;
}

static uint8_t sieve[10000];

static uint32_t count_primes(uint32_t limit)
{
    uint32_t count = 0;

    for (uint32_t i = 2; i < limit; i++) {
        if (sieve[i]) {
            continue;
        }
        count++;
        for (uint32_t j = i * i; j < limit; j += i) {
            sieve[j] = 1;
        }
    }
    return count;
}

static uint32_t crc32(const char *s)
{
    uint32_t crc = 0xffffffffu;

    for (; *s; s++) {
        crc ^= (uint8_t)*s;
        for (int k = 0; k < 8; k++) {
            crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
        }
    }
    return ~crc;
}

int main(void)
{
    *uart_reg(UART_CR) = UART_CR_EN;
    uart_puts("Hello from Mosaic on the ARM virt board!\n");
    uart_puts("fib(40) = ");
    uart_putu(fib(40));
    uart_puts("\nprimes below 10000: ");
    uart_putu(count_primes(sizeof(sieve)));
    uart_puts("\ncrc32(\"mosaic\") = ");
    uart_puthex(crc32("mosaic"));
    uart_puts("\nbye\n");
    return 0;
}
