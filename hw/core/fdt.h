/* SPDX-License-Identifier: MIT */
/*
 * Device-tree helpers over libfdt: a writer that builds a flattened tree
 * node by node (libfdt's sequential-write API, errors kept until the
 * end), checks of a tree that came from a file, and the /chosen edits
 * a boot loader makes (bootargs, initrd) on any tree.
 *
 *   FdtWriter *w = fdtw_new();
 *   fdtw_begin(w, "memory@40000000");
 *   fdtw_prop_str(w, "device_type", "memory");
 *   fdtw_end(w);
 *   void *blob = fdtw_finish(w, &size, err, sizeof(err));   -- malloc'd
 */
#ifndef HW_CORE_FDT_H
#define HW_CORE_FDT_H

#include <stddef.h>
#include <stdint.h>

typedef struct FdtWriter FdtWriter;

/* A writer with the root node open. */
FdtWriter *fdtw_new(void);
void fdtw_begin(FdtWriter *w, const char *name);
void fdtw_begin_addr(FdtWriter *w, const char *name, uint64_t addr);
void fdtw_end(FdtWriter *w);
void fdtw_prop_empty(FdtWriter *w, const char *name);
void fdtw_prop_u32(FdtWriter *w, const char *name, uint32_t v);
/* n 32-bit cells, big-endian in the tree. */
void fdtw_prop_cells(FdtWriter *w, const char *name, const uint32_t *cells,
                     int n);
void fdtw_prop_str(FdtWriter *w, const char *name, const char *s);
/* A string list: n strings, each NUL-terminated in the tree. */
void fdtw_prop_strs(FdtWriter *w, const char *name, const char *const *s,
                    int n);
void fdtw_prop_bytes(FdtWriter *w, const char *name, const void *p,
                     size_t len);
/* Close the root and return the packed tree (malloc'd, *size bytes), or
 * NULL with err filled; frees the writer either way. */
void *fdtw_finish(FdtWriter *w, size_t *size, char *err, size_t errlen);

/* 0 if blob (len bytes from a file) is a complete, well-formed tree;
 * else -1 with err filled. */
int fdt_validate(const void *blob, size_t len, char *err, size_t errlen);

/*
 * Set /chosen's bootargs (if non-NULL) and linux,initrd-start/end (if
 * initrd_end > initrd_start) in *blob, growing it as needed (*blob is
 * realloc'd; *size updated).  0, or -1 with err filled.
 */
int fdt_set_chosen(void **blob, size_t *size, const char *bootargs,
                   uint64_t initrd_start, uint64_t initrd_end, char *err,
                   size_t errlen);

#endif
