/* SPDX-License-Identifier: MIT */
/*
 * Arm semihosting (AArch32, "svc 0x123456" in ARM state from a privileged
 * mode): the console subset bare-metal test programs use.  r0 holds the
 * operation, r1 the argument (usually a pointer to a block of words); the
 * result goes to r0.  The console handle ":tt" is the only file; output
 * goes through cpu->semihost_write (default: stderr, as qemu-system-arm).
 * The MMU is off, so guest pointers are physical addresses.
 */
#include <errno.h>
#include <string.h>
#include <time.h>

#include "frontend/arm/cpu.h"
#include "hw/core/log.h"

enum {
    SYS_OPEN = 0x01, SYS_CLOSE = 0x02, SYS_WRITEC = 0x03, SYS_WRITE0 = 0x04,
    SYS_WRITE = 0x05, SYS_READ = 0x06, SYS_READC = 0x07, SYS_ISERROR = 0x08,
    SYS_ISTTY = 0x09, SYS_SEEK = 0x0a, SYS_FLEN = 0x0c, SYS_CLOCK = 0x10,
    SYS_TIME = 0x11, SYS_ERRNO = 0x13, SYS_GET_CMDLINE = 0x15,
    SYS_HEAPINFO = 0x16, SYS_EXIT = 0x18, SYS_ELAPSED = 0x30,
    SYS_EXIT_EXTENDED = 0x20, SYS_TICKFREQ = 0x31,
};

#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

/* Console handles returned by SYS_OPEN(":tt") */
enum { SH_STDIN = 1, SH_STDOUT = 2, SH_STDERR = 3 };

static bool sh_read_word(ARMCPU *cpu, uint32_t addr, uint32_t *val)
{
    uint64_t v;
    if (as_read(cpu->common.as, addr, &v, 4) != MEMTX_OK) {
        return false;
    }
    *val = (uint32_t)v;
    return true;
}

/* Word n of the argument block at r1 */
static uint32_t sh_arg(ARMCPU *cpu, int n)
{
    uint32_t v = 0;
    if (!sh_read_word(cpu, cpu->regs[1] + 4u * (uint32_t)n, &v)) {
        log_mask(LOG_GUEST_ERROR, "semihosting: bad argument block 0x%08x\n",
                 cpu->regs[1]);
    }
    return v;
}

static void sh_out(ARMCPU *cpu, const char *buf, size_t len)
{
    if (len && cpu->semihost_write) {
        cpu->semihost_write(cpu->semihost_opaque, buf, len);
    }
}

/* Copy guest bytes to the console in chunks; returns bytes not written */
static uint32_t sh_write_guest(ARMCPU *cpu, uint32_t addr, uint32_t len)
{
    char buf[256];
    while (len) {
        uint32_t n = len < sizeof(buf) ? len : sizeof(buf);
        if (!as_read_bytes(cpu->common.as, addr, buf, n)) {
            return len;
        }
        sh_out(cpu, buf, n);
        addr += n;
        len -= n;
    }
    return 0;
}

static void sh_write0(ARMCPU *cpu, uint32_t addr)
{
    char buf[256];
    size_t n = 0;
    uint8_t c;
    while (as_read_bytes(cpu->common.as, addr++, &c, 1) && c) {
        buf[n++] = (char)c;
        if (n == sizeof(buf)) {
            sh_out(cpu, buf, n);
            n = 0;
        }
    }
    sh_out(cpu, buf, n);
}

static uint32_t sh_open(ARMCPU *cpu)
{
    char name[8] = { 0 };
    uint32_t ptr = sh_arg(cpu, 0), mode = sh_arg(cpu, 1);
    uint32_t len = sh_arg(cpu, 2);
    if (len == 3 && as_read_bytes(cpu->common.as, ptr, name, 3) &&
        memcmp(name, ":tt", 3) == 0) {
        return mode < 4 ? SH_STDIN : mode < 8 ? SH_STDOUT : SH_STDERR;
    }
    log_mask(LOG_UNIMP, "semihosting: SYS_OPEN of host files is not "
             "supported\n");
    cpu->semihost_errno = ENOENT;
    return UINT32_MAX;
}

static uint32_t sh_read(ARMCPU *cpu)
{
    uint32_t fd = sh_arg(cpu, 0), addr = sh_arg(cpu, 1);
    uint32_t len = sh_arg(cpu, 2), done = 0;
    if (fd != SH_STDIN || !cpu->semihost_readc) {
        return len;
    }
    while (done < len) {
        int c = cpu->semihost_readc(cpu->semihost_opaque);
        if (c < 0) {
            break;
        }
        uint8_t b = (uint8_t)c;
        as_write_bytes(cpu->common.as, addr + done, &b, 1);
        done++;
        if (b == '\n') {
            break;
        }
    }
    return len - done;
}

static uint64_t sh_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/*
 * As qemu-system-arm 7.2: heap from the end of the loaded image to the top
 * of RAM, stack base at the top of RAM, stack limit = heap base.
 */
static uint32_t sh_heapinfo(ARMCPU *cpu)
{
    uint32_t base = cpu->ram_size ? cpu->ram_base : 0x40000000u;
    uint32_t size = cpu->ram_size ? cpu->ram_size : 128u << 20;
    uint32_t heap = cpu->image_end ? cpu->image_end : base + size / 2;
    uint32_t block = sh_arg(cpu, 0);
    uint32_t vals[4] = { heap, base + size, base + size, heap };
    for (int i = 0; i < 4; i++) {
        as_write(cpu->common.as, block + 4u * (uint32_t)i, vals[i], 4);
    }
    return 0;
}

_Noreturn static void sh_exit(ARMCPU *cpu, int status)
{
    cpu->common.exit_code = status;
    cpu->common.exception_index = EXCP_EXIT;
    cpu->common.stopped = true;
    cpu_loop_exit(&cpu->common);
}

static uint32_t sh_readc(ARMCPU *cpu)
{
    int c = cpu->semihost_readc ? cpu->semihost_readc(cpu->semihost_opaque)
                                : -1;
    return (uint32_t)c;
}

static uint32_t sh_dispatch(ARMCPU *cpu, uint32_t op)
{
    char c;
    switch (op) {
    case SYS_OPEN: return sh_open(cpu);
    case SYS_CLOSE: return 0;
    case SYS_WRITEC:
        if (as_read_bytes(cpu->common.as, cpu->regs[1], &c, 1)) {
            sh_out(cpu, &c, 1);
        }
        return cpu->regs[0];
    case SYS_WRITE0:
        sh_write0(cpu, cpu->regs[1]);
        return cpu->regs[0];
    case SYS_WRITE:
        return sh_write_guest(cpu, sh_arg(cpu, 1), sh_arg(cpu, 2));
    case SYS_READ: return sh_read(cpu);
    case SYS_READC: return sh_readc(cpu);
    case SYS_ISERROR: return (int32_t)sh_arg(cpu, 0) < 0;
    case SYS_ISTTY: return 1;
    case SYS_CLOCK:
        return (uint32_t)((sh_now_ns() - cpu->semihost_start_ns) / 10000000);
    case SYS_TIME: return (uint32_t)time(NULL);
    case SYS_ERRNO: return cpu->semihost_errno;
    case SYS_GET_CMDLINE:
        as_write(cpu->common.as, sh_arg(cpu, 0), 0, 1);
        as_write(cpu->common.as, cpu->regs[1] + 4, 0, 4);
        return 0;
    case SYS_HEAPINFO: return sh_heapinfo(cpu);
    case SYS_ELAPSED: {
        uint64_t t = sh_now_ns() - cpu->semihost_start_ns;
        as_write(cpu->common.as, cpu->regs[1], (uint32_t)t, 4);
        as_write(cpu->common.as, cpu->regs[1] + 4, (uint32_t)(t >> 32), 4);
        return 0;
    }
    case SYS_TICKFREQ: return 1000000000u;      /* SYS_ELAPSED ticks: ns */
    case SYS_EXIT:
        sh_exit(cpu, cpu->regs[1] == ADP_STOPPED_APPLICATION_EXIT ? 0 : 1);
    case SYS_EXIT_EXTENDED:
        sh_exit(cpu, sh_arg(cpu, 0) == ADP_STOPPED_APPLICATION_EXIT
                         ? (int)sh_arg(cpu, 1) : 1);
    default:
        log_mask(LOG_UNIMP, "semihosting: operation 0x%x not supported\n",
                 op);
        return UINT32_MAX;
    }
}

void arm_semihost_call(ARMCPU *cpu)
{
    if (!cpu->semihost_start_ns) {
        cpu->semihost_start_ns = sh_now_ns();
    }
    cpu->regs[0] = sh_dispatch(cpu, cpu->regs[0]);
}
