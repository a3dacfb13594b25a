/* SPDX-License-Identifier: MIT */
/*
 * The mosaic command line: QEMU's options where the meaning is the same.
 * Options are one table (name, argument, handler, help); parsing fills
 * an Options struct, then main turns it into a MachineConfig, builds the
 * board from the registry and runs it.  The exit status is the guest's
 * (semihosting SYS_EXIT), or 1 with one "mosaic: ..." line on bad input.
 *
 *   mosaic -M virt -m 256M -nographic -semihosting -kernel prog.elf
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "hw/core/log.h"
#include "machines/machine.h"
#include "machines/options-dev.h"
#include "tcg/backend.h"

typedef struct Options {
    const char *machine, *cpu, *mem, *kernel, *accel, *serial, *display;
    const char *initrd, *append, *dtb, *dumpdtb, *bios, *smp;
    char machine_buf[64], dumpdtb_buf[4096];
    const char *log_items, *log_file;
    bool nographic, semihosting, cpu_help, snapshot, no_reboot;
    DevOpt devs[MACHINE_MAX_VIRTIO];    /* -drive and -device, in order */
    int ndevs;
} Options;

/* A handler returns 0 to go on, 1 to stop with status 0 (help printed)
 * or -1 to stop with status 1 (problem reported). */
typedef struct OptionDef {
    const char *name;
    const char *arg;            /* argument name for --help, NULL: none */
    int (*handler)(Options *o, const char *arg);
    const char *help;
} OptionDef;

static int opt_help(Options *o, const char *arg);

static int opt_version(Options *o, const char *arg)
{
    printf("Mosaic emulator version %s\n", MOSAIC_VERSION);
    return 1;
}

/* One -machine property; 0 or -1 after reporting it. */
static int opt_machine_prop(Options *o, const char *all, const char *p)
{
    if (strncmp(p, "type=", 5) == 0) {
        p += 5;
    } else if (strncmp(p, "dumpdtb=", 8) == 0) {
        snprintf(o->dumpdtb_buf, sizeof(o->dumpdtb_buf), "%s", p + 8);
        o->dumpdtb = o->dumpdtb_buf;
        return 0;
    } else if (strchr(p, '=')) {
        error_report("-M %s: unsupported machine property '%s' (only "
                     "dumpdtb=file)", all, p);
        return -1;
    }
    snprintf(o->machine_buf, sizeof(o->machine_buf), "%s", p);
    o->machine = o->machine_buf;
    return 0;
}

static int opt_machine(Options *o, const char *arg)
{
    char buf[4200];

    if (strcmp(arg, "help") == 0 || strcmp(arg, "?") == 0) {
        machine_print_list(stdout);
        return 1;
    }
    snprintf(buf, sizeof(buf), "%s", arg);
    for (char *save, *p = strtok_r(buf, ",", &save); p;
         p = strtok_r(NULL, ",", &save)) {
        if (opt_machine_prop(o, arg, p) < 0) {
            return -1;
        }
    }
    return 0;
}

static int opt_cpu(Options *o, const char *arg)
{
    if (strcmp(arg, "help") == 0 || strcmp(arg, "?") == 0) {
        o->cpu_help = true;
    } else {
        o->cpu = arg;
    }
    return 0;
}

static int opt_log(Options *o, const char *arg)
{
    if (strcmp(arg, "help") == 0 || strcmp(arg, "?") == 0) {
        log_print_help(stdout);
        return 1;
    }
    o->log_items = arg;
    return 0;
}

static int opt_semihosting_config(Options *o, const char *arg)
{
    char buf[256];

    snprintf(buf, sizeof(buf), "%s", arg);
    for (char *save, *p = strtok_r(buf, ",", &save); p;
         p = strtok_r(NULL, ",", &save)) {
        if (strcmp(p, "enable=on") == 0 || strcmp(p, "enable") == 0) {
            o->semihosting = true;
        } else if (strcmp(p, "enable=off") == 0) {
            o->semihosting = false;
        } else if (strcmp(p, "target=native") != 0 &&
                   strcmp(p, "target=auto") != 0) {
            error_report("-semihosting-config %s: unsupported setting '%s'",
                         arg, p);
            return -1;
        }
    }
    return 0;
}

static int opt_nographic(Options *o, const char *arg)
{
    o->nographic = true;
    return 0;
}

static int opt_semihosting(Options *o, const char *arg)
{
    o->semihosting = true;
    return 0;
}

static int opt_drive(Options *o, const char *arg)
{
    return options_dev_record(o->devs, &o->ndevs, true, arg) ? 0 : -1;
}

static int opt_device(Options *o, const char *arg)
{
    if (strcmp(arg, "help") == 0 || strcmp(arg, "?") == 0) {
        printf("virtio-blk-device (drive=ID of a -drive if=none)\n"
               "virtio-rng-device\n");
        return 1;
    }
    return options_dev_record(o->devs, &o->ndevs, false, arg) ? 0 : -1;
}

static int opt_snapshot(Options *o, const char *arg)
{
    o->snapshot = true;
    return 0;
}

static int opt_no_reboot(Options *o, const char *arg)
{
    o->no_reboot = true;
    return 0;
}

#define OPT_STRING(fn, field)                                               \
    static int fn(Options *o, const char *arg)                              \
    {                                                                       \
        o->field = arg;                                                     \
        return 0;                                                           \
    }
OPT_STRING(opt_mem, mem)
OPT_STRING(opt_kernel, kernel)
OPT_STRING(opt_accel, accel)
OPT_STRING(opt_serial, serial)
OPT_STRING(opt_display, display)
OPT_STRING(opt_log_file, log_file)
OPT_STRING(opt_initrd, initrd)
OPT_STRING(opt_append, append)
OPT_STRING(opt_dtb, dtb)
OPT_STRING(opt_bios, bios)
OPT_STRING(opt_smp, smp)

static const OptionDef options[] = {
    { "h", NULL, opt_help, "print this help and exit" },
    { "help", NULL, opt_help, NULL },
    { "version", NULL, opt_version, "print the version and exit" },
    { "M", "machine[,dumpdtb=file]", opt_machine,
      "board to emulate (-M help lists them); dumpdtb writes its device "
      "tree and exits" },
    { "machine", "machine", opt_machine, NULL },
    { "cpu", "model", opt_cpu, "CPU model (-cpu help lists them)" },
    { "m", "size", opt_mem,
      "RAM size: a number with suffix K, M or G (no suffix: MiB)" },
    { "kernel", "file", opt_kernel,
      "program to run: an ELF, or a Linux zImage/Image" },
    { "initrd", "file", opt_initrd, "initial ramdisk for the Linux kernel" },
    { "append", "cmdline", opt_append, "Linux kernel command line" },
    { "dtb", "file", opt_dtb,
      "device tree to pass instead of the board's own" },
    { "bios", "file", opt_bios, "firmware to run from the flash at 0" },
    { "smp", "n", opt_smp, "number of CPUs (virt: 1 to 8)" },
    { "drive", "file=F,format=raw,if=virtio|none[,id=ID]", opt_drive,
      "a raw disk image for virtio-blk" },
    { "device", "driver[,drive=ID]", opt_device,
      "add virtio-blk-device or virtio-rng-device (-device help)" },
    { "snapshot", NULL, opt_snapshot,
      "disk writes go to memory and are dropped at exit" },
    { "no-reboot", NULL, opt_no_reboot,
      "exit instead of rebooting when the guest resets" },
    { "nographic", NULL, opt_nographic,
      "no display: serial on the terminal, C-a x quits, C-a h helps" },
    { "serial", "dev", opt_serial,
      "first serial port: stdio, mon:stdio, null or none" },
    { "display", "type", opt_display, "display: none" },
    { "semihosting", NULL, opt_semihosting,
      "enable Arm semihosting (console output, exit status)" },
    { "semihosting-config", "enable=on", opt_semihosting_config, NULL },
    { "accel", "tcg[,backend=jit|interp]", opt_accel,
      "translator backend: the JIT (default) or the IR interpreter" },
    { "d", "item,...", opt_log, "log these items (-d help lists them)" },
    { "D", "file", opt_log_file, "write the log to file instead of stderr" },
};

#define NB_OPTIONS (sizeof(options) / sizeof(options[0]))

static int opt_help(Options *o, const char *arg)
{
    printf("usage: mosaic [options] -kernel file\n"
           "Mosaic %s: a full-system emulator (guest code through an IR "
           "and an x86-64 JIT)\n\n", MOSAIC_VERSION);
    for (size_t i = 0; i < NB_OPTIONS; i++) {
        char left[64];
        if (!options[i].help) {
            continue;
        }
        snprintf(left, sizeof(left), "-%s%s%s", options[i].name,
                 options[i].arg ? " " : "",
                 options[i].arg ? options[i].arg : "");
        printf("  %-30s %s\n", left, options[i].help);
    }
    printf("\nExample:\n  mosaic -M virt -m 256M -nographic -semihosting "
           "-kernel prog.elf\n");
    return 1;
}

static const OptionDef *option_find(const char *name)
{
    for (size_t i = 0; i < NB_OPTIONS; i++) {
        if (strcmp(options[i].name, name) == 0) {
            return &options[i];
        }
    }
    return NULL;
}

/* 0: parsed; 1: exit 0 now; -1: exit 1 now. */
static int parse_args(Options *o, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const OptionDef *def;
        int rc;

        if (a[0] != '-' || a[1] == '\0') {
            error_report("'%s': unexpected argument (a disk image needs "
                         "-drive file=...; a program -kernel)", a);
            return -1;
        }
        def = option_find(a[1] == '-' ? a + 2 : a + 1);
        if (!def) {
            error_report("%s: invalid option (--help lists them)", a);
            return -1;
        }
        if (def->arg && i + 1 >= argc) {
            error_report("%s: requires an argument", a);
            return -1;
        }
        rc = def->handler(o, def->arg ? argv[++i] : NULL);
        if (rc != 0) {
            return rc;
        }
    }
    return 0;
}

/* "256M", "1G", "512" (MiB), "size=64M"; false on garbage or overflow. */
static bool parse_size(const char *s, uint64_t *out)
{
    char *end;
    unsigned long long v;
    unsigned shift;

    if (strncmp(s, "size=", 5) == 0) {
        s += 5;
    }
    if (*s < '0' || *s > '9') {
        return false;
    }
    v = strtoull(s, &end, 10);
    switch (*end) {
    case 'B': case 'b': shift = 0; break;
    case 'K': case 'k': shift = 10; break;
    case 'M': case 'm': case '\0': shift = 20; break;
    case 'G': case 'g': shift = 30; break;
    case 'T': case 't': shift = 40; break;
    default: return false;
    }
    if (*end != '\0' && end[1] != '\0') {
        return false;
    }
    if (v > (UINT64_MAX >> shift)) {
        return false;
    }
    *out = (uint64_t)v << shift;
    return true;
}

static uint64_t host_memory(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), psize = sysconf(_SC_PAGESIZE);

    return pages > 0 && psize > 0 ? (uint64_t)pages * (uint64_t)psize
                                  : UINT64_MAX;
}

static bool ram_size_from(const Options *o, const MachineInfo *mi,
                          uint64_t *size)
{
    uint64_t host = host_memory();

    if (!o->mem) {
        *size = mi->default_ram;
        return true;
    }
    if (!parse_size(o->mem, size)) {
        error_report("-m %s: bad size (try 256M or 1G)", o->mem);
        return false;
    }
    if (*size == 0) {
        error_report("-m %s: RAM size must not be zero", o->mem);
        return false;
    }
    *size = (*size + 0xfff) & ~(uint64_t)0xfff;
    if (*size > mi->max_ram) {
        error_report("-m %s: %s has room for at most %lluM of RAM", o->mem,
                     mi->name, (unsigned long long)(mi->max_ram >> 20));
        return false;
    }
    if (*size > host) {
        error_report("-m %s: more than this host's %lluM of memory", o->mem,
                     (unsigned long long)(host >> 20));
        return false;
    }
    return true;
}

static bool backend_from(const char *accel, const Backend **be)
{
    *be = &x86_64_backend;
    if (!accel || strcmp(accel, "tcg") == 0) {
        return true;
    }
    if (strncmp(accel, "tcg,", 4) != 0) {
        error_report("-accel %s: accelerator not available (use -accel tcg)",
                     accel);
        return false;
    }
    if (strcmp(accel + 4, "backend=jit") == 0) {
        return true;
    }
    if (strcmp(accel + 4, "backend=interp") == 0) {
        *be = &interp_backend;
        return true;
    }
    error_report("-accel %s: unknown setting (use backend=jit or "
                 "backend=interp)", accel);
    return false;
}

static bool serial_from(const Options *o, SerialMode *mode)
{
    const char *s = o->serial;

    if (o->display && strcmp(o->display, "none") != 0) {
        error_report("-display %s: not available (use -nographic or "
                     "-display none)", o->display);
        return false;
    }
    if (!s) {
        /* No window to show a console in: stdio unless told otherwise. */
        *mode = o->nographic ? SERIAL_MUX
                             : (o->display ? SERIAL_NULL : SERIAL_STDIO);
        return true;
    }
    if (strcmp(s, "stdio") == 0) {
        *mode = SERIAL_STDIO;
    } else if (strcmp(s, "mon:stdio") == 0) {
        *mode = SERIAL_MUX;
    } else if (strcmp(s, "null") == 0 || strcmp(s, "none") == 0) {
        *mode = SERIAL_NULL;
    } else {
        error_report("-serial %s: unsupported (use stdio, mon:stdio, null "
                     "or none)", s);
        return false;
    }
    return true;
}

static const MachineInfo *machine_from(const Options *o)
{
    const MachineInfo *mi;

    if (!o->machine) {
        if (o->cpu_help) {
            return machine_registry[0];
        }
        error_report("no machine specified (use -M virt; -M help lists "
                     "them)");
        return NULL;
    }
    mi = machine_find(o->machine);
    if (!mi) {
        error_report("-M %s: unknown machine (-M help lists them)",
                     o->machine);
    }
    return mi;
}

static bool setup_logging(const Options *o)
{
    if (o->log_items) {
        int mask = log_parse_items(o->log_items);
        if (mask < 0) {
            return false;
        }
        log_level_mask = (unsigned)mask;
    }
    return !o->log_file || log_set_file(o->log_file) == 0;
}

/* "-smp 2" or "-smp cpus=2"; the board checks its own limit. */
static bool smp_from(const char *s, int *smp)
{
    char *end;
    long v;

    *smp = 0;
    if (!s) {
        return true;
    }
    if (strncmp(s, "cpus=", 5) == 0) {
        s += 5;
    }
    v = strtol(s, &end, 10);
    if (end == s || *end != '\0' || v < 1 || v > 255) {
        error_report("-smp %s: bad number of CPUs", s);
        return false;
    }
    *smp = (int)v;
    return true;
}

/* The MachineConfig for the options, or false after reporting why. */
static bool config_from(const Options *o, const MachineInfo *mi,
                        MachineConfig *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->cpu_model = o->cpu;
    cfg->kernel = o->kernel;
    cfg->initrd = o->initrd;
    cfg->append = o->append;
    cfg->dtb = o->dtb;
    cfg->dumpdtb = o->dumpdtb;
    cfg->bios = o->bios;
    cfg->semihosting = o->semihosting;
    cfg->no_reboot = o->no_reboot;
    if (!ram_size_from(o, mi, &cfg->ram_size) ||
        !backend_from(o->accel, &cfg->backend) ||
        !serial_from(o, &cfg->serial) || !setup_logging(o)) {
        return false;
    }
    if (!o->kernel && !o->bios && !o->dumpdtb) {
        error_report("no -kernel or -bios given: nothing to run on %s",
                     mi->name);
        return false;
    }
    return smp_from(o->smp, &cfg->smp) &&
           options_dev_apply(o->devs, o->ndevs, o->snapshot, cfg);
}

/* The machine SIGINT/SIGTERM/SIGHUP stop (handlers take no context). */
static Machine *signal_machine;

/*
 * First signal: stop the machine cleanly (as QEMU does, status 0, with
 * -d stats and the log flushed).  A second one kills at once.
 */
static void main_signal(int sig)
{
    static const char msg[] = "mosaic: terminating on signal\n";

    if (signal_machine && !signal_machine->quit_requested) {
        (void)!write(STDERR_FILENO, msg, sizeof(msg) - 1);
        machine_request_quit(signal_machine);
        return;
    }
    chardev_restore_tty();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void main_catch_signals(Machine *m)
{
    static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
    struct sigaction sa;

    signal_machine = m;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = main_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
        sigaction(sigs[i], &sa, NULL);
    }
}

int main(int argc, char **argv)
{
    Options o = { 0 };
    const MachineInfo *mi;
    MachineConfig cfg;
    Machine *m;
    int rc = parse_args(&o, argc, argv);

    if (rc != 0) {
        return rc > 0 ? 0 : 1;
    }
    mi = machine_from(&o);
    if (!mi) {
        return 1;
    }
    if (o.cpu_help) {
        mi->cpu_list(stdout);
        return 0;
    }
    if (!config_from(&o, mi, &cfg)) {
        return 1;
    }
    m = mi->init(&cfg);
    if (!m) {
        return 1;
    }
    if (m->exit_now) {
        machine_free(m);
        return 0;
    }
    main_catch_signals(m);
    rc = machine_run(m);
    signal_machine = NULL;
    machine_free(m);
    if (log_file) {
        fclose(log_file);
    }
    return rc;
}
