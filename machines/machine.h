/* SPDX-License-Identifier: MIT */
/*
 * Boards.  Each board is a MachineInfo row in machine_registry[]
 * (machines/machine.c): -M help loops over it, -M NAME finds a row, and
 * the row's init builds the machine from a MachineConfig (the parsed
 * command line).  machine_run then drives the CPU until the guest stops.
 *
 *   const MachineInfo *mi = machine_find("virt");
 *   Machine *m = mi->init(&cfg);          -- NULL: problem already reported
 *   int status = machine_run(m);          -- the guest's exit status
 *   machine_free(m);
 */
#ifndef MACHINES_MACHINE_H
#define MACHINES_MACHINE_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "hw/core/chardev.h"
#include "hw/core/memory.h"
#include "hw/core/timer.h"
#include "tcg/cpu.h"
#include "tcg/tb.h"

struct Backend;

/* Where the board's first serial port goes (-serial, -nographic). */
typedef enum SerialMode {
    SERIAL_STDIO,       /* stdout/stdin, no escapes (-serial stdio) */
    SERIAL_MUX,         /* stdio with C-a escapes (-nographic) */
    SERIAL_NULL,        /* a port that talks to nothing */
} SerialMode;

/* A virtio device for the board's virtio-mmio transports. */
typedef enum VirtioKind { VIRTIO_KIND_BLK, VIRTIO_KIND_RNG } VirtioKind;
#define MACHINE_MAX_VIRTIO 16

typedef struct MachineVirtio {
    VirtioKind kind;
    const char *file;               /* blk: the raw image */
    bool read_only;
    bool snapshot;                  /* writes kept in memory, dropped */
} MachineVirtio;

typedef struct MachineConfig {
    const char *cpu_model;          /* NULL: the board's default */
    uint64_t ram_size;              /* bytes; 0: the board's default */
    const char *kernel;             /* -kernel file (NULL: -bios only) */
    const char *initrd;             /* -initrd file */
    const char *append;             /* -append: kernel command line */
    const char *dtb;                /* -dtb: use this device tree */
    const char *dumpdtb;            /* -machine dumpdtb=file: write, exit */
    const char *bios;               /* -bios: firmware in flash at 0 */
    int smp;                        /* -smp: CPUs (0: 1) */
    MachineVirtio virtio[MACHINE_MAX_VIRTIO];  /* -drive, -device */
    int nvirtio;
    bool semihosting;
    bool no_reboot;                 /* -no-reboot: a guest reset exits */
    const struct Backend *backend;  /* JIT or interpreter */
    SerialMode serial;
    Chardev *serial_chr;            /* tests: use this backend instead
                                     * (init takes it, even on failure) */
} MachineConfig;

typedef struct Machine Machine;

typedef struct MachineInfo {
    const char *name;
    const char *desc;
    const char *default_cpu;
    uint64_t default_ram;
    uint64_t max_ram;               /* size of the board's RAM window */
    /* Build the board; NULL after error_report() naming the problem. */
    Machine *(*init)(const MachineConfig *cfg);
    /* -cpu help: the models this board's CPU frontend offers. */
    void (*cpu_list)(FILE *out);
} MachineInfo;

/* GICv2 and the virt board's device tree describe at most 8 CPUs. */
#define MACHINE_MAX_CPUS 8

/* What every board has; a board's own struct starts with it. */
struct Machine {
    const MachineInfo *info;
    AddressSpace *as;
    TBCache *tbc;
    CPUCommon *cpu;                         /* cpus[0] */
    CPUCommon *cpus[MACHINE_MAX_CPUS];      /* round-robin on one thread */
    int ncpus;
    bool cpu_off[MACHINE_MAX_CPUS];         /* powered down (not run) */
    Chardev *serial;
    volatile sig_atomic_t quit_requested;   /* C-a x */
    bool reset_requested;                   /* the guest asked to reboot */
    bool exit_now;                          /* init did all (dumpdtb) */
    int current_cpu;                        /* index of the CPU running */
    void (*free)(Machine *m);               /* the board's own teardown */
    /* Back to power-on state and boot again (NULL: quit instead); false
     * when the boot images cannot be placed again. */
    bool (*reset)(Machine *m);
    /* Timers and sleep while halted (machine_init_loop; NULL: none). */
    EventLoop *loop;
    Timer slice;                            /* SMP time slice */
    Timer idle_poll;                        /* bounds a halted sleep */
    bool has_irq_source;                    /* something can wake WFI */
    volatile bool sleeping;                 /* in event_loop_wait */
    bool slice_wanted;                      /* board: sync periodically */
    /* After every CPU run and every wake (main thread): poll devices,
     * re-arm the board's timers.  Timers already ran. */
    void (*sync)(Machine *m);
};

extern const MachineInfo *const machine_registry[];

const MachineInfo *machine_find(const char *name);
void machine_print_list(FILE *out);
/* Run until the guest exits (its status), or the user quits (0). */
int machine_run(Machine *m);
void machine_free(Machine *m);
/* Create m->loop (kick: cpu_exit on every CPU); false if it failed. */
bool machine_init_loop(Machine *m);
/* Add a CPU (cpus[ncpus++]); the first one is also m->cpu. */
void machine_add_cpu(Machine *m, CPUCommon *cpu);
/* Thread safe: wake a sleeping machine (e.g. input arrived). */
void machine_notify(void *opaque);
/* Thread safe: stop the machine soon (chardev quit handler). */
void machine_request_quit(void *opaque);
/* CPU i may have become runnable (an interrupt raised, powered on): end
 * the running CPU's turn so that the round-robin looks again (main
 * thread; a running CPU alone has no time slice). */
void machine_cpu_woken(Machine *m, int i);
/* From the CPU thread: reboot the board when the running CPU returns. */
void machine_request_reset(Machine *m);

/* machines/virt.c */
extern const MachineInfo virt_machine;

#endif
