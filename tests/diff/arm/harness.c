/* SPDX-License-Identifier: MIT */
/*
 * Guest side of the A32/Thumb differential suite (tests/diff/arm): fills
 * the scratch buffer the random sequences load from and store to, and
 * prints one line per sequence: "sNNNN: r0 .. r12 lr cpsr checksum" in
 * hex.  The generated batch (gen.py) calls seq_report after each sequence;
 * Thumb batches also bring SVC and data abort handlers, installed here.
 */
#include <stdint.h>

#define SCRATCH_LO 0x40fffc00u
#define SCRATCH_HI 0x41000800u

void putc_uart(int c);
void puthex(uint32_t v);

uint32_t seq_result[15];
uint32_t batch_sp;          /* SP of run_batch, restored after each sequence */

static void scratch_fill(void)
{
    uint32_t x = 0x2545f491u;

    for (uint32_t a = SCRATCH_LO; a < SCRATCH_HI; a += 4) {
        x = x * 1664525u + 1013904223u;
        *(volatile uint32_t *)a = x ^ (x >> 13);
    }
}

static uint32_t scratch_sum(void)
{
    uint32_t h = 0;

    for (uint32_t a = SCRATCH_LO; a < SCRATCH_HI; a += 4) {
        h = (h << 5 | h >> 27) ^ *(volatile uint32_t *)a;
        h *= 0x9e3779b1u;
    }
    return h;
}

void test_main(void);
void run_batch(void);
void set_exc_hook(int vector, void (*fn)(void));
void diff_svc_handler(void) __attribute__((weak));  /* Thumb batches */
void diff_dabt_handler(void) __attribute__((weak));

void test_main(void)
{
    scratch_fill();
    if (diff_svc_handler) {
        set_exc_hook(2, diff_svc_handler);
    }
    if (diff_dabt_handler) {
        set_exc_hook(4, diff_dabt_handler);
    }
    run_batch();
}

void seq_report(uint32_t idx, uint32_t has_store)
{
    putc_uart('s');
    puthex(idx);
    putc_uart(':');
    for (int i = 0; i < 15; i++) {
        putc_uart(' ');
        puthex(seq_result[i]);
    }
    putc_uart(' ');
    puthex(has_store ? scratch_sum() : 0);
    putc_uart('\n');
    if (has_store) {
        scratch_fill();
    }
}
