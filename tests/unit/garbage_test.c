/* SPDX-License-Identifier: MIT */
/*
 * Guests that execute garbage: random firmware in the flash at 0 (so the
 * exception vectors are garbage too), salted with stores and loads into
 * the board's device windows, CP15 writes (the MMU, caches, TLBs), mode
 * changes and branches, run on both backends for a while.  Whatever the
 * guest does, the emulator must neither crash nor stop on its own; the
 * guest's exceptions are its own business.
 */
#include <stdlib.h>
#include <unistd.h>

#include "frontend/arm/cpu.h"
#include "hw/core/timer.h"
#include "machines/machine.h"
#include "tcg/backend.h"
#include "tests/test.h"

#define WORDS 4096                  /* 16 KiB of firmware */
#define RUN_NS (100 * 1000 * 1000)

static uint32_t rnd(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return (uint32_t)(*s >> 11);
}

/* Where the virt board has devices (and the flash, for CFI commands). */
static const uint32_t device_bases[] = {
    0x00000000, 0x08000000, 0x08010000, 0x09000000, 0x09010000,
    0x0a000000, 0x0a000200, 0x0a003e00, 0x04000000,
};

/* movw/movt rd, #addr; then a store or load of a random size. */
static int poke(uint32_t *w, uint64_t *s)
{
    uint32_t rd = rnd(s) & 7, rt = rnd(s) & 7;
    uint32_t base = device_bases[rnd(s) % (sizeof(device_bases) / 4)];
    uint32_t addr = base + (rnd(s) & 0xffc);
    static const uint32_t ops[] = {
        0xe5800000, 0xe5900000,     /* str, ldr */
        0xe5c00000, 0xe5d00000,     /* strb, ldrb */
    };

    if (rd == rt) {
        rt = (rt + 1) & 7;
    }
    w[0] = 0xe3000000 | (addr & 0xf000) << 4 | rd << 12 | (addr & 0xfff);
    w[1] = 0xe3400000 | (addr >> 28) << 16 | rd << 12 | ((addr >> 16) & 0xfff);
    w[2] = ops[rnd(s) & 3] | rd << 16 | rt << 12 | (rnd(s) & 3);
    return 3;
}

static int one_word(uint32_t *w, uint64_t *s, int at)
{
    uint32_t r = rnd(s), kind = r % 20;

    if (kind < 3) {                     /* mcr/mrc p15, random register */
        *w = 0xee000f10 | (r & 0x00ff00e0) | (rnd(s) & 0x700f);
    } else if (kind < 4) {              /* msr cpsr_c, #imm: modes, I/F/T */
        *w = 0xe321f000 | (rnd(s) & 0xff);
    } else if (kind < 5) {              /* b somewhere in the firmware */
        *w = 0xea000000 | ((uint32_t)(rnd(s) % WORDS - at - 2) & 0xffffff);
    } else {
        *w = rnd(s);
    }
    return 1;
}

/*
 * At word 8, what every vector branches to: resume the garbage somewhere
 * else each time (r12 += 52, within the firmware, past word 16), so that
 * one faulting word does not become the whole run.
 */
static const uint32_t handler[] = {
    0xe28cc034,     /* add r12, r12, #52 */
    0xe3ccc4ff,     /* bic r12, r12, #0xff000000 */
    0xe3ccc8ff,     /* bic r12, r12, #0x00ff0000 */
    0xe3ccc903,     /* bic r12, r12, #0xc000 */
    0xe3ccc003,     /* bic r12, r12, #3 */
    0xe35c0040,     /* cmp r12, #64 (not into the vectors or here) */
    0x328cc040,     /* addlo r12, r12, #64 */
    0xe1a0f00c,     /* mov pc, r12 */
};

static void write_garbage(const char *path, uint64_t seed)
{
    uint32_t *w = calloc(WORDS + 3, sizeof(uint32_t));
    uint64_t s = seed * 0x9e3779b97f4a7c15ull + 1;
    FILE *f;

    ASSERT(w != NULL);
    for (int i = 0; i < WORDS;) {
        i += (rnd(&s) % 6 == 0) ? poke(w + i, &s) : one_word(w + i, &s, i);
    }
    for (int i = 0; i < 8; i++) {       /* every vector: b handler */
        w[i] = 0xea000000 | ((uint32_t)(8 - i - 2) & 0xffffff);
    }
    memcpy(w + 8, handler, sizeof(handler));
    f = fopen(path, "wb");
    ASSERT(f != NULL);
    ASSERT_EQ(fwrite(w, sizeof(uint32_t), WORDS, f), WORDS);
    fclose(f);
    free(w);
}

static void run_garbage(const char *path, const Backend *be, int smp)
{
    MachineConfig cfg = {
        .bios = path,
        .backend = be,
        .serial_chr = chardev_new_buffer(),
        .smp = smp,
    };
    Machine *m = virt_machine.init(&cfg);
    Timer stop;

    ASSERT(m != NULL);
    ASSERT(m->loop != NULL);
    timer_init(&stop, m->loop, machine_request_quit, m);
    timer_mod(&stop, clock_ns() + RUN_NS);
    machine_run(m);
    /* Ended by the timer (or by a PSCI SYSTEM_OFF the garbage made),
     * never by the emulator giving up on the guest. */
    ASSERT(m->quit_requested || (m->cpu->stopped && m->cpu->exit_code == 0));
    ASSERT(m->cpu->stats.exits + m->cpu->stats.exceptions > 0);
    timer_del(&stop);
    machine_free(m);
}

TEST(garbage, random_firmware_never_crashes_the_emulator)
{
    const Backend *backends[] = { &x86_64_backend, &interp_backend };
    char path[] = "/tmp/mosaic-garbage-XXXXXX";
    int fd = mkstemp(path);
    /* A longer hunt (0.1 s a seed): GARBAGE_SEEDS=3000 TEST_TIMEOUT=600 */
    const char *env = getenv("GARBAGE_SEEDS");
    uint64_t seeds = env ? strtoull(env, NULL, 0) : 12;

    ASSERT(fd >= 0);
    close(fd);
    for (uint64_t seed = 1; seed <= seeds; seed++) {
        if (env) {
            fprintf(stderr, "seed %" PRIu64 "\r", seed);
        }
        write_garbage(path, seed);
        run_garbage(path, backends[seed & 1], seed % 4 == 0 ? 2 : 1);
    }
    unlink(path);
}
