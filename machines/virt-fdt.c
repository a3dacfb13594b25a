/* SPDX-License-Identifier: MIT */
/*
 * The virt board's device tree, generated at boot as qemu-system-arm 7.2
 * does for a Cortex-A15 (`-machine dumpdtb` on both gives the same
 * nodes, in QEMU's naming): memory, 32 virtio-mmio transports, PL031,
 * PL011, GICv2, flash, CPUs, the architected timer, the APB clock and
 * /chosen (no PCIe, fw-cfg, GPIO or PSCI yet).  Only what the board really has
 * is described.  2 address and 2 size cells throughout, like QEMU.
 */
#include <stdio.h>
#include <stdlib.h>

#include "hw/core/fdt.h"
#include "hw/core/log.h"
#include "machines/virt.h"

/* Phandles (fixed: the sequential writer cannot look them up). */
enum {
    VIRT_PHANDLE_CLK = 0x8000,
    VIRT_PHANDLE_GIC = 0x8001,
};

/* GIC interrupt specifier cells (binding arm,gic). */
enum {
    GIC_FDT_SPI = 0,
    GIC_FDT_PPI = 1,
    GIC_FDT_EDGE_RISING = 1,
    GIC_FDT_LEVEL_HIGH = 4,
};

static void virt_fdt_reg(FdtWriter *w, uint64_t base, uint64_t size)
{
    uint32_t reg[4] = { (uint32_t)(base >> 32), (uint32_t)base,
                        (uint32_t)(size >> 32), (uint32_t)size };

    fdtw_prop_cells(w, "reg", reg, 4);
}

static void virt_fdt_spi(FdtWriter *w, int spi, uint32_t flags)
{
    uint32_t irq[3] = { GIC_FDT_SPI, (uint32_t)spi, flags };

    fdtw_prop_cells(w, "interrupts", irq, 3);
}

static void virt_fdt_compat2(FdtWriter *w, const char *a, const char *b)
{
    const char *c[2] = { a, b };

    fdtw_prop_strs(w, "compatible", c, 2);
}

static void virt_fdt_psci(FdtWriter *w)
{
    const char *compat[3] = { "arm,psci-1.0", "arm,psci-0.2", "arm,psci" };

    fdtw_begin(w, "psci");
    fdtw_prop_u32(w, "migrate", 0x84000005);
    fdtw_prop_u32(w, "cpu_on", 0x84000003);
    fdtw_prop_u32(w, "cpu_off", 0x84000002);
    fdtw_prop_u32(w, "cpu_suspend", 0x84000001);
    fdtw_prop_str(w, "method", "hvc");
    fdtw_prop_strs(w, "compatible", compat, 3);
    fdtw_end(w);
}

static void virt_fdt_cpus(FdtWriter *w, VirtMachine *vm)
{
    char compat[64];

    snprintf(compat, sizeof(compat), "arm,%s", vm->cpus[0]->model->name);
    fdtw_begin(w, "cpus");
    fdtw_prop_u32(w, "#address-cells", 1);
    fdtw_prop_u32(w, "#size-cells", 0);
    for (int i = 0; i < vm->smp; i++) {
        fdtw_begin_addr(w, "cpu", (uint64_t)i);
        fdtw_prop_str(w, "device_type", "cpu");
        fdtw_prop_str(w, "compatible", compat);
        fdtw_prop_u32(w, "reg", vm->cpus[i]->mpidr & 0xffffffu);
        if (vm->psci && vm->smp > 1) {
            fdtw_prop_str(w, "enable-method", "psci");
        }
        fdtw_end(w);
    }
    fdtw_end(w);
}

static void virt_fdt_gic(FdtWriter *w)
{
    uint32_t reg[8] = { 0, VIRT_GIC_DIST_BASE, 0, GIC_DIST_SIZE,
                        0, VIRT_GIC_CPU_BASE, 0, GIC_CPU_SIZE };

    fdtw_begin_addr(w, "intc", VIRT_GIC_DIST_BASE);
    fdtw_prop_u32(w, "phandle", VIRT_PHANDLE_GIC);
    fdtw_prop_cells(w, "reg", reg, 8);
    fdtw_prop_str(w, "compatible", "arm,cortex-a15-gic");
    fdtw_prop_empty(w, "ranges");
    fdtw_prop_u32(w, "#size-cells", 2);
    fdtw_prop_u32(w, "#address-cells", 2);
    fdtw_prop_empty(w, "interrupt-controller");
    fdtw_prop_u32(w, "#interrupt-cells", 3);
    fdtw_end(w);
}

/* The architected timer's four PPIs: secure, non-secure, virtual, hyp. */
static void virt_fdt_timer(FdtWriter *w, VirtMachine *vm)
{
    static const int ppis[4] = { VIRT_PPI_SEC_TIMER, VIRT_PPI_PHYS_TIMER,
                                 VIRT_PPI_VIRT_TIMER, VIRT_PPI_HYP_TIMER };
    uint32_t flags = ((1u << vm->smp) - 1) << 8 | GIC_FDT_LEVEL_HIGH;
    uint32_t irqs[12];

    for (int i = 0; i < 4; i++) {
        irqs[3 * i] = GIC_FDT_PPI;
        irqs[3 * i + 1] = (uint32_t)ppis[i];
        irqs[3 * i + 2] = flags;
    }
    fdtw_begin(w, "timer");
    fdtw_prop_cells(w, "interrupts", irqs, 12);
    fdtw_prop_empty(w, "always-on");
    fdtw_prop_str(w, "compatible", "arm,armv7-timer");
    fdtw_end(w);
}

static void virt_fdt_clock(FdtWriter *w)
{
    fdtw_begin(w, "apb-pclk");
    fdtw_prop_u32(w, "phandle", VIRT_PHANDLE_CLK);
    fdtw_prop_str(w, "clock-output-names", "clk24mhz");
    fdtw_prop_u32(w, "clock-frequency", 24000000);
    fdtw_prop_u32(w, "#clock-cells", 0);
    fdtw_prop_str(w, "compatible", "fixed-clock");
    fdtw_end(w);
}

static void virt_fdt_uart(FdtWriter *w)
{
    const char *clock_names[2] = { "uartclk", "apb_pclk" };
    uint32_t clocks[2] = { VIRT_PHANDLE_CLK, VIRT_PHANDLE_CLK };

    fdtw_begin_addr(w, "pl011", VIRT_UART_BASE);
    fdtw_prop_strs(w, "clock-names", clock_names, 2);
    fdtw_prop_cells(w, "clocks", clocks, 2);
    virt_fdt_spi(w, VIRT_SPI_UART, GIC_FDT_LEVEL_HIGH);
    virt_fdt_reg(w, VIRT_UART_BASE, VIRT_UART_SIZE);
    virt_fdt_compat2(w, "arm,pl011", "arm,primecell");
    fdtw_end(w);
}

static void virt_fdt_rtc(FdtWriter *w)
{
    uint32_t clk = VIRT_PHANDLE_CLK;

    fdtw_begin_addr(w, "pl031", VIRT_RTC_BASE);
    fdtw_prop_str(w, "clock-names", "apb_pclk");
    fdtw_prop_cells(w, "clocks", &clk, 1);
    virt_fdt_spi(w, VIRT_SPI_RTC, GIC_FDT_LEVEL_HIGH);
    virt_fdt_reg(w, VIRT_RTC_BASE, VIRT_RTC_SIZE);
    virt_fdt_compat2(w, "arm,pl031", "arm,primecell");
    fdtw_end(w);
}

static void virt_fdt_flash(FdtWriter *w)
{
    uint32_t reg[8] = { 0, VIRT_FLASH_BASE, 0, VIRT_FLASH_BANK_SIZE,
                        0, VIRT_FLASH_BASE + VIRT_FLASH_BANK_SIZE, 0,
                        VIRT_FLASH_BANK_SIZE };

    fdtw_begin_addr(w, "flash", VIRT_FLASH_BASE);
    fdtw_prop_u32(w, "bank-width", PFLASH_BANK_WIDTH);
    fdtw_prop_cells(w, "reg", reg, 8);
    fdtw_prop_str(w, "compatible", "cfi-flash");
    fdtw_end(w);
}

static void virt_fdt_virtio(FdtWriter *w)
{
    for (int i = 0; i < VIRT_NUM_MMIO; i++) {
        uint64_t base = VIRT_MMIO_BASE + (uint64_t)i * VIRT_MMIO_SIZE;
        fdtw_begin_addr(w, "virtio_mmio", base);
        fdtw_prop_empty(w, "dma-coherent");
        virt_fdt_spi(w, VIRT_SPI_MMIO + i, GIC_FDT_EDGE_RISING);
        virt_fdt_reg(w, base, VIRT_MMIO_SIZE);
        fdtw_prop_str(w, "compatible", "virtio,mmio");
        fdtw_end(w);
    }
}

static void virt_fdt_memory(FdtWriter *w, VirtMachine *vm)
{
    fdtw_begin_addr(w, "memory", VIRT_RAM_BASE);
    virt_fdt_reg(w, VIRT_RAM_BASE, vm->ram_size);
    fdtw_prop_str(w, "device_type", "memory");
    fdtw_end(w);
}

static void virt_fdt_chosen(FdtWriter *w)
{
    char path[64];

    snprintf(path, sizeof(path), "/pl011@%x", VIRT_UART_BASE);
    fdtw_begin(w, "chosen");
    fdtw_prop_str(w, "stdout-path", path);
    fdtw_end(w);
}

void *virt_fdt_build(VirtMachine *vm, size_t *size)
{
    FdtWriter *w = fdtw_new();
    char err[256];
    void *blob;

    fdtw_prop_u32(w, "interrupt-parent", VIRT_PHANDLE_GIC);
    fdtw_prop_str(w, "model", "linux,dummy-virt");
    fdtw_prop_u32(w, "#size-cells", 2);
    fdtw_prop_u32(w, "#address-cells", 2);
    fdtw_prop_str(w, "compatible", "linux,dummy-virt");
    if (vm->psci) {
        virt_fdt_psci(w);
    }
    virt_fdt_memory(w, vm);
    virt_fdt_virtio(w);
    virt_fdt_rtc(w);
    virt_fdt_uart(w);
    virt_fdt_gic(w);
    virt_fdt_flash(w);
    virt_fdt_cpus(w, vm);
    if (vm->cpus[0]->model->has_gtimer) {
        virt_fdt_timer(w, vm);
    }
    virt_fdt_clock(w);
    virt_fdt_chosen(w);
    blob = fdtw_finish(w, size, err, sizeof(err));
    if (!blob) {
        error_report("cannot build the device tree: %s", err);
    }
    return blob;
}
