/* SPDX-License-Identifier: MIT */
/*
 * Little-endian values of 1 to 8 bytes in a byte buffer, whatever the
 * host's byte order or the buffer's alignment: guest RAM, virtqueue
 * rings, image headers; and byte swaps of such values.
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

/* The low n (1, 2, 4 or 8) bytes of v in the other byte order. */
static inline uint64_t bswap_bytes(uint64_t v, unsigned n)
{
    switch (n) {
    case 2:
        return __builtin_bswap16((uint16_t)v);
    case 4:
        return __builtin_bswap32((uint32_t)v);
    case 8:
        return __builtin_bswap64(v);
    default:
        return v;
    }
}

#endif
