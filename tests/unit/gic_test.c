/* SPDX-License-Identifier: MIT */
/*
 * GICv2 device tests: distributor and CPU interface registers poked
 * through an AddressSpace, the CPUs' IRQ/FIQ pins watched through fake
 * sinks, input lines driven through gic_spi/gic_ppi.  No CPU involved.
 */
#include <stdlib.h>

#include "hw/core/memory.h"
#include "hw/intc/gic.h"
#include "tests/test.h"
#include "tests/unit/mmio-test.h"

#define GICD 0x08000000u
#define GICC 0x08010000u

typedef struct Rig {
    AddressSpace *as;
    GICState *s;
    int irq[GIC_MAX_CPUS], fiq[GIC_MAX_CPUS];
    int cpu;                /* the accessing CPU (through the callback) */
} Rig;

static void sink_irq(void *opaque, int n, int level)
{
    ((Rig *)opaque)->irq[n] = level;
}

static void sink_fiq(void *opaque, int n, int level)
{
    ((Rig *)opaque)->fiq[n] = level;
}

static int rig_cpu(void *opaque)
{
    return ((Rig *)opaque)->cpu;
}

static Rig *rig_new(int ncpus)
{
    Rig *r = calloc(1, sizeof(*r));

    r->as = as_new("test");
    r->s = gic_new(ncpus, 288);
    as_add_mmio(r->as, "gicd", GICD, GIC_DIST_SIZE, &gic_dist_ops, r->s);
    as_add_mmio(r->as, "gicc", GICC, GIC_CPU_SIZE, &gic_cpu_ops, r->s);
    for (int i = 0; i < ncpus; i++) {
        gic_connect_cpu(r->s, i, irq_line(sink_irq, r, i),
                        irq_line(sink_fiq, r, i));
    }
    if (ncpus > 1) {
        gic_set_cpu_fn(r->s, rig_cpu, r);
    }
    return r;
}

static void rig_free(Rig *r)
{
    gic_free(r->s);
    as_free(r->as);
    free(r);
}

static uint32_t rd(Rig *r, uint32_t addr)
{
    return (uint32_t)mmio_rd(r->as, addr, 4);
}

static uint8_t rdb(Rig *r, uint32_t addr)
{
    return (uint8_t)mmio_rd(r->as, addr, 1);
}

static void wr(Rig *r, uint32_t addr, uint32_t val)
{
    mmio_wr(r->as, addr, val, 4);
}

static void wrb(Rig *r, uint32_t addr, uint8_t val)
{
    mmio_wr(r->as, addr, val, 1);
}

/* Enable distributor and CPU interface (both groups), PMR open. */
static void rig_enable(Rig *r, int cpu)
{
    r->cpu = cpu;
    wr(r, GICD + 0x000, 3);
    wr(r, GICC + 0x000, 3);
    wr(r, GICC + 0x004, 0xf0);
}

/* Enable interrupt irq at priority prio. */
static void rig_irq_on(Rig *r, int irq, uint8_t prio)
{
    wr(r, GICD + 0x100 + irq / 32 * 4, 1u << (irq % 32));
    wrb(r, GICD + 0x400 + irq, prio);
}

TEST(gic, reset_values)
{
    Rig *r = rig_new(1);

    ASSERT_EQ(rd(r, GICD + 0x000), 0);                  /* GICD_CTLR */
    ASSERT_EQ(rd(r, GICD + 0x004), 8);                  /* 288 irqs, 1 CPU */
    ASSERT_EQ(rd(r, GICD + 0x004) & (1u << 10), 0);     /* SecurityExtn */
    ASSERT_EQ(rd(r, GICD + 0x008) & 0xfff, 0x43b);      /* ARM */
    ASSERT_EQ(rd(r, GICD + 0x080), 0);                  /* IGROUPR0 */
    ASSERT_EQ(rd(r, GICD + 0x100), 0xffff);             /* SGIs enabled */
    ASSERT_EQ(rd(r, GICD + 0x104), 0);
    ASSERT_EQ(rd(r, GICD + 0x200), 0);                  /* ISPENDR0 */
    ASSERT_EQ(rd(r, GICD + 0x300), 0);                  /* ISACTIVER0 */
    ASSERT_EQ(rd(r, GICD + 0x400), 0);                  /* IPRIORITYR0 */
    ASSERT_EQ(rd(r, GICD + 0x800), 0);                  /* uniproc: RAZ */
    ASSERT_EQ(rd(r, GICD + 0xc00), 0xaaaaaaaa);         /* SGIs edge */
    ASSERT_EQ(rd(r, GICD + 0xc08), 0);                  /* SPIs level */
    ASSERT_EQ(rd(r, GICD + 0xfe8), 0x2b);               /* ICPIDR2: v2 */
    ASSERT_EQ(rd(r, GICD + 0xff0), 0x0d);
    ASSERT_EQ(rd(r, GICD + 0xffc), 0xb1);
    ASSERT_EQ(rd(r, GICC + 0x00), 0);                   /* GICC_CTLR */
    ASSERT_EQ(rd(r, GICC + 0x04), 0);                   /* GICC_PMR */
    ASSERT_EQ(rd(r, GICC + 0x08), 0);                   /* GICC_BPR */
    ASSERT_EQ(rd(r, GICC + 0x1c), 1);                   /* GICC_ABPR */
    ASSERT_EQ(rd(r, GICC + 0x14), 0xff);                /* GICC_RPR idle */
    ASSERT_EQ(rd(r, GICC + 0x0c), 1023);                /* GICC_IAR */
    ASSERT_EQ(rd(r, GICC + 0x18), 1023);                /* GICC_HPPIR */
    ASSERT_EQ(rd(r, GICC + 0xfc), 0x0002043b);          /* GICC_IIDR */
    rig_free(r);
}

TEST(gic, typer_smp)
{
    Rig *r = rig_new(4);

    ASSERT_EQ(rd(r, GICD + 0x004), 8 | (3 << 5));
    r->cpu = 2;
    ASSERT_EQ(rd(r, GICD + 0x800), 0x04040404);         /* own mask */
    ASSERT_EQ(rd(r, GICD + 0x81c), 0x04040404);
    rig_free(r);
}

TEST(gic, level_spi)
{
    Rig *r = rig_new(1);
    IrqLine line = gic_spi(r->s, 1);                    /* INTID 33 */

    rig_enable(r, 0);
    irq_set(&line, 1);
    ASSERT_EQ(r->irq[0], 0);                            /* not enabled */
    ASSERT_EQ(rd(r, GICD + 0x204), 2);                  /* but pending */
    rig_irq_on(r, 33, 0xa0);
    ASSERT_EQ(r->irq[0], 1);
    ASSERT_EQ(r->fiq[0], 0);
    ASSERT_EQ(rd(r, GICC + 0x18), 33);                  /* HPPIR */
    ASSERT_EQ(rd(r, GICC + 0x0c), 33);                  /* IAR */
    ASSERT_EQ(r->irq[0], 0);                            /* active */
    ASSERT_EQ(rd(r, GICD + 0x304), 2);                  /* ISACTIVER1 */
    ASSERT_EQ(rd(r, GICC + 0x14), 0xa0);                /* RPR */
    ASSERT_EQ(rd(r, GICC + 0x0c), 1023);
    wr(r, GICC + 0x10, 33);                             /* EOIR */
    ASSERT_EQ(rd(r, GICD + 0x304), 0);
    ASSERT_EQ(rd(r, GICC + 0x14), 0xff);
    ASSERT_EQ(r->irq[0], 1);                            /* line still high */
    irq_set(&line, 0);
    ASSERT_EQ(r->irq[0], 0);
    ASSERT_EQ(rd(r, GICD + 0x204), 0);
    rig_free(r);
}

TEST(gic, edge_spi_and_pending_regs)
{
    Rig *r = rig_new(1);
    IrqLine line = gic_spi(r->s, 10);                   /* INTID 42 */

    rig_enable(r, 0);
    rig_irq_on(r, 42, 0x80);
    wr(r, GICD + 0xc08, 2u << (2 * (42 - 32)));         /* edge */
    ASSERT_EQ(rd(r, GICD + 0xc08), 2u << 20);
    irq_set(&line, 1);
    irq_set(&line, 0);
    ASSERT_EQ(r->irq[0], 1);                            /* latched */
    wr(r, GICD + 0x284, 1u << 10);                      /* ICPENDR1 */
    ASSERT_EQ(r->irq[0], 0);
    wr(r, GICD + 0x204, 1u << 10);                      /* ISPENDR1 */
    ASSERT_EQ(r->irq[0], 1);
    ASSERT_EQ(rd(r, GICC + 0x0c), 42);
    ASSERT_EQ(rd(r, GICD + 0x204), 0);                  /* ack cleared */
    wr(r, GICC + 0x10, 42);
    ASSERT_EQ(r->irq[0], 0);
    irq_set(&line, 1);
    ASSERT_EQ(rd(r, GICC + 0x0c), 42);
    wr(r, GICC + 0x10, 42);
    irq_set(&line, 1);                                  /* no new edge */
    ASSERT_EQ(r->irq[0], 0);
    irq_set(&line, 0);
    wr(r, GICD + 0x184, 1u << 10);                      /* ICENABLER1 */
    ASSERT_EQ(rd(r, GICD + 0x104), 0);
    rig_free(r);
}

TEST(gic, priority_mask_and_preemption)
{
    Rig *r = rig_new(1);
    IrqLine lo = gic_spi(r->s, 0), hi = gic_spi(r->s, 2);

    rig_enable(r, 0);
    rig_irq_on(r, 32, 0xa0);
    rig_irq_on(r, 34, 0x40);
    wr(r, GICC + 0x04, 0xa0);                           /* PMR: a0 masked */
    irq_set(&lo, 1);
    ASSERT_EQ(r->irq[0], 0);
    ASSERT_EQ(rd(r, GICC + 0x0c), 1023);
    wr(r, GICC + 0x04, 0xf8);
    ASSERT_EQ(rd(r, GICC + 0x04), 0xf8);
    ASSERT_EQ(r->irq[0], 1);
    ASSERT_EQ(rd(r, GICC + 0x0c), 32);
    irq_set(&hi, 1);                                    /* preempts */
    ASSERT_EQ(r->irq[0], 1);
    ASSERT_EQ(rd(r, GICC + 0x0c), 34);
    ASSERT_EQ(rd(r, GICC + 0x14), 0x40);
    wr(r, GICC + 0x10, 34);
    ASSERT_EQ(rd(r, GICC + 0x14), 0xa0);                /* back to lo */
    wr(r, GICC + 0x10, 32);
    ASSERT_EQ(rd(r, GICC + 0x14), 0xff);
    rig_free(r);
}

TEST(gic, binary_point_groups)
{
    Rig *r = rig_new(1);
    IrqLine a = gic_spi(r->s, 0), b = gic_spi(r->s, 1);

    rig_enable(r, 0);
    rig_irq_on(r, 32, 0x50);
    rig_irq_on(r, 33, 0x40);
    wr(r, GICC + 0x08, 5);      /* group priority bits [7:6] */
    ASSERT_EQ(rd(r, GICC + 0x08), 5);
    irq_set(&a, 1);
    ASSERT_EQ(rd(r, GICC + 0x0c), 32);
    ASSERT_EQ(rd(r, GICC + 0x14), 0x40);                /* group prio */
    irq_set(&b, 1);             /* 0x40 is in the same group: no preempt */
    ASSERT_EQ(r->irq[0], 0);
    ASSERT_EQ(rd(r, GICC + 0x0c), 1023);
    ASSERT_EQ(rd(r, GICC + 0x18), 33);                  /* but pending */
    wr(r, GICC + 0x10, 32);
    ASSERT_EQ(r->irq[0], 1);
    ASSERT_EQ(rd(r, GICC + 0x0c), 33);
    wr(r, GICC + 0x10, 33);
    wr(r, GICC + 0x1c, 0);                              /* ABPR min 1 */
    ASSERT_EQ(rd(r, GICC + 0x1c), 1);
    rig_free(r);
}

TEST(gic, groups_fiq_and_ackctl)
{
    Rig *r = rig_new(1);
    IrqLine g0 = gic_spi(r->s, 0), g1 = gic_spi(r->s, 1);

    rig_enable(r, 0);
    rig_irq_on(r, 32, 0x80);
    rig_irq_on(r, 33, 0x20);
    wr(r, GICD + 0x084, 2);                             /* 33 in group 1 */
    ASSERT_EQ(rd(r, GICD + 0x084), 2);
    wr(r, GICC + 0x00, 3 | 8);                          /* FIQEn */
    irq_set(&g0, 1);
    ASSERT_EQ(r->fiq[0], 1);
    ASSERT_EQ(r->irq[0], 0);
    irq_set(&g1, 1);                                    /* higher prio */
    ASSERT_EQ(r->irq[0], 1);
    ASSERT_EQ(r->fiq[0], 0);
    ASSERT_EQ(rd(r, GICC + 0x18), 1022);                /* AckCtl=0 */
    ASSERT_EQ(rd(r, GICC + 0x0c), 1022);
    ASSERT_EQ(rd(r, GICC + 0x28), 33);                  /* AHPPIR */
    ASSERT_EQ(rd(r, GICC + 0x20), 33);                  /* AIAR */
    ASSERT_EQ(r->irq[0], 0);
    ASSERT_EQ(r->fiq[0], 0);    /* 0x80 cannot preempt 0x20 */
    wr(r, GICC + 0x24, 33);                             /* AEOIR */
    ASSERT_EQ(r->fiq[0], 0);    /* 33 still pending (level), wins */
    irq_set(&g1, 0);
    ASSERT_EQ(r->fiq[0], 1);
    ASSERT_EQ(rd(r, GICC + 0x28), 1023);                /* group 0 */
    ASSERT_EQ(rd(r, GICC + 0x0c), 32);
    wr(r, GICC + 0x10, 32);
    wr(r, GICD + 0x000, 2);                             /* grp0 off */
    ASSERT_EQ(r->fiq[0], 0);
    ASSERT_EQ(rd(r, GICC + 0x0c), 1023);
    rig_free(r);
}

TEST(gic, sgi_target_filters)
{
    Rig *r = rig_new(4);

    for (int c = 0; c < 4; c++) {
        rig_enable(r, c);
        wrb(r, GICD + 0x400 + 3, 0x10);                 /* banked prio */
    }
    r->cpu = 1;
    wr(r, GICD + 0xf00, (0x5u << 16) | 3);              /* to CPUs 0, 2 */
    ASSERT_EQ(r->irq[0], 1);
    ASSERT_EQ(r->irq[1], 0);
    ASSERT_EQ(r->irq[2], 1);
    ASSERT_EQ(r->irq[3], 0);
    r->cpu = 2;
    ASSERT_EQ(rdb(r, GICD + 0xf23), 0x02);              /* from CPU 1 */
    ASSERT_EQ(rd(r, GICC + 0x0c), (1u << 10) | 3);      /* source in IAR */
    ASSERT_EQ(r->irq[2], 0);
    wr(r, GICC + 0x10, (1u << 10) | 3);
    r->cpu = 3;
    wr(r, GICD + 0xf00, (1u << 24) | 3);                /* all but self */
    ASSERT_EQ(r->irq[3], 0);
    r->cpu = 0;
    ASSERT_EQ(rdb(r, GICD + 0xf23), 0x0a);              /* CPUs 1 and 3 */
    ASSERT_EQ(rd(r, GICC + 0x0c), (1u << 10) | 3);
    wr(r, GICC + 0x10, (1u << 10) | 3);
    ASSERT_EQ(rd(r, GICC + 0x0c), (3u << 10) | 3);
    wr(r, GICC + 0x10, (3u << 10) | 3);
    ASSERT_EQ(r->irq[0], 0);
    wr(r, GICD + 0xf00, (2u << 24) | 5);                /* self only */
    ASSERT_EQ(rdb(r, GICD + 0xf25), 0x01);
    wrb(r, GICD + 0xf15, 0x01);                         /* CPENDSGIR */
    ASSERT_EQ(rdb(r, GICD + 0xf25), 0);
    wrb(r, GICD + 0xf26, 0x04);                         /* SPENDSGIR */
    ASSERT_EQ(rd(r, GICD + 0x200), 1u << 6);
    rig_free(r);
}

TEST(gic, ppi_banked_and_spi_targets)
{
    Rig *r = rig_new(2);
    IrqLine vtimer1 = gic_ppi(r->s, 1, 11);             /* INTID 27 */
    IrqLine spi = gic_spi(r->s, 5);                     /* INTID 37 */

    rig_enable(r, 0);
    rig_irq_on(r, 37, 0x80);
    rig_enable(r, 1);
    rig_irq_on(r, 27, 0x80);
    irq_set(&vtimer1, 1);
    ASSERT_EQ(r->irq[1], 1);
    ASSERT_EQ(r->irq[0], 0);
    r->cpu = 0;
    ASSERT_EQ(rd(r, GICD + 0x100) & (1u << 27), 0);     /* CPU 0's bank */
    ASSERT_EQ(rd(r, GICD + 0x200), 0);
    r->cpu = 1;
    ASSERT_EQ(rd(r, GICD + 0x200), 1u << 27);
    wrb(r, GICD + 0x800 + 37, 0x02);                    /* SPI to CPU 1 */
    ASSERT_EQ(rdb(r, GICD + 0x800 + 37), 0x02);
    wrb(r, GICD + 0x800 + 38, 0xff);                    /* masked to CPUs */
    ASSERT_EQ(rdb(r, GICD + 0x800 + 38), 0x03);
    irq_set(&spi, 1);
    ASSERT_EQ(r->irq[0], 0);
    ASSERT_EQ(rd(r, GICC + 0x0c), 27);
    wr(r, GICC + 0x10, 27);
    irq_set(&vtimer1, 0);
    ASSERT_EQ(rd(r, GICC + 0x0c), 37);
    wr(r, GICC + 0x10, 37);
    wrb(r, GICD + 0x800 + 37, 0x01);
    ASSERT_EQ(r->irq[0], 1);
    ASSERT_EQ(r->irq[1], 0);
    rig_free(r);
}

TEST(gic, eoimode_split_and_active_regs)
{
    Rig *r = rig_new(1);
    IrqLine line = gic_spi(r->s, 3);

    rig_enable(r, 0);
    wr(r, GICC + 0x00, 3 | (1u << 9));                  /* EOImode */
    rig_irq_on(r, 35, 0x80);
    wr(r, GICD + 0xc08, 2u << 6);                       /* edge */
    irq_set(&line, 1);
    ASSERT_EQ(rd(r, GICC + 0x0c), 35);
    wr(r, GICC + 0x10, 35);                             /* drop only */
    ASSERT_EQ(rd(r, GICC + 0x14), 0xff);
    ASSERT_EQ(rd(r, GICD + 0x304), 1u << 3);            /* still active */
    wr(r, GICC + 0x1000, 35);                           /* GICC_DIR */
    ASSERT_EQ(rd(r, GICD + 0x304), 0);
    wr(r, GICD + 0x304, 1u << 3);                       /* ISACTIVER */
    ASSERT_EQ(rd(r, GICD + 0x304), 1u << 3);
    wr(r, GICD + 0x384, 1u << 3);                       /* ICACTIVER */
    ASSERT_EQ(rd(r, GICD + 0x304), 0);
    rig_free(r);
}

TEST(gic, priority_bytes_and_bad_accesses)
{
    Rig *r = rig_new(1);

    wr(r, GICD + 0x420, 0x11223344);
    ASSERT_EQ(rdb(r, GICD + 0x421), 0x33);
    wrb(r, GICD + 0x422, 0x99);
    ASSERT_EQ(rd(r, GICD + 0x420), 0x11993344);
    wr(r, GICD + 0x004, 0);                             /* TYPER: RO */
    ASSERT_EQ(rd(r, GICD + 0x004), 8);
    ASSERT_EQ(rd(r, GICD + 0xf00), 0);                  /* SGIR: WO */
    ASSERT_EQ(rd(r, GICD + 0x2000), 0);                 /* bad offset */
    ASSERT_EQ(rd(r, GICD + 0x10c0), 0);
    ASSERT_EQ(rdb(r, GICC + 0x0d), 0);                  /* byte: refused */
    wr(r, GICC + 0x10, 1023);                           /* spurious EOI */
    wr(r, GICC + 0x10, 40);                             /* not active */
    wr(r, GICD + 0xf00, 3u << 24);                      /* bad filter */
    wr(r, GICD + 0x17c, 0xffffffff);                    /* past the irqs */
    ASSERT_EQ(rd(r, GICD + 0x17c), 0);
    ASSERT_EQ(rd(r, GICC + 0x14), 0xff);
    rig_free(r);
}

TEST(gic, reset_clears_state)
{
    Rig *r = rig_new(1);
    IrqLine line = gic_spi(r->s, 0);

    rig_enable(r, 0);
    rig_irq_on(r, 32, 0x10);
    irq_set(&line, 1);
    ASSERT_EQ(rd(r, GICC + 0x0c), 32);
    gic_reset(r->s);
    ASSERT_EQ(r->irq[0], 0);
    ASSERT_EQ(rd(r, GICD + 0x104), 0);
    ASSERT_EQ(rd(r, GICC + 0x14), 0xff);
    ASSERT_EQ(rd(r, GICD + 0x204), 1);      /* the line is still high */
    rig_free(r);
}
