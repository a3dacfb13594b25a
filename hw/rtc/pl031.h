/* SPDX-License-Identifier: MIT */
/*
 * ARM PrimeCell Real Time Clock (PL031), as on QEMU's virt board at
 * 0x09010000 (SPI 2).  The counter starts at the host's UTC wall-clock
 * time in seconds (like qemu -rtc base=utc) and runs on the host clock;
 * the match interrupt fires through a Timer on the board's EventLoop.
 *
 *   PL031State *rtc = pl031_new(loop, gic_spi(gic, 2));
 *   as_add_mmio(as, "pl031", 0x09010000, PL031_MMIO_SIZE, &pl031_ops, rtc);
 *   ...
 *   pl031_free(rtc);
 */
#ifndef HW_RTC_PL031_H
#define HW_RTC_PL031_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/core/irq.h"
#include "hw/core/memory.h"
#include "hw/core/timer.h"

#define PL031_MMIO_SIZE 0x1000

typedef struct PL031State {
    uint32_t mr, lr;            /* RTCMR, RTCLR (last value loaded) */
    uint32_t imsc, ris;         /* RTCIMSC, RTCRIS */
    uint32_t base;              /* counter value at base_ns */
    int64_t base_ns;            /* clock_ns() when base was loaded */
    Timer timer;                /* fires when the counter reaches mr */
    IrqLine irq;                /* RTCINTR */
    bool irq_level;
} PL031State;

extern const MemOps pl031_ops;

/* loop: where the match Timer runs (required). */
PL031State *pl031_new(EventLoop *loop, IrqLine irq);
void pl031_free(PL031State *s);
/* Registers to their reset values; the counter keeps running. */
void pl031_reset(PL031State *s);
/* RTCDR now. */
uint32_t pl031_count(PL031State *s);

#endif
