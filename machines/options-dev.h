/* SPDX-License-Identifier: MIT */
/*
 * -drive and -device parsing (machines/options-dev.c), kept apart from
 * main.c's option table: main records each option in order as a DevOpt,
 * then turns them into MachineConfig.virtio[] in one go.
 */
#ifndef MACHINES_OPTIONS_DEV_H
#define MACHINES_OPTIONS_DEV_H

#include <stdbool.h>

#include "machines/machine.h"

typedef struct DevOpt {
    bool is_drive;              /* -drive, else -device */
    const char *arg;
    char file[1024];            /* -drive: the file= value */
} DevOpt;

/* Record one -drive or -device (arg must outlive the config). */
bool options_dev_record(DevOpt *opts, int *n, bool is_drive,
                        const char *arg);
/* Fill cfg->virtio from the options in order; false after error_report. */
bool options_dev_apply(const DevOpt *opts, int n, bool snapshot,
                       MachineConfig *cfg);
/* One -device against the if=none drives seen so far. */
bool options_dev_device(const char *arg, const MachineVirtio *none,
                        char (*ids)[32], int nnone, MachineConfig *cfg);

#endif
