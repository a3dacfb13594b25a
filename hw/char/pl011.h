/* SPDX-License-Identifier: MIT */
/*
 * ARM PrimeCell UART (PL011), as on QEMU's virt and versatile boards.
 * Registers are reached through pl011_ops (32-bit accesses; the bus
 * widens byte stores); bytes go to and come from a Chardev.  Input is
 * pulled from the backend when the guest looks (FR, DR, RIS, MIS) or
 * when the board calls pl011_poll().
 *
 *   PL011State *s = pl011_new(chardev_new_stdio(true));
 *   as_add_mmio(as, "pl011", 0x09000000, 0x1000, &pl011_ops, s);
 *   pl011_connect_irq(s, gic_set_irq, gic, 33);    -- optional
 */
#ifndef HW_CHAR_PL011_H
#define HW_CHAR_PL011_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/core/chardev.h"
#include "hw/core/memory.h"

#define PL011_FIFO_DEPTH 16
#define PL011_MMIO_SIZE 0x1000

typedef struct PL011State {
    Chardev *chr;
    /* Registers (names as in the TRM) */
    uint32_t rsr, ilpr, ibrd, fbrd, lcr_h, cr, ifls, imsc, ris, dmacr;
    /* Receive FIFO: data with its error bits (DR layout) */
    uint16_t rx_fifo[PL011_FIFO_DEPTH];
    unsigned rx_head, rx_count;
    /* Interrupt output (UARTINTR), or NULL when unconnected */
    void (*irq_set)(void *opaque, int n, int level);
    void *irq_opaque;
    int irq_n;
    bool irq_level;
} PL011State;

extern const MemOps pl011_ops;

PL011State *pl011_new(Chardev *chr);
void pl011_init(PL011State *s, Chardev *chr);
void pl011_free(PL011State *s);      /* does not free the Chardev */
void pl011_reset(PL011State *s);
void pl011_connect_irq(PL011State *s,
                       void (*set)(void *opaque, int n, int level),
                       void *opaque, int n);
/* Take waiting input from the backend; updates the interrupt. */
void pl011_poll(PL011State *s);

uint64_t pl011_read(void *opaque, uint64_t off, unsigned size);
void pl011_write(void *opaque, uint64_t off, uint64_t val, unsigned size);

#endif
