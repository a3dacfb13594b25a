/* SPDX-License-Identifier: MIT */
/*
 * Interrupt lines: a device drives a level on an IrqLine; whoever it is
 * wired to (an interrupt controller input, a CPU's IRQ pin) gets the call.
 * A line that is not wired does nothing.
 *
 *   s->irq = gic_input(gic, 33);      -- board wiring
 *   irq_set(&s->irq, 1);              -- device raises its line
 */
#ifndef HW_CORE_IRQ_H
#define HW_CORE_IRQ_H

typedef void (*IrqHandler)(void *opaque, int n, int level);

typedef struct IrqLine {
    IrqHandler handler;
    void *opaque;
    int n;
} IrqLine;

static inline IrqLine irq_line(IrqHandler handler, void *opaque, int n)
{
    IrqLine l = { handler, opaque, n };
    return l;
}

static inline void irq_set(const IrqLine *l, int level)
{
    if (l->handler) {
        l->handler(l->opaque, l->n, level);
    }
}

#endif
