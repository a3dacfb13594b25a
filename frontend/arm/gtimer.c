/* SPDX-License-Identifier: MIT */
/*
 * The ARMv7 Generic Timer (ARM ARM B8) of Cortex-A15/A7: CNTFRQ, CNTKCTL,
 * the 64-bit physical and virtual counts (CNTVOFF is 0: no Hyp mode),
 * and the physical and virtual timers (CTL, CVAL, TVAL).  Time comes from
 * the board's clock_ns hook (else host monotonic time); the count ticks
 * at 62.5 MHz like qemu-system-arm's.  Timer outputs are levels sent
 * through gt_irq whenever a register write or arm_gt_update changes them.
 */
#include <time.h>

#include "frontend/arm/cpu.h"
#include "frontend/arm/internals.h"

#define GT_CTL_ENABLE 1u
#define GT_CTL_IMASK 2u
#define GT_CTL_ISTATUS 4u

static uint64_t gt_host_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t gt_now_ns(ARMCPU *cpu)
{
    if (cpu->clock_ns) {
        return cpu->clock_ns(cpu->clock_opaque);
    }
    return gt_host_ns() - cpu->host_ns_base;
}

uint64_t arm_gt_count(ARMCPU *cpu)
{
    return gt_now_ns(cpu) / ARM_GT_NS_PER_TICK;
}

/* The count a timer compares against */
static uint64_t gt_timer_count(ARMCPU *cpu, int t)
{
    uint64_t c = arm_gt_count(cpu);
    return t == ARM_GT_VIRT ? c - cpu->cntvoff : c;
}

static bool gt_istatus(ARMCPU *cpu, int t)
{
    const ARMGenericTimer *g = &cpu->gt[t];
    return (g->ctl & GT_CTL_ENABLE) &&
           (int64_t)(gt_timer_count(cpu, t) - g->cval) >= 0;
}

void arm_gt_update(ARMCPU *cpu)
{
    for (int t = 0; t < ARM_GT_NUM; t++) {
        ARMGenericTimer *g = &cpu->gt[t];
        bool level = gt_istatus(cpu, t) && !(g->ctl & GT_CTL_IMASK);
        if (level != g->level) {
            g->level = level;
            if (cpu->gt_irq) {
                cpu->gt_irq(cpu->gt_irq_opaque, t, level);
            }
        }
    }
}

uint64_t arm_gt_next_deadline_ns(ARMCPU *cpu)
{
    uint64_t best = UINT64_MAX;
    for (int t = 0; t < ARM_GT_NUM; t++) {
        const ARMGenericTimer *g = &cpu->gt[t];
        if (!(g->ctl & GT_CTL_ENABLE) || (g->ctl & GT_CTL_IMASK) ||
            g->level) {
            continue;
        }
        uint64_t cval = t == ARM_GT_VIRT ? g->cval + cpu->cntvoff : g->cval;
        uint64_t ns = cval > UINT64_MAX / ARM_GT_NS_PER_TICK
                          ? UINT64_MAX : cval * ARM_GT_NS_PER_TICK;
        if (ns < best) {
            best = ns;
        }
    }
    return best;
}

void arm_gt_reset(ARMCPU *cpu)
{
    cpu->cntfrq = ARM_GT_HZ;
    cpu->cntkctl = 0;
    cpu->cntvoff = 0;
    for (int t = 0; t < ARM_GT_NUM; t++) {
        cpu->gt[t].ctl = 0;
        cpu->gt[t].cval = 0;
    }
    arm_gt_update(cpu);     /* a disabled timer's output is low */
    cpu->host_ns_base = gt_host_ns();
}

uint64_t arm_gt_read(ARMCPU *cpu, int reg)
{
    int t = reg >= ARM_GT_REG_V_CTL ? ARM_GT_VIRT : ARM_GT_PHYS;
    switch (reg) {
    case ARM_GT_REG_FRQ: return cpu->cntfrq;
    case ARM_GT_REG_KCTL: return cpu->cntkctl;
    case ARM_GT_REG_PCT: return arm_gt_count(cpu);
    case ARM_GT_REG_VCT: return arm_gt_count(cpu) - cpu->cntvoff;
    case ARM_GT_REG_P_CTL:
    case ARM_GT_REG_V_CTL:
        return cpu->gt[t].ctl | (gt_istatus(cpu, t) ? GT_CTL_ISTATUS : 0);
    case ARM_GT_REG_P_TVAL:
    case ARM_GT_REG_V_TVAL:
        return (uint32_t)(cpu->gt[t].cval - gt_timer_count(cpu, t));
    case ARM_GT_REG_P_CVAL:
    case ARM_GT_REG_V_CVAL:
        return cpu->gt[t].cval;
    default:
        return 0;
    }
}

void arm_gt_write(ARMCPU *cpu, int reg, uint64_t val)
{
    int t = reg >= ARM_GT_REG_V_CTL ? ARM_GT_VIRT : ARM_GT_PHYS;
    switch (reg) {
    case ARM_GT_REG_FRQ:
        cpu->cntfrq = (uint32_t)val;
        return;
    case ARM_GT_REG_KCTL:
        cpu->cntkctl = (uint32_t)val & 0x3ff;
        return;
    case ARM_GT_REG_P_CTL:
    case ARM_GT_REG_V_CTL:
        cpu->gt[t].ctl = (uint32_t)val & (GT_CTL_ENABLE | GT_CTL_IMASK);
        break;
    case ARM_GT_REG_P_TVAL:
    case ARM_GT_REG_V_TVAL:
        cpu->gt[t].cval = gt_timer_count(cpu, t) +
                          (uint64_t)(int64_t)(int32_t)val;
        break;
    case ARM_GT_REG_P_CVAL:
    case ARM_GT_REG_V_CVAL:
        cpu->gt[t].cval = val;
        break;
    default:
        return;
    }
    arm_gt_update(cpu);
}
