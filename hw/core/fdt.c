/* SPDX-License-Identifier: MIT */
/*
 * Device-tree helpers (see fdt.h): the sequential writer keeps the first
 * libfdt error and reports it at fdtw_finish, so board code reads as a
 * plain list of nodes and properties.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "hw/core/fdt.h"
#include "hw/core/log.h"

#define FDTW_INITIAL_SIZE (64u << 10)

struct FdtWriter {
    void *buf;
    size_t size;
    int err;                    /* first libfdt error, 0 if none */
    char what[128];            /* what failed */
};

FdtWriter *fdtw_new(void)
{
    FdtWriter *w = calloc(1, sizeof(*w));

    if (!w) {
        die("out of memory");
    }
    w->size = FDTW_INITIAL_SIZE;
    w->buf = calloc(1, w->size);
    if (!w->buf) {
        die("out of memory");
    }
    w->err = fdt_create(w->buf, (int)w->size);
    if (!w->err) {
        w->err = fdt_finish_reservemap(w->buf);
    }
    if (!w->err) {
        w->err = fdt_begin_node(w->buf, "");
    }
    snprintf(w->what, sizeof(w->what), "root");
    return w;
}

/* Keep the first error: later calls become no-ops. */
static void fdtw_check(FdtWriter *w, int rc, const char *what)
{
    if (rc < 0 && !w->err) {
        w->err = rc;
        snprintf(w->what, sizeof(w->what), "%s", what);
    }
}

void fdtw_begin(FdtWriter *w, const char *name)
{
    if (!w->err) {
        fdtw_check(w, fdt_begin_node(w->buf, name), name);
    }
}

void fdtw_begin_addr(FdtWriter *w, const char *name, uint64_t addr)
{
    char full[128];

    snprintf(full, sizeof(full), "%s@%llx", name, (unsigned long long)addr);
    fdtw_begin(w, full);
}

void fdtw_end(FdtWriter *w)
{
    if (!w->err) {
        fdtw_check(w, fdt_end_node(w->buf), "end of node");
    }
}

void fdtw_prop_bytes(FdtWriter *w, const char *name, const void *p,
                     size_t len)
{
    if (!w->err) {
        fdtw_check(w, fdt_property(w->buf, name, p, (int)len), name);
    }
}

void fdtw_prop_empty(FdtWriter *w, const char *name)
{
    fdtw_prop_bytes(w, name, NULL, 0);
}

void fdtw_prop_cells(FdtWriter *w, const char *name, const uint32_t *cells,
                     int n)
{
    fdt32_t be[64];

    if (n > 64) {
        fdtw_check(w, -FDT_ERR_NOSPACE, name);
        return;
    }
    for (int i = 0; i < n; i++) {
        be[i] = cpu_to_fdt32(cells[i]);
    }
    fdtw_prop_bytes(w, name, be, (size_t)n * 4);
}

void fdtw_prop_u32(FdtWriter *w, const char *name, uint32_t v)
{
    fdtw_prop_cells(w, name, &v, 1);
}

void fdtw_prop_str(FdtWriter *w, const char *name, const char *s)
{
    fdtw_prop_bytes(w, name, s, strlen(s) + 1);
}

void fdtw_prop_strs(FdtWriter *w, const char *name, const char *const *s,
                    int n)
{
    char buf[512];
    size_t len = 0;

    for (int i = 0; i < n; i++) {
        size_t l = strlen(s[i]) + 1;
        if (len + l > sizeof(buf)) {
            fdtw_check(w, -FDT_ERR_NOSPACE, name);
            return;
        }
        memcpy(buf + len, s[i], l);
        len += l;
    }
    fdtw_prop_bytes(w, name, buf, len);
}

static void set_err(char *err, size_t errlen, const char *what, int rc)
{
    snprintf(err, errlen, "%s: %s", what, fdt_strerror(rc));
}

void *fdtw_finish(FdtWriter *w, size_t *size, char *err, size_t errlen)
{
    void *blob = NULL;

    fdtw_end(w);
    if (!w->err) {
        fdtw_check(w, fdt_finish(w->buf), "finish");
    }
    if (!w->err) {
        fdtw_check(w, fdt_open_into(w->buf, w->buf, (int)w->size), "open");
    }
    if (!w->err) {
        fdtw_check(w, fdt_pack(w->buf), "pack");
    }
    if (w->err) {
        set_err(err, errlen, w->what, w->err);
        free(w->buf);
    } else {
        *size = fdt_totalsize(w->buf);
        blob = w->buf;
    }
    free(w);
    return blob;
}

int fdt_validate(const void *blob, size_t len, char *err, size_t errlen)
{
    int rc;

    if (len < sizeof(struct fdt_header)) {
        snprintf(err, errlen, "not a device tree blob (%zu bytes, too "
                 "short for a header)", len);
        return -1;
    }
    rc = fdt_check_header(blob);
    if (rc != 0) {
        snprintf(err, errlen, "not a device tree blob (%s)",
                 fdt_strerror(rc));
        return -1;
    }
    if (fdt_totalsize(blob) > len) {
        snprintf(err, errlen, "truncated device tree blob (header says "
                 "%u bytes, file has %zu)", fdt_totalsize(blob), len);
        return -1;
    }
    rc = fdt_check_full(blob, fdt_totalsize(blob));
    if (rc != 0) {
        snprintf(err, errlen, "corrupt device tree blob (%s)",
                 fdt_strerror(rc));
        return -1;
    }
    return 0;
}

/* Make room for extra bytes more in *blob (re-laid out by libfdt). */
static int fdt_grow(void **blob, size_t *size, size_t extra)
{
    size_t nsize = fdt_totalsize(*blob) + extra;
    void *nb = malloc(nsize);
    int rc;

    if (!nb) {
        die("out of memory");
    }
    rc = fdt_open_into(*blob, nb, (int)nsize);
    if (rc < 0) {
        free(nb);
        return rc;
    }
    free(*blob);
    *blob = nb;
    *size = nsize;
    return 0;
}

static int fdt_chosen_props(void *fdt, const char *bootargs,
                            uint64_t initrd_start, uint64_t initrd_end)
{
    int node = fdt_path_offset(fdt, "/chosen");
    int rc = 0;

    if (node == -FDT_ERR_NOTFOUND) {
        node = fdt_add_subnode(fdt, 0, "chosen");
    }
    if (node < 0) {
        return node;
    }
    if (bootargs) {
        rc = fdt_setprop_string(fdt, node, "bootargs", bootargs);
    }
    if (rc == 0 && initrd_end > initrd_start) {
        rc = fdt_setprop_u64(fdt, node, "linux,initrd-start", initrd_start);
        if (rc == 0) {
            rc = fdt_setprop_u64(fdt, node, "linux,initrd-end", initrd_end);
        }
    }
    return rc;
}

int fdt_set_chosen(void **blob, size_t *size, const char *bootargs,
                   uint64_t initrd_start, uint64_t initrd_end, char *err,
                   size_t errlen)
{
    size_t extra = 256 + (bootargs ? strlen(bootargs) : 0);
    int rc = fdt_grow(blob, size, extra);

    if (rc == 0) {
        rc = fdt_chosen_props(*blob, bootargs, initrd_start, initrd_end);
    }
    if (rc == 0) {
        rc = fdt_pack(*blob);
        *size = fdt_totalsize(*blob);
    }
    if (rc < 0) {
        set_err(err, errlen, "/chosen", rc);
        return -1;
    }
    return 0;
}
