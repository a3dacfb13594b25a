/* SPDX-License-Identifier: MIT */
/*
 * ARM Generic Interrupt Controller v2 (IHI 0048B) as on QEMU's virt board
 * with a Cortex-A15: a distributor and banked CPU interfaces, interrupt
 * groups, no Security or Virtualization Extensions, up to 8 CPUs.
 * Interrupt IDs: 0-15 SGIs, 16-31 PPIs (both banked per CPU), 32+ SPIs.
 *
 *   GICState *gic = gic_new(1, 288);              -- 256 SPIs + 32
 *   as_add_mmio(as, "gicd", 0x08000000, 0x10000, &gic_dist_ops, gic);
 *   as_add_mmio(as, "gicc", 0x08010000, 0x10000, &gic_cpu_ops, gic);
 *   gic_connect_cpu(gic, 0, cpu_irq_line, cpu_fiq_line);
 *   uart->irq = gic_spi(gic, 1);                  -- INTID 33
 *   timer->virq = gic_ppi(gic, 0, 11);            -- INTID 27
 *   gic_set_cpu_fn(gic, board_current_cpu, board); -- SMP only
 *
 * Banked registers (CPU interface, SGI/PPI state) belong to the CPU that
 * makes the access: the board either provides a callback returning the
 * index of the CPU currently running (gic_set_cpu_fn), or calls
 * gic_set_current_cpu before running each vCPU.  A single-CPU board needs
 * neither (CPU 0).  Group 0 interrupts go to the FIQ line when the CPU
 * interface's FIQEn is set, everything else to the IRQ line.
 */
#ifndef HW_INTC_GIC_H
#define HW_INTC_GIC_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/core/irq.h"
#include "hw/core/memory.h"

#define GIC_MAX_CPUS 8
#define GIC_MAX_IRQS 1020
#define GIC_NR_SGIS 16
#define GIC_INTERNAL 32             /* SGIs + PPIs, banked per CPU */
#define GIC_SPURIOUS 1023
#define GIC_DIST_SIZE 0x10000
#define GIC_CPU_SIZE 0x10000
#define GIC_ACTIVE_DEPTH 64         /* nesting depth of the active stack */

/* The state of one interrupt (for one CPU if it is banked). */
typedef struct GICIrq {
    uint8_t priority;
    uint8_t target;                 /* SPIs: GICD_ITARGETSR CPU mask */
    bool enabled, pending, active;
    bool level;                     /* the input line */
    bool edge;                      /* GICD_ICFGR: edge-triggered */
    bool group1;                    /* GICD_IGROUPR */
} GICIrq;

typedef struct GICActive {
    uint16_t irq;                   /* INTID */
    uint8_t prio;                   /* its group priority */
} GICActive;

typedef struct GICCpu {
    uint32_t ctlr;                  /* GICC_CTLR */
    uint8_t pmr, bpr, abpr;         /* GICC_PMR, GICC_BPR, GICC_ABPR */
    GICActive active[GIC_ACTIVE_DEPTH];  /* acknowledged, not yet EOIed */
    int nb_active;
    uint8_t sgi_src[GIC_NR_SGIS];   /* pending SGIs: mask of source CPUs */
    GICIrq internal[GIC_INTERNAL];  /* banked SGI/PPI state */
    IrqLine irq, fiq;
    bool irq_level, fiq_level;
    int best;                       /* highest pending (see gic_update) */
} GICCpu;

typedef struct GICState {
    int num_cpus, num_irqs;
    uint32_t ctlr;                  /* GICD_CTLR */
    GICCpu cpu[GIC_MAX_CPUS];
    GICIrq *spi;                    /* num_irqs - 32 entries */
    int current_cpu;
    int (*cpu_fn)(void *opaque);
    void *cpu_opaque;
} GICState;

extern const MemOps gic_dist_ops, gic_cpu_ops;

/* num_cpus 1..8; num_irqs a multiple of 32 in 32..1020 (checked: dies). */
GICState *gic_new(int num_cpus, int num_irqs);
void gic_free(GICState *s);
void gic_reset(GICState *s);
/* The CPU's IRQ and FIQ inputs (level: 1 = asserted). */
void gic_connect_cpu(GICState *s, int cpu, IrqLine irq, IrqLine fiq);
/* Input lines: SPI n is INTID 32+n; PPI n is INTID 16+n of that CPU. */
IrqLine gic_spi(GICState *s, int spi);
IrqLine gic_ppi(GICState *s, int cpu, int ppi);
/* Which CPU makes the register accesses that follow. */
void gic_set_current_cpu(GICState *s, int cpu);
void gic_set_cpu_fn(GICState *s, int (*fn)(void *opaque), void *opaque);

#endif
