/* SPDX-License-Identifier: MIT */
/*
 * -drive, -device and -snapshot: QEMU's syntax for the virtio devices
 * the boards offer.  `-drive file=disk.img,format=raw,if=virtio` plugs a
 * virtio-blk disk at once; `-drive if=none,id=d0,file=...` plus
 * `-device virtio-blk-device,drive=d0` does the same in two steps;
 * `-device virtio-rng-device` adds an entropy source.  Devices are
 * plugged in command-line order.
 */
#include <stdio.h>
#include <string.h>

#include "hw/core/log.h"
#include "machines/options-dev.h"

/* Value of key in "a=1,b=2" (copied into out), or false if absent. */
static bool opt_get(const char *list, const char *key, char *out,
                    size_t outlen)
{
    size_t klen = strlen(key);

    for (const char *p = list; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1
                                                           : NULL) {
        if (strncmp(p, key, klen) == 0 && p[klen] == '=') {
            size_t n = strcspn(p + klen + 1, ",");
            snprintf(out, outlen, "%.*s", (int)n, p + klen + 1);
            return true;
        }
    }
    return false;
}

/* Every key of list is one of keys (NULL-terminated); else report it. */
static bool opt_check_keys(const char *what, const char *list,
                           const char *const *keys)
{
    for (const char *p = list; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1
                                                           : NULL) {
        size_t n = strcspn(p, "=,");
        bool known = false;
        for (int i = 0; keys[i]; i++) {
            known |= strlen(keys[i]) == n && strncmp(p, keys[i], n) == 0;
        }
        if (!known) {
            error_report("%s %s: unsupported property '%.*s'", what, list,
                         (int)n, p);
            return false;
        }
    }
    return true;
}

static bool opt_onoff(const char *what, const char *list, const char *key,
                      bool *val)
{
    char v[16];

    if (!opt_get(list, key, v, sizeof(v))) {
        return true;
    }
    if (strcmp(v, "on") == 0 || strcmp(v, "true") == 0) {
        *val = true;
    } else if (strcmp(v, "off") == 0 || strcmp(v, "false") == 0) {
        *val = false;
    } else {
        error_report("%s %s: %s must be on or off", what, list, key);
        return false;
    }
    return true;
}

static bool dev_add(MachineConfig *cfg, MachineVirtio d)
{
    if (cfg->nvirtio >= MACHINE_MAX_VIRTIO) {
        error_report("too many virtio devices (at most %d)",
                     MACHINE_MAX_VIRTIO);
        return false;
    }
    cfg->virtio[cfg->nvirtio++] = d;
    return true;
}

/* A -drive's file and flags; false after reporting a problem. */
static bool drive_parse(const char *arg, MachineVirtio *d, char *iface,
                        size_t iflen)
{
    static const char *const keys[] = { "file", "format", "if", "id",
                                        "readonly", "snapshot", "media",
                                        "cache", NULL };
    char fmt[16] = "raw", media[16] = "disk";
    const char *f = strstr(arg, "file=");

    memset(d, 0, sizeof(*d));
    d->kind = VIRTIO_KIND_BLK;
    snprintf(iface, iflen, "virtio");
    if (!opt_check_keys("-drive", arg, keys) ||
        !opt_onoff("-drive", arg, "readonly", &d->read_only) ||
        !opt_onoff("-drive", arg, "snapshot", &d->snapshot)) {
        return false;
    }
    opt_get(arg, "format", fmt, sizeof(fmt));
    opt_get(arg, "media", media, sizeof(media));
    opt_get(arg, "if", iface, iflen);
    if (!f || f[5] == '\0' || f[5] == ',') {
        error_report("-drive %s: file= is required", arg);
    } else if (strcmp(fmt, "raw") != 0) {
        error_report("-drive %s: format %s is not supported (only raw)",
                     arg, fmt);
    } else if (strcmp(media, "disk") != 0) {
        error_report("-drive %s: media=%s is not supported", arg, media);
    } else if (strcmp(iface, "virtio") != 0 && strcmp(iface, "none") != 0) {
        error_report("-drive %s: if=%s is not available on this board "
                     "(use if=virtio or if=none)", arg, iface);
    } else {
        return true;        /* d->file: set by the caller */
    }
    return false;
}

bool options_dev_record(DevOpt *opts, int *n, bool is_drive,
                        const char *arg)
{
    DevOpt *o = &opts[*n];

    if (*n >= MACHINE_MAX_VIRTIO) {
        error_report("too many -drive/-device options (at most %d)",
                     MACHINE_MAX_VIRTIO);
        return false;
    }
    o->is_drive = is_drive;
    o->arg = arg;
    o->file[0] = '\0';
    if (is_drive) {
        opt_get(arg, "file", o->file, sizeof(o->file));
    }
    (*n)++;
    return true;
}

bool options_dev_apply(const DevOpt *opts, int n, bool snapshot,
                       MachineConfig *cfg)
{
    MachineVirtio none[MACHINE_MAX_VIRTIO];
    char ids[MACHINE_MAX_VIRTIO][32];
    int nnone = 0;

    for (int i = 0; i < n; i++) {
        if (opts[i].is_drive) {
            MachineVirtio d;
            char iface[16], id[32] = "";
            if (!drive_parse(opts[i].arg, &d, iface, sizeof(iface))) {
                return false;
            }
            d.file = opts[i].file;
            d.snapshot |= snapshot;
            if (strcmp(iface, "virtio") == 0) {
                if (!dev_add(cfg, d)) {
                    return false;
                }
                continue;
            }
            if (!opt_get(opts[i].arg, "id", id, sizeof(id)) ||
                nnone >= MACHINE_MAX_VIRTIO) {
                error_report("-drive %s: if=none needs an id=", opts[i].arg);
                return false;
            }
            none[nnone] = d;
            snprintf(ids[nnone++], sizeof(ids[0]), "%s", id);
            continue;
        }
        if (!options_dev_device(opts[i].arg, none, ids, nnone, cfg)) {
            return false;
        }
    }
    return true;
}

bool options_dev_device(const char *arg, const MachineVirtio *none,
                        char (*ids)[32], int nnone, MachineConfig *cfg)
{
    size_t n = strcspn(arg, ",");
    char drive[32];
    const char *props = arg[n] ? arg + n + 1 : "";

    if (n == strlen("virtio-rng-device") &&
        strncmp(arg, "virtio-rng-device", n) == 0) {
        MachineVirtio d = { .kind = VIRTIO_KIND_RNG };
        return dev_add(cfg, d);
    }
    if (n != strlen("virtio-blk-device") ||
        strncmp(arg, "virtio-blk-device", n) != 0) {
        error_report("-device %.*s: not available (this board has "
                     "virtio-blk-device and virtio-rng-device)", (int)n, arg);
        return false;
    }
    if (!opt_get(props, "drive", drive, sizeof(drive))) {
        error_report("-device %s: drive= is required", arg);
        return false;
    }
    for (int i = 0; i < nnone; i++) {
        if (strcmp(ids[i], drive) == 0) {
            return dev_add(cfg, none[i]);
        }
    }
    error_report("-device %s: no -drive if=none with id=%s", arg, drive);
    return false;
}
