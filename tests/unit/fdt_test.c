/* SPDX-License-Identifier: MIT */
/*
 * hw/core/fdt: the sequential writer, validation of trees from files
 * (truncated, corrupt, garbage) and the /chosen edits, read back with
 * libfdt.
 */
#include <stdlib.h>

#include <libfdt.h>

#include "hw/core/fdt.h"
#include "tests/test.h"

static void *small_tree(size_t *size)
{
    FdtWriter *w = fdtw_new();
    const char *compat[2] = { "arm,pl011", "arm,primecell" };
    uint32_t reg[4] = { 0, 0x09000000, 0, 0x1000 };
    char err[128];
    void *blob;

    fdtw_prop_u32(w, "#address-cells", 2);
    fdtw_begin_addr(w, "pl011", 0x09000000);
    fdtw_prop_strs(w, "compatible", compat, 2);
    fdtw_prop_cells(w, "reg", reg, 4);
    fdtw_prop_empty(w, "always-on");
    fdtw_end(w);
    blob = fdtw_finish(w, size, err, sizeof(err));
    ASSERT(blob != NULL);
    return blob;
}

TEST(fdt, writer_round_trip)
{
    size_t size;
    void *blob = small_tree(&size);
    char err[128];
    int node, len;
    const fdt32_t *reg;

    ASSERT_EQ(fdt_validate(blob, size, err, sizeof(err)), 0);
    ASSERT_EQ(fdt_totalsize(blob), size);
    node = fdt_path_offset(blob, "/pl011@9000000");
    ASSERT(node >= 0);
    ASSERT_EQ(fdt_node_check_compatible(blob, node, "arm,primecell"), 0);
    reg = fdt_getprop(blob, node, "reg", &len);
    ASSERT_EQ(len, 16);
    ASSERT_EQ(fdt32_to_cpu(reg[1]), 0x09000000u);
    ASSERT(fdt_getprop(blob, node, "always-on", &len) != NULL);
    ASSERT_EQ(len, 0);
    free(blob);
}

TEST(fdt, first_error_reported)
{
    FdtWriter *w = fdtw_new();
    uint32_t cells[65] = { 0 };
    char err[128] = "";
    size_t size;

    fdtw_begin(w, "node");
    fdtw_prop_cells(w, "too-long", cells, 65);
    fdtw_prop_u32(w, "later", 1);   /* ignored after the error */
    fdtw_end(w);
    ASSERT(fdtw_finish(w, &size, err, sizeof(err)) == NULL);
    ASSERT(strstr(err, "too-long") != NULL);
}

TEST(fdt, validate_rejects_bad_blobs)
{
    size_t size;
    uint8_t *blob = small_tree(&size);
    char err[128];
    uint8_t junk[64] = "this is not a device tree at all, just text....";

    ASSERT_EQ(fdt_validate(blob, size - 1, err, sizeof(err)), -1);
    ASSERT(strstr(err, "truncated") != NULL);
    ASSERT_EQ(fdt_validate(blob, 10, err, sizeof(err)), -1);
    ASSERT_EQ(fdt_validate(junk, sizeof(junk), err, sizeof(err)), -1);
    /* A structure block pointing outside the blob. */
    blob[8] = 0x7f;         /* off_dt_struct */
    ASSERT_EQ(fdt_validate(blob, size, err, sizeof(err)), -1);
    free(blob);
}

TEST(fdt, set_chosen_adds_and_replaces)
{
    size_t size;
    void *blob = small_tree(&size);
    char err[128];
    int node, len;
    const char *args;
    const fdt64_t *start;

    ASSERT_EQ(fdt_set_chosen(&blob, &size, "console=ttyAMA0", 0x48000000,
                             0x48100000, err, sizeof(err)), 0);
    ASSERT_EQ(fdt_set_chosen(&blob, &size, "root=/dev/vda", 0, 0, err,
                             sizeof(err)), 0);
    ASSERT_EQ(fdt_validate(blob, size, err, sizeof(err)), 0);
    node = fdt_path_offset(blob, "/chosen");
    ASSERT(node >= 0);
    args = fdt_getprop(blob, node, "bootargs", &len);
    ASSERT_STR_EQ(args, "root=/dev/vda");
    start = fdt_getprop(blob, node, "linux,initrd-start", &len);
    ASSERT_EQ(len, 8);
    ASSERT_EQ(fdt64_to_cpu(*start), 0x48000000u);
    free(blob);
}
