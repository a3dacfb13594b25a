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
#include "tcg/cpu.h"
#include "tcg/tb.h"

struct Backend;

/* Where the board's first serial port goes (-serial, -nographic). */
typedef enum SerialMode {
    SERIAL_STDIO,       /* stdout/stdin, no escapes (-serial stdio) */
    SERIAL_MUX,         /* stdio with C-a escapes (-nographic) */
    SERIAL_NULL,        /* a port that talks to nothing */
} SerialMode;

typedef struct MachineConfig {
    const char *cpu_model;          /* NULL: the board's default */
    uint64_t ram_size;              /* bytes; 0: the board's default */
    const char *kernel;             /* -kernel file */
    bool semihosting;
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

/* What every board has; a board's own struct starts with it. */
struct Machine {
    const MachineInfo *info;
    AddressSpace *as;
    TBCache *tbc;
    CPUCommon *cpu;
    Chardev *serial;
    volatile sig_atomic_t quit_requested;   /* C-a x */
    void (*free)(Machine *m);               /* the board's own teardown */
};

extern const MachineInfo *const machine_registry[];

const MachineInfo *machine_find(const char *name);
void machine_print_list(FILE *out);
/* Run until the guest exits (its status), or the user quits (0). */
int machine_run(Machine *m);
void machine_free(Machine *m);
/* Thread safe: stop the machine soon (chardev quit handler). */
void machine_request_quit(void *opaque);

/* machines/virt.c */
extern const MachineInfo virt_machine;

#endif
