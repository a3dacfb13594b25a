/* SPDX-License-Identifier: MIT */
/*
 * The virt board end to end without a cross compiler: hand-assembled A32
 * programs written to a file, loaded as raw image and as ELF, run with
 * both backends, UART output captured in a buffer Chardev.
 */
#include <stdlib.h>
#include <unistd.h>

#include <libfdt.h>

#include "frontend/arm/cpu.h"
#include "hw/core/fdt.h"
#include "machines/machine.h"
#include "machines/virt.h"
#include "tcg/backend.h"
#include "tests/test.h"

/* Print 'H' on the PL011, then semihosting SYS_EXIT (status 0). */
static const uint32_t prog_hello[] = {
    0xe3a01409,     /* mov r1, #0x09000000 */
    0xe3a03048,     /* mov r3, #'H' */
    0xe5813000,     /* str r3, [r1] */
    0xe3a00018,     /* mov r0, #0x18 (SYS_EXIT) */
    0xe59f1004,     /* ldr r1, [pc, #4] */
    0xef123456,     /* svc 0x123456 */
    0xeafffffe,     /* b . */
    0x00020026,     /* ADP_Stopped_ApplicationExit */
};

static void write_file(const char *path, const void *buf, size_t len)
{
    FILE *f = fopen(path, "wb");

    ASSERT(f != NULL);
    ASSERT_EQ(fwrite(buf, 1, len, f), len);
    fclose(f);
}

/* A minimal ELF32 ARM executable: one PT_LOAD of code at addr. */
static void write_elf(const char *path, uint32_t addr, const void *code,
                      size_t len)
{
    uint8_t buf[0x200] = { 0x7f, 'E', 'L', 'F', 1, 1, 1 };
    uint32_t *w;

    buf[16] = 2;                            /* ET_EXEC */
    buf[18] = 40;                           /* EM_ARM */
    buf[20] = 1;
    w = (uint32_t *)(buf + 24);
    w[0] = addr;                            /* e_entry */
    w[1] = 52;                              /* e_phoff */
    buf[42] = 32;                           /* e_phentsize */
    buf[44] = 1;                            /* e_phnum */
    w = (uint32_t *)(buf + 52);
    w[0] = 1;                               /* PT_LOAD */
    w[1] = 0x100;                           /* p_offset */
    w[2] = w[3] = addr;                     /* p_vaddr, p_paddr */
    w[4] = w[5] = (uint32_t)len;            /* p_filesz, p_memsz */
    memcpy(buf + 0x100, code, len);
    write_file(path, buf, 0x100 + len);
}

/* A temporary file for a guest image, named in path. */
static void temp_file(char *path, const void *buf, size_t len)
{
    int fd = mkstemp(path);

    ASSERT(fd >= 0);
    close(fd);
    write_file(path, buf, len);
}

/* The board cfg asks for, with semihosting and the UART in a buffer. */
static Machine *virt_boot(MachineConfig cfg)
{
    cfg.semihosting = true;
    cfg.serial_chr = chardev_new_buffer();
    cfg.append = "console=ttyAMA0";
    return virt_machine.init(&cfg);
}

static Machine *virt_with(const char *kernel, const Backend *be)
{
    return virt_boot((MachineConfig) { .kernel = kernel, .backend = be });
}

/* Run m until its program exits (status 0) with want on the UART. */
static void run_expect(Machine *m, const char *want)
{
    ASSERT(m != NULL);
    ASSERT_EQ(machine_run(m), 0);
    ASSERT_STR_EQ(chardev_output(m->serial, NULL), want);
}

static void run_hello(const char *kernel, const Backend *be)
{
    Machine *m = virt_with(kernel, be);

    run_expect(m, "H");
    machine_free(m);
}

TEST(virt, registry)
{
    ASSERT(machine_find("virt") == &virt_machine);
    ASSERT(machine_find("nope") == NULL);
    ASSERT_EQ(virt_machine.default_ram, 128u << 20);
}

TEST(virt, raw_image_boot_stub)
{
    char path[] = "/tmp/mosaic-virt-XXXXXX";
    Machine *m;
    ARMCPU *cpu;
    uint8_t *dtb;

    temp_file(path, prog_hello, sizeof(prog_hello));
    m = virt_with(path, &interp_backend);
    ASSERT(m != NULL);
    cpu = arm_cpu(m->cpu);
    ASSERT_EQ(cpu->regs[15], 0x40000000);   /* enters through the stub */
    dtb = as_ram_ptr(m->as, 0x44000000, 4);   /* RAM + min(RAM/2, 128M) */
    ASSERT_EQ(dtb[0], 0xd0);                /* FDT magic d00dfeed */
    ASSERT_EQ(dtb[3], 0xed);
    run_expect(m, "H");
    ASSERT_EQ(cpu->regs[2], 0x44000000u);   /* r2 from the stub */
    machine_free(m);
    run_hello(path, &x86_64_backend);
    unlink(path);
}

TEST(virt, elf_entry)
{
    char path[] = "/tmp/mosaic-virt-XXXXXX";
    int fd = mkstemp(path);
    Machine *m;

    ASSERT(fd >= 0);
    close(fd);
    write_elf(path, 0x40200000, prog_hello, sizeof(prog_hello));
    m = virt_with(path, &interp_backend);
    ASSERT(m != NULL);
    ASSERT_EQ(arm_cpu(m->cpu)->regs[15], 0x40200000);
    ASSERT_EQ(arm_cpu(m->cpu)->regs[2], 0);
    machine_free(m);
    run_hello(path, &interp_backend);
    run_hello(path, &x86_64_backend);
    unlink(path);
}

TEST(virt, bad_kernel_gives_null)
{
    ASSERT(virt_with("/nonexistent/kernel", &interp_backend) == NULL);
}

/* A virt board as cfg says running prog (a raw image in path). */
static VirtMachine *virt_prog_cfg(MachineConfig cfg, char *path,
                                  const uint32_t *prog, size_t len)
{
    temp_file(path, prog, len);
    cfg.kernel = path;
    return (VirtMachine *)virt_boot(cfg);
}

static VirtMachine *virt_smp(int n, char *path)
{
    MachineConfig cfg = { .backend = &interp_backend, .smp = n };

    return virt_prog_cfg(cfg, path, prog_hello, sizeof(prog_hello));
}

/*
 * CPU 0 starts CPU 1 (PSCI CPU_ON) and spins, never idle, until CPU 1
 * sets a flag: 'S' on the UART, or 'F' after 20M tries.  A busy CPU must
 * not starve the other (the slice kick once ended every CPU's turn).
 */
static const uint32_t prog_smp_flag[] = {
    0xe28f204c,     /*  0: adr r2, secondary (0x54) */
    0xe3a003e1,     /*  4: mov r0, #0x84000003 (CPU_ON) */
    0xe3a01001,     /*  8: mov r1, #1 */
    0xe3a03000,     /*  c: mov r3, #0 */
    0xe1400070,     /* 10: hvc #0 */
    0xe28f4048,     /* 14: adr r4, flag (0x64) */
    0xe59f5048,     /* 18: ldr r5, =20000000 */
    0xe5946000,     /* 1c: ldr r6, [r4] */
    0xe3560000,     /* 20: cmp r6, #0 */
    0x1a000003,     /* 24: bne 0x38 */
    0xe2555001,     /* 28: subs r5, r5, #1 */
    0x1afffffa,     /* 2c: bne 0x1c */
    0xe3a03046,     /* 30: mov r3, #'F' */
    0xea000000,     /* 34: b 0x3c */
    0xe3a03053,     /* 38: mov r3, #'S' */
    0xe3a01409,     /* 3c: mov r1, #0x09000000 */
    0xe5813000,     /* 40: str r3, [r1] */
    0xe3a00018,     /* 44: mov r0, #0x18 (SYS_EXIT) */
    0xe59f101c,     /* 48: ldr r1, =0x20026 */
    0xef123456,     /* 4c: svc 0x123456 */
    0xeafffffe,     /* 50: b . */
    0xe28f4008,     /* 54: secondary: adr r4, flag */
    0xe3a06001,     /* 58: mov r6, #1 */
    0xe5846000,     /* 5c: str r6, [r4] */
    0xeafffffe,     /* 60: b . */
    0x00000000,     /* 64: flag */
    0x01312d00,     /* 68: 20000000 */
    0x00020026,     /* 6c: ADP_Stopped_ApplicationExit */
};

/*
 * Counts its boots in RAM (0x40100000, which a reset leaves alone); on the
 * first two it starts CPU 1 (parked in WFI) and asks for PSCI
 * SYSTEM_RESET; the third prints 'R' and exits.
 */
static const uint32_t prog_reset3[] = {
    0xe3004000,     /*  0: movw r4, #0 */
    0xe3444010,     /*  4: movt r4, #0x4010 */
    0xe5940000,     /*  8: ldr r0, [r4] */
    0xe2800001,     /*  c: add r0, r0, #1 */
    0xe5840000,     /* 10: str r0, [r4] */
    0xe3500003,     /* 14: cmp r0, #3 */
    0x0a00000b,     /* 18: beq 0x4c */
    0xe3000003,     /* 1c: movw r0, #3 */
    0xe3480400,     /* 20: movt r0, #0x8400 (CPU_ON) */
    0xe3a01001,     /* 24: mov r1, #1 */
    0xe28f2014,     /* 28: adr r2, park (0x44) */
    0xe3a03000,     /* 2c: mov r3, #0 */
    0xe1400070,     /* 30: hvc #0 */
    0xe3000009,     /* 34: movw r0, #9 */
    0xe3480400,     /* 38: movt r0, #0x8400 (SYSTEM_RESET) */
    0xe1400070,     /* 3c: hvc #0 */
    0xeafffffe,     /* 40: b . */
    0xe320f003,     /* 44: park: wfi */
    0xeafffffd,     /* 48: b park */
    0xe3a01409,     /* 4c: mov r1, #0x09000000 */
    0xe3a03052,     /* 50: mov r3, #'R' */
    0xe5813000,     /* 54: str r3, [r1] */
    0xe3a00018,     /* 58: mov r0, #0x18 (SYS_EXIT) */
    0xe3001026,     /* 5c: movw r1, #0x26 */
    0xe3401002,     /* 60: movt r1, #2 (ADP_Stopped_ApplicationExit) */
    0xef123456,     /* 64: svc 0x123456 */
    0xeafffffe,     /* 68: b . */
};

/* Run a raw-image program on an n-CPU board until it exits; the UART
 * output must be want.  Returns the RAM word at 0x40100000 (programs
 * count their boots there) and whether CPU 1 ended powered off. */
static uint32_t run_prog(const Backend *be, const uint32_t *prog, size_t len,
                         int n, bool no_reboot, const char *want,
                         bool *cpu1_off)
{
    char path[] = "/tmp/mosaic-virt-XXXXXX";
    MachineConfig cfg = { .backend = be, .smp = n, .no_reboot = no_reboot };
    VirtMachine *vm = virt_prog_cfg(cfg, path, prog, len);
    uint32_t boots;

    ASSERT(vm != NULL);
    run_expect(&vm->m, want);
    boots = *(uint32_t *)as_ram_ptr(vm->m.as, 0x40100000, 4);
    if (cpu1_off) {
        *cpu1_off = n > 1 && vm->m.cpu_off[1];
    }
    machine_free(&vm->m);
    unlink(path);
    return boots;
}

TEST(virt, psci_system_reset_reboots_unless_no_reboot)
{
    const Backend *jit = &x86_64_backend;
    bool off;

    ASSERT_EQ(run_prog(jit, prog_reset3, sizeof(prog_reset3), 2, false, "R",
                       &off), 3u);
    ASSERT(off);                        /* the reset powered CPU 1 down */
    ASSERT_EQ(run_prog(jit, prog_reset3, sizeof(prog_reset3), 2, true, "",
                       &off), 1u);
    ASSERT(!off);                       /* -no-reboot: left as it was */
}

/*
 * The first boot patches the instruction at 0x1000 ('O' becomes 'X'),
 * runs it and resets; the reset reloads the image, so the second boot
 * must print 'O' again, not run the stale translation of the patch.
 */
static const uint32_t prog_patch_head[] = {
    0xe3004000,     /*  0: movw r4, #0 */
    0xe3444010,     /*  4: movt r4, #0x4010 */
    0xe5940000,     /*  8: ldr r0, [r4] */
    0xe2800001,     /*  c: add r0, r0, #1 */
    0xe5840000,     /* 10: str r0, [r4] */
    0xe3500001,     /* 14: cmp r0, #1 */
    0x1a000004,     /* 18: bne 0x30 */
    0xe24f7024,     /* 1c: adr r7, start */
    0xe3a08a01,     /* 20: mov r8, #0x1000 */
    0xe0875008,     /* 24: add r5, r7, r8 */
    0xe59f6004,     /* 28: ldr r6, =0xe3a03058 (mov r3, #'X') */
    0xe5856000,     /* 2c: str r6, [r5] */
    0xea0003f2,     /* 30: b 0x1000 */
    0xe3a03058,     /* 34: literal */
};
static const uint32_t prog_patch_tail[] = {
    0xe3a0304f,     /* 1000: mov r3, #'O' */
    0xe3a01409,     /* 1004: mov r1, #0x09000000 */
    0xe5813000,     /* 1008: str r3, [r1] */
    0xe3500002,     /* 100c: cmp r0, #2 */
    0x0a000003,     /* 1010: beq 0x1024 */
    0xe3000009,     /* 1014: movw r0, #9 */
    0xe3480400,     /* 1018: movt r0, #0x8400 (SYSTEM_RESET) */
    0xe1400070,     /* 101c: hvc #0 */
    0xeafffffe,     /* 1020: b . */
    0xe3a00018,     /* 1024: mov r0, #0x18 (SYS_EXIT) */
    0xe3001026,     /* 1028: movw r1, #0x26 */
    0xe3401002,     /* 102c: movt r1, #2 */
    0xef123456,     /* 1030: svc 0x123456 */
    0xeafffffe,     /* 1034: b . */
};

TEST(virt, reset_reloads_the_image_and_drops_stale_code)
{
    uint32_t img[0x1038 / 4] = { 0 };

    memcpy(img, prog_patch_head, sizeof(prog_patch_head));
    memcpy(img + 0x1000 / 4, prog_patch_tail, sizeof(prog_patch_tail));
    ASSERT_EQ(run_prog(&x86_64_backend, img, sizeof(img), 1, false, "XO",
                       NULL), 2u);
}

/*
 * The first boot fires the physical timer (CVAL 0, enabled) and resets;
 * the second reads GICD_ISPENDR0 bit 30 (the timer PPI) and CNTP_CTL:
 * "0a" when the reset lowered the timer's output, as on qemu.
 */
static const uint32_t prog_timer_reset[] = {
    0xe3004000,     /*  0: movw r4, #0 */
    0xe3444010,     /*  4: movt r4, #0x4010 */
    0xe5940000,     /*  8: ldr r0, [r4] */
    0xe2800001,     /*  c: add r0, r0, #1 */
    0xe5840000,     /* 10: str r0, [r4] */
    0xe3500001,     /* 14: cmp r0, #1 */
    0x1a00000c,     /* 18: bne 0x50 */
    0xe3a00000,     /* 1c: mov r0, #0 */
    0xe3a01000,     /* 20: mov r1, #0 */
    0xec410f2e,     /* 24: mcrr p15, 2, r0, r1, c14 (CNTP_CVAL) */
    0xe3a00001,     /* 28: mov r0, #1 */
    0xee0e0f32,     /* 2c: mcr p15, 0, r0, c14, c2, 1 (CNTP_CTL) */
    0xf57ff06f,     /* 30: isb */
    0xe59f505c,     /* 34: ldr r5, =1000000 */
    0xe2555001,     /* 38: subs r5, r5, #1 */
    0x1afffffd,     /* 3c: bne 0x38 */
    0xe3000009,     /* 40: movw r0, #9 */
    0xe3480400,     /* 44: movt r0, #0x8400 (SYSTEM_RESET) */
    0xe1400070,     /* 48: hvc #0 */
    0xeafffffe,     /* 4c: b . */
    0xe59f5040,     /* 50: ldr r5, =1000000 */
    0xe2555001,     /* 54: subs r5, r5, #1 */
    0x1afffffd,     /* 58: bne 0x54 */
    0xe3a01302,     /* 5c: mov r1, #0x08000000 */
    0xe5912200,     /* 60: ldr r2, [r1, #0x200] (GICD_ISPENDR0) */
    0xee1e6f32,     /* 64: mrc p15, 0, r6, c14, c2, 1 (CNTP_CTL) */
    0xe3a03030,     /* 68: mov r3, #'0' */
    0xe3120101,     /* 6c: tst r2, #(1 << 30) */
    0x13a03031,     /* 70: movne r3, #'1' */
    0xe3a01409,     /* 74: mov r1, #0x09000000 */
    0xe5813000,     /* 78: str r3, [r1] */
    0xe2866061,     /* 7c: add r6, r6, #'a' */
    0xe5816000,     /* 80: str r6, [r1] */
    0xe3a00018,     /* 84: mov r0, #0x18 (SYS_EXIT) */
    0xe3001026,     /* 88: movw r1, #0x26 */
    0xe3401002,     /* 8c: movt r1, #2 */
    0xef123456,     /* 90: svc 0x123456 */
    0xeafffffe,     /* 94: b . */
    0x000f4240,     /* 98: 1000000 */
};

TEST(virt, reset_lowers_the_timer_interrupt)
{
    ASSERT_EQ(run_prog(&x86_64_backend, prog_timer_reset,
                       sizeof(prog_timer_reset), 1, false, "0a", NULL), 2u);
}

/* PSCI_VERSION through a Thumb HVC (T1 encoding): 'T' when r0 is 1.0. */
static const uint32_t prog_thumb_hvc[] = {
    0xe28f0001,     /*  0: add r0, pc, #1 (Thumb at 8) */
    0xe12fff10,     /*  4: bx r0 */
    0x0000f240,     /*  8: movw r0, #0 */
    0x4000f2c8,     /*  c: movt r0, #0x8400 (PSCI_VERSION) */
    0x8000f7e0,     /* 10: hvc #0 */
    0x0346f04f,     /* 14: mov.w r3, #'F' */
    0x3f80f5b0,     /* 18: cmp.w r0, #0x10000 */
    0x2354bf08,     /* 1c: it eq; moveq r3, #'T' */
    0x6110f04f,     /* 20: mov.w r1, #0x09000000 */
    0x2018600b,     /* 24: str r3, [r1]; movs r0, #0x18 (SYS_EXIT) */
    0x0126f240,     /* 28: movw r1, #0x26 */
    0x0102f2c0,     /* 2c: movt r1, #2 */
    0xe7fedfab,     /* 30: svc 0xab (Thumb semihosting); b . */
};

TEST(virt, thumb_hvc_reaches_psci)
{
    run_prog(&x86_64_backend, prog_thumb_hvc, sizeof(prog_thumb_hvc), 1,
             false, "T", NULL);
}

TEST(virt, busy_cpu_does_not_starve_the_other)
{
    run_prog(&interp_backend, prog_smp_flag, sizeof(prog_smp_flag), 2, false,
             "S", NULL);
    run_prog(&x86_64_backend, prog_smp_flag, sizeof(prog_smp_flag), 2, false,
             "S", NULL);
}

/*
 * CPU 0 starts CPU 1, which enables its GIC CPU interface and waits in
 * WFI; CPU 0, then running alone, sends it SGI 0 and spins until CPU 1
 * (woken) sets a flag: 'S', or 'F' after 20M tries.  A CPU alone gets
 * no time slice, so the interrupt must end its turn.
 */
static const uint32_t prog_sgi_wake[] = {
    0xe3000003,     /*  0: movw r0, #3 */
    0xe3480400,     /*  4: movt r0, #0x8400 (CPU_ON) */
    0xe3a01001,     /*  8: mov r1, #1 */
    0xe28f2064,     /*  c: adr r2, second (0x78) */
    0xe3a03000,     /* 10: mov r3, #0 */
    0xe1400070,     /* 14: hvc #0 */
    0xe59f5084,     /* 18: ldr r5, =100000 (let CPU 1 reach WFI) */
    0xe2555001,     /* 1c: subs r5, r5, #1 */
    0x1afffffd,     /* 20: bne 0x1c */
    0xe3a06302,     /* 24: mov r6, #0x08000000 (GIC distributor) */
    0xe3a00001,     /* 28: mov r0, #1 */
    0xe5860000,     /* 2c: str r0, [r6] (GICD_CTLR) */
    0xe3a00802,     /* 30: mov r0, #0x20000 (SGI 0 to CPU 1) */
    0xe5860f00,     /* 34: str r0, [r6, #0xf00] (GICD_SGIR) */
    0xe28f4060,     /* 38: adr r4, flag (0xa0) */
    0xe59f5064,     /* 3c: ldr r5, =20000000 */
    0xe5940000,     /* 40: ldr r0, [r4] */
    0xe3500000,     /* 44: cmp r0, #0 */
    0x1a000003,     /* 48: bne 0x5c */
    0xe2555001,     /* 4c: subs r5, r5, #1 */
    0x1afffffa,     /* 50: bne 0x40 */
    0xe3a03046,     /* 54: mov r3, #'F' */
    0xea000000,     /* 58: b 0x60 */
    0xe3a03053,     /* 5c: mov r3, #'S' */
    0xe3a01409,     /* 60: mov r1, #0x09000000 */
    0xe5813000,     /* 64: str r3, [r1] */
    0xe3a00018,     /* 68: mov r0, #0x18 (SYS_EXIT) */
    0xe59f1038,     /* 6c: ldr r1, =0x20026 */
    0xef123456,     /* 70: svc 0x123456 */
    0xeafffffe,     /* 74: b . */
    0xe3a06302,     /* 78: second: mov r6, #0x08000000 */
    0xe2866801,     /* 7c: add r6, r6, #0x10000 (GIC CPU interface) */
    0xe3a000ff,     /* 80: mov r0, #0xff */
    0xe5860004,     /* 84: str r0, [r6, #4] (GICC_PMR) */
    0xe3a00001,     /* 88: mov r0, #1 */
    0xe5860000,     /* 8c: str r0, [r6] (GICC_CTLR) */
    0xe320f003,     /* 90: wfi */
    0xe28f4004,     /* 94: adr r4, flag */
    0xe5840000,     /* 98: str r0, [r4] */
    0xeafffffe,     /* 9c: b . */
    0x00000000,     /* a0: flag */
    0x000186a0,     /* a4: 100000 */
    0x01312d00,     /* a8: 20000000 */
    0x00020026,     /* ac: ADP_Stopped_ApplicationExit */
};

TEST(virt, interrupt_for_a_halted_cpu_ends_the_running_ones_turn)
{
    run_prog(&x86_64_backend, prog_sgi_wake, sizeof(prog_sgi_wake), 2,
             false, "S", NULL);
}

TEST(virt, psci_cpu_on_off)
{
    char path[] = "/tmp/mosaic-virt-XXXXXX";
    VirtMachine *vm = virt_smp(2, path);
    ARMCPU *c0, *c1;

    ASSERT(vm != NULL);
    c0 = vm->cpus[0];
    c1 = vm->cpus[1];
    ASSERT(vm->m.cpu_off[1]);
    c0->regs[0] = 0x84000004;               /* AFFINITY_INFO cpu 1: off */
    c0->regs[1] = 1;
    ASSERT(virt_psci_call(vm, c0));
    ASSERT_EQ(c0->regs[0], 1);
    c0->regs[0] = 0x84000003;               /* CPU_ON 1, Thumb entry */
    c0->regs[1] = 1;
    c0->regs[2] = 0x40001001;
    c0->regs[3] = 0x1234;
    ASSERT(virt_psci_call(vm, c0));
    ASSERT_EQ(c0->regs[0], 0);
    ASSERT(!vm->m.cpu_off[1]);
    ASSERT_EQ(c1->regs[15], 0x40001000u);
    ASSERT(c1->cpsr_rest & CPSR_T);
    ASSERT_EQ(c1->regs[0], 0x1234u);
    ASSERT_EQ(c1->mpidr & 0xff, 1u);
    c0->regs[0] = 0x84000003;               /* again: ALREADY_ON */
    c0->regs[1] = 1;
    ASSERT(virt_psci_call(vm, c0));
    ASSERT_EQ(c0->regs[0], (uint32_t)-4);
    c0->regs[0] = 0x84000000;
    ASSERT(virt_psci_call(vm, c0));
    ASSERT_EQ(c0->regs[0], 0x10000u);
    c1->regs[0] = 0x84000002;               /* CPU_OFF from cpu 1 */
    ASSERT(virt_psci_call(vm, c1));
    ASSERT(vm->m.cpu_off[1]);
    machine_free(&vm->m);
    unlink(path);
}

TEST(virt, device_tree_describes_board)
{
    char path[] = "/tmp/mosaic-virt-XXXXXX";
    VirtMachine *vm = virt_smp(2, path);
    size_t size;
    void *dtb;
    char err[128];
    int node, len;
    const char *s;

    ASSERT(vm != NULL);
    dtb = virt_fdt_build(vm, &size);
    ASSERT(dtb != NULL);
    ASSERT_EQ(fdt_validate(dtb, size, err, sizeof(err)), 0);
    ASSERT(fdt_path_offset(dtb, "/cpus/cpu@1") >= 0);
    ASSERT(fdt_path_offset(dtb, "/psci") >= 0);     /* HVC reaches PSCI */
    ASSERT(fdt_path_offset(dtb, "/pl031@9010000") >= 0);
    ASSERT(fdt_path_offset(dtb, "/virtio_mmio@a003e00") >= 0);
    ASSERT(fdt_path_offset(dtb, "/flash@0") >= 0);
    node = fdt_path_offset(dtb, "/intc@8000000");
    ASSERT(node >= 0);
    ASSERT_EQ(fdt_node_check_compatible(dtb, node, "arm,cortex-a15-gic"), 0);
    node = fdt_path_offset(dtb, "/chosen");
    s = fdt_getprop(dtb, node, "stdout-path", &len);
    ASSERT_STR_EQ(s, "/pl011@9000000");
    s = fdt_getprop(dtb, fdt_path_offset(dtb, "/cpus/cpu@0"),
                    "enable-method", &len);
    ASSERT_STR_EQ(s, "psci");
    free(dtb);
    /* The tree the guest got: bootargs filled in, at RAM + 128M/2. */
    dtb = as_ram_ptr(vm->m.as, 0x44000000, 0x100);
    node = fdt_path_offset(dtb, "/chosen");
    ASSERT_STR_EQ(fdt_getprop(dtb, node, "bootargs", &len),
                  "console=ttyAMA0");
    machine_free(&vm->m);
    unlink(path);
}

TEST(virt, initrd_formats)
{
    static const uint8_t gz_hello[] = {     /* gzip of "hello\n" */
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03,
        0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0xe7, 0x02, 0x00, 0x20, 0x30,
        0x3a, 0x36, 0x06, 0x00, 0x00, 0x00,
    };
    char err[128];

    ASSERT(virt_check_initrd(gz_hello, sizeof(gz_hello), err, sizeof(err)));
    ASSERT(!virt_check_initrd(gz_hello, 15, err, sizeof(err)));
    ASSERT(strstr(err, "truncated gzip") != NULL);
    ASSERT(virt_check_initrd((const uint8_t *)"070701000000", 12, err,
                             sizeof(err)));
    ASSERT(!virt_check_initrd((const uint8_t *)"\xfd" "7zXZ\0junk", 10, err,
                              sizeof(err)));
    ASSERT(!virt_check_initrd((const uint8_t *)"garbage!", 8, err,
                              sizeof(err)));
    ASSERT(!virt_check_initrd(gz_hello, 0, err, sizeof(err)));
}
