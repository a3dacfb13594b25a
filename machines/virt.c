/* SPDX-License-Identifier: MIT */
/*
 * The ARM `virt` board, with QEMU's memory map so one guest runs on both
 * (see virt.h): RAM at 0x40000000, GICv2, PL011, generic timers, and
 * -smp N CPUs round-robin on one thread.  This file builds the devices
 * and CPUs from a MachineConfig and keeps the timers in step with the
 * event loop; virt-fdt.c describes the board, virt-boot.c loads it.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hw/core/loader.h"
#include "hw/core/log.h"
#include "machines/virt.h"
#include "tcg/backend.h"
#include "tcg/exec.h"

#define VIRT_TB_CODE_SIZE (32u << 20)
/* Below 4 GiB: a 32-bit CPU without LPAE reaches no further. */
#define VIRT_RAM_MAX (3ull << 30)

static void virt_free(Machine *m)
{
    VirtMachine *vm = (VirtMachine *)m;

    if (m->serial) {
        chardev_free(m->serial);    /* first: its thread may notify */
    }
    for (int i = 0; i < vm->smp && vm->cpus[i]; i++) {
        timer_del(&vm->gt_timer[i]);
        arm_cpu_free(vm->cpus[i]);
    }
    virt_free_virtio(vm);
    if (vm->rtc) {
        pl031_free(vm->rtc);
    }
    if (m->loop) {
        event_loop_free(m->loop);
    }
    if (vm->gic) {
        gic_free(vm->gic);
    }
    if (m->tbc) {
        tbc_free(m->tbc);
    }
    if (m->as) {
        as_free(m->as);
    }
    virt_free_flash(vm);        /* after the mapping is gone */
    virt_boot_free(vm->boot);
    free(vm->kernel_path);
    free(vm);
}

static Chardev *virt_serial(const MachineConfig *cfg)
{
    if (cfg->serial_chr) {
        return cfg->serial_chr;
    }
    switch (cfg->serial) {
    case SERIAL_STDIO:
        return chardev_new_stdio(false);
    case SERIAL_MUX:
        return chardev_new_stdio(true);
    case SERIAL_NULL:
    default:
        return chardev_new_null();
    }
}

/* Semihosting console: stderr, as qemu-system-arm 7.2 does by default. */
static void virt_semihost_write(void *opaque, const char *buf, size_t len)
{
    fflush(stdout);
    while (len > 0) {
        ssize_t n = write(STDERR_FILENO, buf, len);
        if (n <= 0) {
            return;
        }
        buf += n;
        len -= (size_t)n;
    }
}

static int virt_semihost_readc(void *opaque)
{
    VirtMachine *vm = opaque;

    return vm->m.serial ? chardev_read_wait(vm->m.serial) : -1;
}

static void virt_setup_semihosting(VirtMachine *vm, ARMCPU *cpu,
                                   const MachineConfig *cfg)
{
    cpu->semihosting = cfg->semihosting;
    cpu->semihost_write = virt_semihost_write;
    cpu->semihost_readc = virt_semihost_readc;
    cpu->semihost_opaque = vm;
    cpu->ram_base = VIRT_RAM_BASE;
    cpu->ram_size = (uint32_t)vm->ram_size;
}

/* ---- generic timers ---- */

/* Guest time (ns), the same for every CPU so their counters agree. */
static uint64_t virt_clock(void *opaque)
{
    VirtMachine *vm = opaque;

    return (uint64_t)(clock_ns() - vm->clock_base);
}

static void virt_gt_irq(void *opaque, int timer, int level)
{
    IrqLine *lines = opaque;

    irq_set(&lines[timer], level);
}

static void virt_gt_expired(void *opaque)
{
    ARMCPU *cpu = opaque;

    arm_gt_update(cpu);
}

/* Host timer for CPU i at its generic timers' next output change. */
static void virt_gt_rearm(VirtMachine *vm, int i)
{
    uint64_t d;

    arm_gt_update(vm->cpus[i]);
    d = arm_gt_next_deadline_ns(vm->cpus[i]);
    if (d == vm->gt_deadline[i] && (d == UINT64_MAX ||
                                    vm->gt_timer[i].pending)) {
        return;
    }
    vm->gt_deadline[i] = d;
    if (d == UINT64_MAX) {
        timer_del(&vm->gt_timer[i]);
    } else {
        int64_t when = d > (uint64_t)INT64_MAX / 2
                           ? INT64_MAX / 2 : vm->clock_base + (int64_t)d;
        timer_mod(&vm->gt_timer[i], when);
    }
}

/* After every CPU run and wake: UART input, timer deadlines. */
static void virt_sync(Machine *m)
{
    VirtMachine *vm = (VirtMachine *)m;

    pl011_poll(&vm->uart);
    m->slice_wanted = false;
    for (int i = 0; i < vm->smp; i++) {
        virt_gt_rearm(vm, i);
        /* A running guest may re-program its timer without an exit:
         * look again every slice while one is enabled. */
        m->slice_wanted |= (vm->cpus[i]->gt[ARM_GT_PHYS].ctl |
                            vm->cpus[i]->gt[ARM_GT_VIRT].ctl) & 1;
    }
}

/* ---- CPUs and devices ---- */

static int virt_current_cpu(void *opaque)
{
    Machine *m = opaque;

    return m->current_cpu;
}

static void virt_build_gic(VirtMachine *vm)
{
    AddressSpace *as = vm->m.as;

    vm->gic = gic_new(vm->smp, VIRT_GIC_NUM_IRQS);
    as_add_mmio(as, "gic-dist", VIRT_GIC_DIST_BASE, GIC_DIST_SIZE,
                &gic_dist_ops, vm->gic);
    as_add_mmio(as, "gic-cpu", VIRT_GIC_CPU_BASE, GIC_CPU_SIZE,
                &gic_cpu_ops, vm->gic);
    gic_set_cpu_fn(vm->gic, virt_current_cpu, &vm->m);
    vm->m.has_irq_source = true;
}

/* GIC output n (CPU n / 2; 0 IRQ, 1 FIQ) into that CPU. */
static void virt_cpu_irq(void *opaque, int n, int level)
{
    VirtMachine *vm = opaque;

    arm_cpu_set_irq(vm->cpus[n / 2], n % 2, level);
    if (level) {
        machine_cpu_woken(&vm->m, n / 2);
    }
}

/* CPU i: clock, timers and interrupt wiring; false if the model is bad. */
static bool virt_add_cpu(VirtMachine *vm, const MachineConfig *cfg,
                         const char *model, int i)
{
    ARMCPU *cpu = arm_cpu_new(model, vm->m.as, vm->m.tbc);

    if (!cpu) {
        error_report("unknown CPU model '%s' for virt (-cpu help lists "
                     "them)", model);
        return false;
    }
    vm->cpus[i] = cpu;
    timer_init(&vm->gt_timer[i], vm->m.loop, virt_gt_expired, cpu);
    cpu->common.cpu_index = i;
    cpu->mpidr = cpu->model->mpidr_base | (uint32_t)i;
    cpu->clock_ns = virt_clock;
    cpu->clock_opaque = vm;
    virt_setup_semihosting(vm, cpu, cfg);
    cpu->psci_call = virt_psci_call;
    cpu->psci_opaque = vm;
    vm->psci = true;
    gic_connect_cpu(vm->gic, i, irq_line(virt_cpu_irq, vm, 2 * i),
                    irq_line(virt_cpu_irq, vm, 2 * i + 1));
    vm->gt_lines[i][ARM_GT_PHYS] = gic_ppi(vm->gic, i, VIRT_PPI_PHYS_TIMER);
    vm->gt_lines[i][ARM_GT_VIRT] = gic_ppi(vm->gic, i, VIRT_PPI_VIRT_TIMER);
    cpu->gt_irq = virt_gt_irq;
    cpu->gt_irq_opaque = vm->gt_lines[i];
    vm->gt_deadline[i] = UINT64_MAX;
    machine_add_cpu(&vm->m, &cpu->common);
    /* Secondaries wait powered down for PSCI CPU_ON. */
    vm->m.cpu_off[i] = i > 0;
    return true;
}

/* Memory map and devices; false after reporting the problem. */
static bool virt_build(VirtMachine *vm, const MachineConfig *cfg)
{
    Machine *m = &vm->m;
    IrqLine uart_irq;

    m->as = as_new("system");
    if (!as_add_ram(m->as, "virt.ram", VIRT_RAM_BASE, vm->ram_size)) {
        return false;
    }
    virt_build_gic(vm);
    pl011_init(&vm->uart, NULL);    /* backend attached once all is well */
    uart_irq = gic_spi(vm->gic, VIRT_SPI_UART);
    pl011_connect_irq(&vm->uart, uart_irq.handler, uart_irq.opaque,
                      uart_irq.n);
    if (!as_add_mmio(m->as, "pl011", VIRT_UART_BASE, VIRT_UART_SIZE,
                     &pl011_ops, &vm->uart)) {
        return false;
    }
    m->tbc = tbc_new(cfg->backend, VIRT_TB_CODE_SIZE);
    if (!m->tbc || !machine_init_loop(m) || !virt_add_flash(vm)) {
        return false;
    }
    virt_add_rtc(vm);
    return virt_add_virtio(vm, cfg);
}

/* Power-on state again, boot images reloaded (PSCI SYSTEM_RESET).  RAM
 * keeps the rest, the flash keeps its contents, disks are untouched. */
static bool virt_reset(Machine *m)
{
    VirtMachine *vm = (VirtMachine *)m;

    for (int i = 0; i < vm->smp; i++) {
        arm_cpu_reset(vm->cpus[i]);
        vm->m.cpu_off[i] = i > 0;
        vm->gt_deadline[i] = UINT64_MAX;
        timer_del(&vm->gt_timer[i]);
    }
    gic_reset(vm->gic);
    virt_reset_devices(vm);
    return virt_boot_load(vm);
}

static bool virt_smp_from(const MachineConfig *cfg, int *smp)
{
    *smp = cfg->smp ? cfg->smp : 1;
    if (*smp < 1 || *smp > MACHINE_MAX_CPUS) {
        error_report("-smp %d: virt has room for 1 to %d CPUs (GICv2)",
                     cfg->smp, MACHINE_MAX_CPUS);
        return false;
    }
    return true;
}

static Machine *virt_init(const MachineConfig *cfg)
{
    VirtMachine *vm = calloc(1, sizeof(*vm));
    const char *model = cfg->cpu_model ? cfg->cpu_model
                                       : virt_machine.default_cpu;
    bool dumped = false;

    if (!vm) {
        die("out of memory");
    }
    vm->m.info = &virt_machine;
    vm->m.free = virt_free;
    vm->m.sync = virt_sync;
    vm->m.reset = virt_reset;
    vm->no_reboot = cfg->no_reboot;
    vm->ram_size = cfg->ram_size ? cfg->ram_size : virt_machine.default_ram;
    vm->clock_base = clock_ns();
    if (!virt_smp_from(cfg, &vm->smp) || !virt_build(vm, cfg)) {
        goto fail;
    }
    for (int i = 0; i < vm->smp; i++) {
        if (!virt_add_cpu(vm, cfg, model, i)) {
            goto fail;
        }
    }
    if (!virt_boot_setup(vm, cfg, &dumped)) {
        goto fail;
    }
    vm->m.exit_now = dumped;
    /* Last, so that errors above leave the terminal alone. */
    vm->m.serial = dumped ? chardev_new_null() : virt_serial(cfg);
    if (dumped) {
        chardev_free(cfg->serial_chr);
    }
    chardev_set_quit_handler(vm->m.serial, machine_request_quit, &vm->m);
    chardev_set_input_notify(vm->m.serial, machine_notify, &vm->m);
    vm->uart.chr = vm->m.serial;
    return &vm->m;

fail:
    chardev_free(cfg->serial_chr);      /* ours even when init fails */
    virt_free(&vm->m);
    return NULL;
}

const MachineInfo virt_machine = {
    .name = "virt",
    .desc = "ARM Virtual Machine (RAM at 0x40000000, GICv2, PL011)",
    .default_cpu = "cortex-a15",
    .default_ram = 128u << 20,
    .max_ram = VIRT_RAM_MAX,
    .init = virt_init,
    .cpu_list = arm_cpu_list,
};
