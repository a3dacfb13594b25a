/* SPDX-License-Identifier: MIT */
/*
 * ARM Generic Interrupt Controller v2, following the GIC Architecture
 * Specification v1.0/v2.0 (ARM IHI 0048B), without the Security and
 * Virtualization Extensions (all accesses behave as Secure ones do in a
 * GIC without them).  8-bit priorities; BPR minimum 0, ABPR minimum 1.
 *
 * Distributor (offsets from 0x08000000 on virt):
 *   0x000 GICD_CTLR            EnableGrp0 (bit 0), EnableGrp1 (bit 1)
 *   0x004 GICD_TYPER           ITLinesNumber, CPUNumber (read only)
 *   0x008 GICD_IIDR            implementer (read only)
 *   0x080 GICD_IGROUPRn        group bit per interrupt
 *   0x100 GICD_ISENABLERn      0x180 GICD_ICENABLERn
 *   0x200 GICD_ISPENDRn        0x280 GICD_ICPENDRn
 *   0x300 GICD_ISACTIVERn      0x380 GICD_ICACTIVERn
 *   0x400 GICD_IPRIORITYRn     byte per interrupt
 *   0x800 GICD_ITARGETSRn      byte per interrupt (0-31 read only)
 *   0xc00 GICD_ICFGRn          2 bits per interrupt, bit 1 = edge
 *   0xf00 GICD_SGIR            write only
 *   0xf10 GICD_CPENDSGIRn      0xf20 GICD_SPENDSGIRn (byte per SGI)
 *   0xfd0-0xffc                peripheral and component IDs
 * CPU interface (offsets from 0x08010000):
 *   0x00 GICC_CTLR  0x04 GICC_PMR   0x08 GICC_BPR   0x0c GICC_IAR
 *   0x10 GICC_EOIR  0x14 GICC_RPR   0x18 GICC_HPPIR 0x1c GICC_ABPR
 *   0x20 GICC_AIAR  0x24 GICC_AEOIR 0x28 GICC_AHPPIR
 *   0xd0-0xdc GICC_APRn  0xe0-0xec GICC_NSAPRn  0xfc GICC_IIDR
 *   0x1000 GICC_DIR
 */
#include <stdlib.h>

#include "hw/core/log.h"
#include "hw/intc/gic.h"

enum {
    GICD_CTLR = 0x000,
    GICD_TYPER = 0x004,
    GICD_IIDR = 0x008,
    GICD_IGROUPR = 0x080,
    GICD_ISENABLER = 0x100,
    GICD_ICENABLER = 0x180,
    GICD_ISPENDR = 0x200,
    GICD_ICPENDR = 0x280,
    GICD_ISACTIVER = 0x300,
    GICD_ICACTIVER = 0x380,
    GICD_IPRIORITYR = 0x400,
    GICD_ITARGETSR = 0x800,
    GICD_ICFGR = 0xc00,
    GICD_SGIR = 0xf00,
    GICD_CPENDSGIR = 0xf10,
    GICD_SPENDSGIR = 0xf20,
    GICD_ID_BASE = 0xfd0,
};

enum {
    GICC_CTLR = 0x00,
    GICC_PMR = 0x04,
    GICC_BPR = 0x08,
    GICC_IAR = 0x0c,
    GICC_EOIR = 0x10,
    GICC_RPR = 0x14,
    GICC_HPPIR = 0x18,
    GICC_ABPR = 0x1c,
    GICC_AIAR = 0x20,
    GICC_AEOIR = 0x24,
    GICC_AHPPIR = 0x28,
    GICC_APR = 0xd0,
    GICC_NSAPR = 0xe0,
    GICC_IIDR = 0xfc,
    GICC_DIR = 0x1000,
};

/* GICD_CTLR / GICC_CTLR bits */
#define CTLR_EN_GRP0 (1u << 0)
#define CTLR_EN_GRP1 (1u << 1)
#define CPU_CTLR_ACKCTL (1u << 2)
#define CPU_CTLR_FIQEN (1u << 3)
#define CPU_CTLR_CBPR (1u << 4)
#define CPU_CTLR_EOIMODE (1u << 9)
#define CPU_CTLR_MASK 0x3ffu

#define GICD_IIDR_VAL 0x0000043bu   /* implementer ARM */
#define GICC_IIDR_VAL 0x0002043bu   /* ARM, architecture version 2 */
#define GIC_IDLE_PRIO 0xff

/* 0xfd0..0xffc, one byte per word: PIDR4-7, PIDR0-3 (arch v2), CIDR0-3 */
static const uint8_t gic_id[12] = {
    0x04, 0x00, 0x00, 0x00, 0x90, 0xb4, 0x2b, 0x00, 0x0d, 0xf0, 0x05, 0xb1
};

/* ---- Interrupt state ---- */

static GICIrq *gic_irq(GICState *s, int cpu, int irq)
{
    if (irq < GIC_INTERNAL) {
        return &s->cpu[cpu].internal[irq];
    }
    return &s->spi[irq - GIC_INTERNAL];
}

static int gic_cpu_index(GICState *s)
{
    int cpu = s->cpu_fn ? s->cpu_fn(s->cpu_opaque) : s->current_cpu;

    if (cpu < 0 || cpu >= s->num_cpus) {
        log_mask(LOG_GUEST_ERROR, "gic: access from unknown CPU %d\n", cpu);
        return 0;
    }
    return cpu;
}

static bool gic_is_pending(GICState *s, int cpu, int irq)
{
    GICIrq *q = gic_irq(s, cpu, irq);

    if (irq < GIC_NR_SGIS) {
        return s->cpu[cpu].sgi_src[irq] != 0;
    }
    return q->pending || (!q->edge && q->level);
}

static bool gic_targets(GICState *s, int cpu, int irq)
{
    if (irq < GIC_INTERNAL || s->num_cpus == 1) {
        return irq < GIC_INTERNAL || cpu == 0;
    }
    return (s->spi[irq - GIC_INTERNAL].target >> cpu) & 1;
}

/* Group priority of prio for this CPU interface (3.3.3, table 3-2). */
static uint8_t gic_group_prio(GICCpu *c, bool group1, uint8_t prio)
{
    unsigned shift = c->bpr + 1;

    if (group1 && !(c->ctlr & CPU_CTLR_CBPR)) {
        shift = c->abpr;
    }
    return (uint8_t)(prio & (0xffu << shift));
}

static uint8_t gic_running_prio(GICCpu *c)
{
    uint8_t p = GIC_IDLE_PRIO;

    for (int i = 0; i < c->nb_active; i++) {
        p = c->active[i].prio < p ? c->active[i].prio : p;
    }
    return p;
}

/* Can q (pending or not) compete with best_prio for a CPU? */
static bool gic_candidate(GICState *s, const GICIrq *q, unsigned best_prio)
{
    unsigned grp_en = q->group1 ? CTLR_EN_GRP1 : CTLR_EN_GRP0;

    return q->enabled && !q->active && q->priority < best_prio &&
           (s->ctlr & grp_en);
}

/*
 * The highest priority pending interrupt the distributor forwards to cpu
 * (enabled, group enabled, targets cpu, not active), or GIC_SPURIOUS.
 * Ties go to the lowest ID.  gic_update caches it in GICCpu.best.
 */
static int gic_best_pending(GICState *s, int cpu)
{
    GICCpu *c = &s->cpu[cpu];
    int best = GIC_SPURIOUS;
    unsigned best_prio = 0x100;

    for (int irq = 0; irq < GIC_INTERNAL; irq++) {
        const GICIrq *q = &c->internal[irq];
        if (gic_candidate(s, q, best_prio) && gic_is_pending(s, cpu, irq)) {
            best = irq;
            best_prio = q->priority;
        }
    }
    for (int irq = GIC_INTERNAL; irq < s->num_irqs; irq++) {
        const GICIrq *q = &s->spi[irq - GIC_INTERNAL];
        if (gic_candidate(s, q, best_prio) &&
            (q->pending || (!q->edge && q->level)) &&
            gic_targets(s, cpu, irq)) {
            best = irq;
            best_prio = q->priority;
        }
    }
    return best;
}

/* Would irq (the best pending) be signalled to the CPU now? */
static bool gic_can_signal(GICState *s, int cpu, int irq)
{
    GICCpu *c = &s->cpu[cpu];
    GICIrq *q;

    if (irq == GIC_SPURIOUS) {
        return false;
    }
    q = gic_irq(s, cpu, irq);
    if (!(c->ctlr & (q->group1 ? CTLR_EN_GRP1 : CTLR_EN_GRP0))) {
        return false;
    }
    return q->priority < c->pmr &&
           gic_group_prio(c, q->group1, q->priority) < gic_running_prio(c);
}

static void gic_update_cpu(GICState *s, int cpu)
{
    GICCpu *c = &s->cpu[cpu];
    int irq = gic_best_pending(s, cpu);
    bool irq_out = false, fiq_out = false;

    c->best = irq;
    if (gic_can_signal(s, cpu, irq)) {
        bool g1 = gic_irq(s, cpu, irq)->group1;
        if (!g1 && (c->ctlr & CPU_CTLR_FIQEN)) {
            fiq_out = true;
        } else {
            irq_out = true;
        }
    }
    if (irq_out != c->irq_level) {
        c->irq_level = irq_out;
        irq_set(&c->irq, irq_out);
    }
    if (fiq_out != c->fiq_level) {
        c->fiq_level = fiq_out;
        irq_set(&c->fiq, fiq_out);
    }
}

static void gic_update(GICState *s)
{
    for (int cpu = 0; cpu < s->num_cpus; cpu++) {
        gic_update_cpu(s, cpu);
    }
}

/* ---- Input lines ---- */

static void gic_input(GICState *s, GICIrq *q, int level)
{
    bool l = level != 0;

    if (l == q->level) {
        return;             /* no edge, no change: nothing to recompute */
    }
    if (q->edge && l) {
        q->pending = true;
    }
    q->level = l;
    gic_update(s);
}

static void gic_spi_handler(void *opaque, int n, int level)
{
    GICState *s = opaque;

    gic_input(s, &s->spi[n], level);
}

static void gic_ppi_handler(void *opaque, int n, int level)
{
    GICState *s = opaque;

    gic_input(s, &s->cpu[n / GIC_INTERNAL].internal[n % GIC_INTERNAL],
              level);
}

IrqLine gic_spi(GICState *s, int spi)
{
    if (spi < 0 || spi >= s->num_irqs - GIC_INTERNAL) {
        die("gic: SPI %d out of range", spi);
    }
    return irq_line(gic_spi_handler, s, spi);
}

IrqLine gic_ppi(GICState *s, int cpu, int ppi)
{
    if (cpu < 0 || cpu >= s->num_cpus || ppi < 0 || ppi >= 16) {
        die("gic: PPI %d of CPU %d out of range", ppi, cpu);
    }
    return irq_line(gic_ppi_handler, s, cpu * GIC_INTERNAL + 16 + ppi);
}

/* ---- Distributor ---- */

/* Bit b of a one-bit-per-interrupt register (ISENABLER etc.). */
static bool *gic_bit_field(GICIrq *q, uint64_t base)
{
    switch (base) {
    case GICD_IGROUPR:
        return &q->group1;
    case GICD_ISENABLER:
    case GICD_ICENABLER:
        return &q->enabled;
    case GICD_ISPENDR:
    case GICD_ICPENDR:
        return &q->pending;
    default:
        return &q->active;
    }
}

static uint8_t gic_read_bits(GICState *s, int cpu, uint64_t base,
                             uint64_t off)
{
    int first = (int)(off - base) * 8;
    uint8_t v = 0;

    for (int i = 0; i < 8 && first + i < s->num_irqs; i++) {
        int irq = first + i;
        bool bit;
        if (base == GICD_ISPENDR || base == GICD_ICPENDR) {
            bit = gic_is_pending(s, cpu, irq);
        } else {
            bit = *gic_bit_field(gic_irq(s, cpu, irq), base);
        }
        v |= (uint8_t)bit << i;
    }
    return v;
}

/* Set (ISxxx, IGROUPR 1s) or clear (ICxxx, IGROUPR 0s) state bits. */
static void gic_write_bits(GICState *s, int cpu, uint64_t base,
                           uint64_t off, uint8_t val)
{
    int first = (int)(off - base) * 8;
    bool set = base == GICD_ISENABLER || base == GICD_ISPENDR ||
               base == GICD_ISACTIVER;

    for (int i = 0; i < 8 && first + i < s->num_irqs; i++) {
        int irq = first + i;
        bool *bit = gic_bit_field(gic_irq(s, cpu, irq), base);
        bool one = (val >> i) & 1;
        if (base == GICD_IGROUPR) {
            *bit = one;
        } else if (irq < GIC_NR_SGIS &&
                   (base == GICD_ISPENDR || base == GICD_ICPENDR)) {
            continue;       /* SGIs: use GICD_SPENDSGIR/CPENDSGIR */
        } else if (irq < GIC_NR_SGIS && base == GICD_ICENABLER) {
            continue;       /* SGIs are always enabled (3.1.2) */
        } else if (one) {
            *bit = set;
        }
    }
}

static uint8_t gic_read_cfg(GICState *s, int cpu, uint64_t off)
{
    int first = (int)(off - GICD_ICFGR) * 4;
    uint8_t v = 0;

    for (int i = 0; i < 4 && first + i < s->num_irqs; i++) {
        if (gic_irq(s, cpu, first + i)->edge) {
            v |= (uint8_t)(2u << (2 * i));
        }
    }
    return v;
}

static void gic_write_cfg(GICState *s, int cpu, uint64_t off, uint8_t val)
{
    int first = (int)(off - GICD_ICFGR) * 4;

    for (int i = 0; i < 4 && first + i < s->num_irqs; i++) {
        if (first + i >= GIC_NR_SGIS) {
            gic_irq(s, cpu, first + i)->edge = (val >> (2 * i + 1)) & 1;
        }
    }
}

static uint8_t gic_read_target(GICState *s, int cpu, int irq)
{
    if (s->num_cpus == 1 || irq >= s->num_irqs) {
        return 0;           /* uniprocessor: RAZ/WI (4.3.12) */
    }
    if (irq < GIC_INTERNAL) {
        return (uint8_t)(1u << cpu);
    }
    return s->spi[irq - GIC_INTERNAL].target;
}

static void gic_write_target(GICState *s, int irq, uint8_t val)
{
    if (s->num_cpus > 1 && irq >= GIC_INTERNAL && irq < s->num_irqs) {
        s->spi[irq - GIC_INTERNAL].target =
            val & (uint8_t)((1u << s->num_cpus) - 1);
    }
}

static uint8_t gic_dist_readb(GICState *s, int cpu, uint64_t off)
{
    uint32_t typer = (uint32_t)(s->num_irqs / 32 - 1) |
                     (uint32_t)(s->num_cpus - 1) << 5;
    int irq_bytes = (s->num_irqs + 7) / 8;

    if (off < 0x80) {
        unsigned sh = (off & 3) * 8;
        switch (off & ~3ull) {
        case GICD_CTLR:                                 /* GICD_CTLR */
            return (uint8_t)(s->ctlr >> sh);
        case GICD_TYPER:                                /* GICD_TYPER */
            return (uint8_t)(typer >> sh);
        case GICD_IIDR:                                 /* GICD_IIDR */
            return (uint8_t)(GICD_IIDR_VAL >> sh);
        }
    } else if (off < GICD_IPRIORITYR) {
        uint64_t base = off & ~0x7full;     /* IGROUPR .. ICACTIVER */
        if ((int)(off - base) < irq_bytes) {
            return gic_read_bits(s, cpu, base, off);
        }
    } else if (off < GICD_ITARGETSR) {                  /* IPRIORITYR */
        int irq = (int)(off - GICD_IPRIORITYR);
        if (irq < s->num_irqs) {
            return gic_irq(s, cpu, irq)->priority;
        }
    } else if (off < GICD_ICFGR) {                      /* ITARGETSR */
        return gic_read_target(s, cpu, (int)(off - GICD_ITARGETSR));
    } else if (off < GICD_ICFGR + (uint64_t)s->num_irqs / 4) {
        return gic_read_cfg(s, cpu, off);               /* ICFGR */
    } else if (off >= GICD_CPENDSGIR && off < GICD_SPENDSGIR + 16) {
        return s->cpu[cpu].sgi_src[off & 15];           /* C/SPENDSGIR */
    } else if (off >= GICD_ID_BASE && off < 0x1000) {
        return (off & 3) ? 0 : gic_id[(off - GICD_ID_BASE) >> 2];  /* IDs */
    }
    log_mask(LOG_GUEST_ERROR, "gic: read of bad distributor offset 0x%03x\n",
             (unsigned)off);
    return 0;
}

static void gic_dist_writeb(GICState *s, int cpu, uint64_t off, uint8_t val)
{
    int irq_bytes = (s->num_irqs + 7) / 8;

    if (off == GICD_CTLR) {                             /* GICD_CTLR */
        s->ctlr = val & (CTLR_EN_GRP0 | CTLR_EN_GRP1);
        return;
    }
    if (off < 0x80) {
        if (off >= 4 && off < 0xc) {
            log_mask(LOG_GUEST_ERROR, "gic: write to read-only GICD_%s\n",
                     off < 8 ? "TYPER" : "IIDR");
            return;
        }
        if (off < 4) {
            return;         /* upper bytes of GICD_CTLR */
        }
    } else if (off < GICD_IPRIORITYR) {
        uint64_t base = off & ~0x7full;
        if ((int)(off - base) < irq_bytes) {
            gic_write_bits(s, cpu, base, off, val);
            return;
        }
    } else if (off < GICD_ITARGETSR) {                  /* IPRIORITYR */
        int irq = (int)(off - GICD_IPRIORITYR);
        if (irq < s->num_irqs) {
            gic_irq(s, cpu, irq)->priority = val;
            return;
        }
    } else if (off < GICD_ICFGR) {                      /* ITARGETSR */
        gic_write_target(s, (int)(off - GICD_ITARGETSR), val);
        return;
    } else if (off < GICD_ICFGR + (uint64_t)s->num_irqs / 4) {
        gic_write_cfg(s, cpu, off, val);                /* ICFGR */
        return;
    } else if (off >= GICD_CPENDSGIR && off < GICD_SPENDSGIR) {
        s->cpu[cpu].sgi_src[off & 15] &= (uint8_t)~val; /* CPENDSGIR */
        return;
    } else if (off >= GICD_SPENDSGIR && off < GICD_SPENDSGIR + 16) {
        s->cpu[cpu].sgi_src[off & 15] |=                /* SPENDSGIR */
            val & (uint8_t)((1u << s->num_cpus) - 1);
        return;
    }
    log_mask(LOG_GUEST_ERROR, "gic: write to bad distributor offset 0x%03x\n",
             (unsigned)off);
}

/* GICD_SGIR: raise SGI sgi on the CPUs the filter selects (4.3.15). */
static void gic_write_sgir(GICState *s, int cpu, uint32_t val)
{
    int sgi = val & 15;
    unsigned list = (val >> 16) & 0xff;
    unsigned all = (1u << s->num_cpus) - 1;

    switch ((val >> 24) & 3) {
    case 0:
        break;
    case 1:
        list = all & ~(1u << cpu);
        break;
    case 2:
        list = 1u << cpu;
        break;
    default:
        log_mask(LOG_GUEST_ERROR, "gic: GICD_SGIR reserved filter\n");
        return;
    }
    for (int t = 0; t < s->num_cpus; t++) {
        if (list & (1u << t)) {
            s->cpu[t].sgi_src[sgi] |= (uint8_t)(1u << cpu);
        }
    }
}

static uint64_t gic_dist_read(void *opaque, uint64_t off, unsigned size)
{
    GICState *s = opaque;
    int cpu = gic_cpu_index(s);
    uint64_t v = 0;

    if (off == GICD_SGIR) {
        log_mask(LOG_GUEST_ERROR, "gic: read of write-only GICD_SGIR\n");
        return 0;
    }
    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)gic_dist_readb(s, cpu, off + i) << (8 * i);
    }
    return v;
}

static void gic_dist_write(void *opaque, uint64_t off, uint64_t val,
                           unsigned size)
{
    GICState *s = opaque;
    int cpu = gic_cpu_index(s);

    if (off >= GICD_SGIR && off < GICD_SGIR + 4) {
        if (off != GICD_SGIR || size != 4) {
            log_mask(LOG_GUEST_ERROR, "gic: GICD_SGIR needs a word write\n");
        } else {
            gic_write_sgir(s, cpu, (uint32_t)val);
        }
    } else {
        for (unsigned i = 0; i < size; i++) {
            gic_dist_writeb(s, cpu, off + i, (uint8_t)(val >> (8 * i)));
        }
    }
    gic_update(s);
}

const MemOps gic_dist_ops = {
    .read = gic_dist_read,
    .write = gic_dist_write,
    .min_size = 1,
    .max_size = 4,
    .endian = DEVICE_LITTLE_ENDIAN,
};

/* ---- CPU interface ---- */

/* INTID as IAR/HPPIR report it: SGIs carry the lowest source CPU. */
static uint32_t gic_irq_value(GICState *s, int cpu, int irq)
{
    uint8_t src;

    if (irq >= GIC_NR_SGIS) {
        return (uint32_t)irq;
    }
    src = s->cpu[cpu].sgi_src[irq];
    return (uint32_t)irq | (uint32_t)__builtin_ctz(src) << 10;
}

/*
 * GICC_HPPIR / GICC_AHPPIR (alias: only Group 1).  A Group 1 interrupt
 * reads as 1022 through GICC_HPPIR unless AckCtl is set.
 */
static uint32_t gic_hppir(GICState *s, int cpu, bool alias)
{
    int irq = s->cpu[cpu].best;
    bool g1;

    if (irq == GIC_SPURIOUS) {
        return GIC_SPURIOUS;
    }
    g1 = gic_irq(s, cpu, irq)->group1;
    if (alias && !g1) {
        return GIC_SPURIOUS;
    }
    if (!alias && g1 && !(s->cpu[cpu].ctlr & CPU_CTLR_ACKCTL)) {
        return 1022;
    }
    return gic_irq_value(s, cpu, irq);
}

/* GICC_IAR / GICC_AIAR: acknowledge the highest priority interrupt. */
static uint32_t gic_acknowledge(GICState *s, int cpu, bool alias)
{
    GICCpu *c = &s->cpu[cpu];
    int irq = c->best;
    uint32_t val = gic_hppir(s, cpu, alias);
    GICIrq *q;

    if ((val & 0x3ff) >= 1020) {
        return val;         /* 1022 or 1023 */
    }
    if (!gic_can_signal(s, cpu, irq)) {
        return GIC_SPURIOUS;
    }
    if (c->nb_active == GIC_ACTIVE_DEPTH) {
        log_mask(LOG_GUEST_ERROR, "gic: too many nested interrupts\n");
        return GIC_SPURIOUS;
    }
    q = gic_irq(s, cpu, irq);
    if (irq < GIC_NR_SGIS) {
        c->sgi_src[irq] &= (uint8_t)~(1u << ((val >> 10) & 7));
    } else {
        q->pending = false;
    }
    q->active = true;
    c->active[c->nb_active].irq = (uint16_t)irq;
    c->active[c->nb_active].prio = gic_group_prio(c, q->group1, q->priority);
    c->nb_active++;
    return val;
}

/* GICC_EOIR / GICC_AEOIR: priority drop, and deactivate unless EOImode. */
static void gic_end_of_interrupt(GICState *s, int cpu, uint32_t val)
{
    GICCpu *c = &s->cpu[cpu];
    int irq = val & 0x3ff;

    if (irq >= s->num_irqs) {
        return;             /* spurious IDs: ignored */
    }
    for (int i = c->nb_active - 1; i >= 0; i--) {
        if (c->active[i].irq == irq) {
            c->nb_active--;
            for (int j = i; j < c->nb_active; j++) {
                c->active[j] = c->active[j + 1];
            }
            if (!(c->ctlr & CPU_CTLR_EOIMODE)) {
                gic_irq(s, cpu, irq)->active = false;
            }
            return;
        }
    }
    log_mask(LOG_GUEST_ERROR, "gic: EOI of interrupt %d that is not active\n",
             irq);
}

static void gic_deactivate(GICState *s, int cpu, uint32_t val)
{
    int irq = val & 0x3ff;

    if (!(s->cpu[cpu].ctlr & CPU_CTLR_EOIMODE)) {
        log_mask(LOG_GUEST_ERROR, "gic: GICC_DIR write with EOImode 0\n");
        return;
    }
    if (irq < s->num_irqs) {
        gic_irq(s, cpu, irq)->active = false;
    }
}

static uint32_t gic_cpu_readw(GICState *s, int cpu, uint64_t off)
{
    GICCpu *c = &s->cpu[cpu];

    switch (off) {
    case GICC_CTLR:                                     /* GICC_CTLR */
        return c->ctlr;
    case GICC_PMR:                                      /* GICC_PMR */
        return c->pmr;
    case GICC_BPR:                                      /* GICC_BPR */
        return c->bpr;
    case GICC_IAR:                                      /* GICC_IAR */
        return gic_acknowledge(s, cpu, false);
    case GICC_RPR:                                      /* GICC_RPR */
        return gic_running_prio(c);
    case GICC_HPPIR:                                    /* GICC_HPPIR */
        return gic_hppir(s, cpu, false);
    case GICC_ABPR:                                     /* GICC_ABPR */
        return c->abpr;
    case GICC_AIAR:                                     /* GICC_AIAR */
        return gic_acknowledge(s, cpu, true);
    case GICC_AHPPIR:                                   /* GICC_AHPPIR */
        return gic_hppir(s, cpu, true);
    case GICC_IIDR:                                     /* GICC_IIDR */
        return GICC_IIDR_VAL;
    case GICC_EOIR:                                     /* GICC_EOIR */
    case GICC_AEOIR:                                    /* GICC_AEOIR */
    case GICC_DIR:                                      /* GICC_DIR */
        log_mask(LOG_GUEST_ERROR, "gic: read of write-only CPU register "
                 "0x%x\n", (unsigned)off);
        return 0;
    default:
        if (off >= GICC_APR && off < GICC_IIDR) {
            return 0;       /* GICC_APRn/NSAPRn: state kept elsewhere */
        }
        log_mask(LOG_GUEST_ERROR, "gic: read of bad CPU offset 0x%x\n",
                 (unsigned)off);
        return 0;
    }
}

static void gic_cpu_writew(GICState *s, int cpu, uint64_t off, uint32_t val)
{
    GICCpu *c = &s->cpu[cpu];

    switch (off) {
    case GICC_CTLR:                                     /* GICC_CTLR */
        c->ctlr = val & CPU_CTLR_MASK;
        break;
    case GICC_PMR:                                      /* GICC_PMR */
        c->pmr = (uint8_t)val;
        break;
    case GICC_BPR:                                      /* GICC_BPR */
        c->bpr = (uint8_t)(val & 7);
        break;
    case GICC_ABPR:                                     /* GICC_ABPR */
        c->abpr = (uint8_t)((val & 7) < 1 ? 1 : (val & 7));
        break;
    case GICC_EOIR:                                     /* GICC_EOIR */
    case GICC_AEOIR:                                    /* GICC_AEOIR */
        gic_end_of_interrupt(s, cpu, val);
        break;
    case GICC_DIR:                                      /* GICC_DIR */
        gic_deactivate(s, cpu, val);
        break;
    default:
        if (off >= GICC_APR && off < GICC_IIDR) {
            log_mask(LOG_UNIMP, "gic: write to GICC_APR/NSAPR ignored\n");
            break;
        }
        log_mask(LOG_GUEST_ERROR, "gic: write to read-only or bad CPU "
                 "offset 0x%x\n", (unsigned)off);
        break;
    }
}

static uint64_t gic_cpu_read(void *opaque, uint64_t off, unsigned size)
{
    GICState *s = opaque;
    int cpu = gic_cpu_index(s);
    uint32_t v;

    if (size != 4 || (off & 3)) {
        log_mask(LOG_GUEST_ERROR, "gic: %u-byte CPU interface read at 0x%x\n",
                 size, (unsigned)off);
        return 0;
    }
    v = gic_cpu_readw(s, cpu, off);
    gic_update(s);
    return v;
}

static void gic_cpu_write(void *opaque, uint64_t off, uint64_t val,
                          unsigned size)
{
    GICState *s = opaque;
    int cpu = gic_cpu_index(s);

    if (size != 4 || (off & 3)) {
        log_mask(LOG_GUEST_ERROR, "gic: %u-byte CPU interface write at "
                 "0x%x\n", size, (unsigned)off);
        return;
    }
    gic_cpu_writew(s, cpu, off, (uint32_t)val);
    gic_update(s);
}

const MemOps gic_cpu_ops = {
    .read = gic_cpu_read,
    .write = gic_cpu_write,
    .min_size = 1,
    .max_size = 4,
    .endian = DEVICE_LITTLE_ENDIAN,
};

/* ---- Life cycle ---- */

static void gic_reset_irq(GICIrq *q, int irq)
{
    bool level = q->level;

    *q = (GICIrq) { .level = level, .edge = irq < GIC_NR_SGIS,
                    .enabled = irq < GIC_NR_SGIS, .target = 0 };
}

void gic_reset(GICState *s)
{
    s->ctlr = 0;
    for (int cpu = 0; cpu < s->num_cpus; cpu++) {
        GICCpu *c = &s->cpu[cpu];
        c->ctlr = 0;
        c->pmr = 0;
        c->bpr = 0;
        c->abpr = 1;
        c->nb_active = 0;
        for (int i = 0; i < GIC_NR_SGIS; i++) {
            c->sgi_src[i] = 0;
        }
        for (int irq = 0; irq < GIC_INTERNAL; irq++) {
            gic_reset_irq(&c->internal[irq], irq);
        }
    }
    for (int irq = GIC_INTERNAL; irq < s->num_irqs; irq++) {
        gic_reset_irq(&s->spi[irq - GIC_INTERNAL], irq);
    }
    gic_update(s);
}

GICState *gic_new(int num_cpus, int num_irqs)
{
    GICState *s;

    if (num_cpus < 1 || num_cpus > GIC_MAX_CPUS || num_irqs < GIC_INTERNAL ||
        num_irqs > GIC_MAX_IRQS || num_irqs % 32) {
        die("gic: bad configuration (%d CPUs, %d interrupts)", num_cpus,
            num_irqs);
    }
    s = calloc(1, sizeof(*s));
    if (!s || !(s->spi = calloc((size_t)(num_irqs - GIC_INTERNAL) + 1,
                                sizeof(GICIrq)))) {
        die("out of memory");
    }
    s->num_cpus = num_cpus;
    s->num_irqs = num_irqs;
    gic_reset(s);
    return s;
}

void gic_free(GICState *s)
{
    if (s) {
        free(s->spi);
        free(s);
    }
}

void gic_connect_cpu(GICState *s, int cpu, IrqLine irq, IrqLine fiq)
{
    if (cpu < 0 || cpu >= s->num_cpus) {
        die("gic: CPU %d out of range", cpu);
    }
    s->cpu[cpu].irq = irq;
    s->cpu[cpu].fiq = fiq;
    irq_set(&irq, s->cpu[cpu].irq_level);
    irq_set(&fiq, s->cpu[cpu].fiq_level);
}

void gic_set_current_cpu(GICState *s, int cpu)
{
    s->current_cpu = cpu;
}

void gic_set_cpu_fn(GICState *s, int (*fn)(void *opaque), void *opaque)
{
    s->cpu_fn = fn;
    s->cpu_opaque = opaque;
}
