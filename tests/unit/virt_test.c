/* SPDX-License-Identifier: MIT */
/*
 * The virt board end to end without a cross compiler: hand-assembled A32
 * programs written to a file, loaded as raw image and as ELF, run with
 * both backends, UART output captured in a buffer Chardev.
 */
#include <stdlib.h>
#include <unistd.h>

#include "frontend/arm/cpu.h"
#include "machines/machine.h"
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

static Machine *virt_with(const char *kernel, const Backend *be)
{
    MachineConfig cfg = {
        .kernel = kernel,
        .semihosting = true,
        .backend = be,
        .serial_chr = chardev_new_buffer(),
    };

    return virt_machine.init(&cfg);
}

static void run_hello(const char *kernel, const Backend *be)
{
    Machine *m = virt_with(kernel, be);

    ASSERT(m != NULL);
    ASSERT_EQ(machine_run(m), 0);
    ASSERT_STR_EQ(chardev_output(m->serial, NULL), "H");
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
    int fd = mkstemp(path);
    Machine *m;
    ARMCPU *cpu;
    uint8_t *dtb;

    ASSERT(fd >= 0);
    close(fd);
    write_file(path, prog_hello, sizeof(prog_hello));
    m = virt_with(path, &interp_backend);
    ASSERT(m != NULL);
    cpu = arm_cpu(m->cpu);
    ASSERT_EQ(cpu->regs[15], 0x40000000);   /* enters through the stub */
    dtb = as_ram_ptr(m->as, 0x44000000, 4);   /* RAM + min(RAM/2, 128M) */
    ASSERT_EQ(dtb[0], 0xd0);                /* FDT magic d00dfeed */
    ASSERT_EQ(dtb[3], 0xed);
    ASSERT_EQ(machine_run(m), 0);
    ASSERT_STR_EQ(chardev_output(m->serial, NULL), "H");
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
