/* SPDX-License-Identifier: MIT */
/*
 * Device tests: register accesses through an AddressSpace that must
 * succeed on the bus (the value read or written is the test's business).
 *
 *   ASSERT_EQ(mmio_rd(as, BASE + 0x18, 4), 0x90);
 *   mmio_wr(as, BASE + 0x30, 0x301, 4);
 */
#ifndef TESTS_UNIT_MMIO_TEST_H
#define TESTS_UNIT_MMIO_TEST_H

#include "hw/core/memory.h"
#include "tests/test.h"

static inline uint64_t mmio_rd(AddressSpace *as, uint64_t addr,
                               unsigned size)
{
    uint64_t v = 0xdead;

    ASSERT_EQ(as_read(as, addr, &v, size), MEMTX_OK);
    return v;
}

static inline void mmio_wr(AddressSpace *as, uint64_t addr, uint64_t val,
                           unsigned size)
{
    ASSERT_EQ(as_write(as, addr, val, size), MEMTX_OK);
}

#endif
