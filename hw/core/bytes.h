/* SPDX-License-Identifier: MIT */
/*
 * Little-endian values of 1 to 8 bytes in a byte buffer, whatever the
 * host's byte order or the buffer's alignment: guest RAM, virtqueue
 * rings, image headers.
 */
#ifndef HW_CORE_BYTES_H
#define HW_CORE_BYTES_H

#include <stdint.h>

static inline uint64_t get_le_bytes(const uint8_t *p, unsigned n)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < n; i++) {
        v |= (uint64_t)p[i] << (8 * i);
    }
    return v;
}

static inline void put_le_bytes(uint8_t *p, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}

#endif
