/* SPDX-License-Identifier: MIT */
/*
 * PL011 device tests: registers poked through an AddressSpace, bytes
 * exchanged with a buffer Chardev, the interrupt output watched through
 * a callback.  No CPU involved.
 */
#include <stdlib.h>

#include "hw/char/pl011.h"
#include "hw/core/chardev.h"
#include "hw/core/memory.h"
#include "tests/test.h"
#include "tests/unit/mmio-test.h"

#define BASE 0x09000000u

typedef struct Rig {
    AddressSpace *as;
    Chardev *chr;
    PL011State *s;
    int irq_level, irq_changes;
} Rig;

static void rig_irq(void *opaque, int n, int level)
{
    Rig *r = opaque;

    ASSERT_EQ(n, 33);
    r->irq_level = level;
    r->irq_changes++;
}

static Rig *rig_new(void)
{
    Rig *r = calloc(1, sizeof(*r));

    r->as = as_new("test");
    r->chr = chardev_new_buffer();
    r->s = pl011_new(r->chr);
    as_add_mmio(r->as, "pl011", BASE, PL011_MMIO_SIZE, &pl011_ops, r->s);
    pl011_connect_irq(r->s, rig_irq, r, 33);
    return r;
}

static void rig_free(Rig *r)
{
    pl011_free(r->s);
    chardev_free(r->chr);
    as_free(r->as);
    free(r);
}

static uint32_t rd(Rig *r, uint32_t off)
{
    return (uint32_t)mmio_rd(r->as, BASE + off, 4);
}

static void wr(Rig *r, uint32_t off, uint32_t val)
{
    mmio_wr(r->as, BASE + off, val, 4);
}

TEST(pl011, reset_values)
{
    Rig *r = rig_new();

    ASSERT_EQ(rd(r, 0x018), 0x90);      /* FR: TXFE | RXFE */
    ASSERT_EQ(rd(r, 0x030), 0x300);     /* CR: TXE | RXE */
    ASSERT_EQ(rd(r, 0x034), 0x12);      /* IFLS */
    ASSERT_EQ(rd(r, 0x038), 0);         /* IMSC */
    ASSERT_EQ(rd(r, 0x03c), 0);         /* RIS */
    ASSERT_EQ(r->irq_level, 0);
    rig_free(r);
}

TEST(pl011, id_registers)
{
    static const uint8_t want[8] = { 0x11, 0x10, 0x14, 0x00,
                                     0x0d, 0xf0, 0x05, 0xb1 };
    Rig *r = rig_new();

    for (int i = 0; i < 8; i++) {
        ASSERT_EQ(rd(r, 0xfe0 + 4 * i), want[i]);
    }
    rig_free(r);
}

TEST(pl011, transmit_word_and_byte)
{
    Rig *r = rig_new();

    wr(r, 0x000, 'h');
    ASSERT_EQ(as_write(r->as, BASE, 'i', 1), MEMTX_OK);  /* strb */
    wr(r, 0x000, 0x100 | '!');          /* only the low 8 bits go out */
    ASSERT_STR_EQ(chardev_output(r->chr, NULL), "hi!");
    ASSERT_EQ(rd(r, 0x03c) & 0x20, 0x20);   /* TXRIS */
    rig_free(r);
}

TEST(pl011, receive_without_fifo)
{
    Rig *r = rig_new();

    chardev_push_input(r->chr, "ab", 2);
    ASSERT_EQ(rd(r, 0x018) & 0x50, 0x40);   /* RXFF, not RXFE */
    ASSERT_EQ(rd(r, 0x000), 'a');
    ASSERT_EQ(rd(r, 0x000), 'b');
    ASSERT_EQ(rd(r, 0x018) & 0x10, 0x10);   /* RXFE */
    ASSERT_EQ(rd(r, 0x000), 0);             /* empty reads as 0 */
    rig_free(r);
}

TEST(pl011, receive_fifo_and_interrupts)
{
    Rig *r = rig_new();

    wr(r, 0x02c, 0x70);                 /* LCR_H: FEN, 8 bits */
    wr(r, 0x038, 0x50);                 /* IMSC: RX | RT */
    chardev_push_input(r->chr, "0123456789", 10);
    ASSERT_EQ(rd(r, 0x03c) & 0x50, 0x50);   /* 10 >= 8: RXRIS; idle: RT */
    ASSERT_EQ(r->irq_level, 1);
    ASSERT_EQ(rd(r, 0x040), 0x50);          /* MIS */
    wr(r, 0x044, 0x40);                     /* ICR clears RT */
    ASSERT_EQ(rd(r, 0x040), 0x10);
    for (int i = 0; i < 3; i++) {
        ASSERT_EQ(rd(r, 0x000), '0' + i);
    }
    ASSERT_EQ(rd(r, 0x03c) & 0x50, 0);      /* 7 left: below trigger */
    ASSERT_EQ(r->irq_level, 0);
    for (int i = 3; i < 10; i++) {
        ASSERT_EQ(rd(r, 0x000), '0' + i);
    }
    ASSERT_EQ(rd(r, 0x018) & 0x10, 0x10);   /* RXFE */
    chardev_push_input(r->chr, "x", 1);
    ASSERT_EQ(rd(r, 0x03c) & 0x40, 0x40);   /* timeout: RTRIS */
    ASSERT_EQ(r->irq_level, 1);
    wr(r, 0x044, 0x40);                     /* ICR clears RT */
    ASSERT_EQ(r->irq_level, 0);
    ASSERT_EQ(rd(r, 0x000), 'x');
    rig_free(r);
}

TEST(pl011, fifo_full_flag)
{
    Rig *r = rig_new();
    char buf[20];

    memset(buf, 'z', sizeof(buf));
    wr(r, 0x02c, 0x10);                 /* FEN */
    chardev_push_input(r->chr, buf, sizeof(buf));
    ASSERT_EQ(rd(r, 0x018) & 0x40, 0x40);   /* RXFF with 16 */
    ASSERT_EQ(chardev_pending(r->chr), 4);  /* rest waits in the backend */
    rd(r, 0x000);
    ASSERT_EQ(chardev_pending(r->chr), 3);  /* refilled after a read */
    rig_free(r);
}

TEST(pl011, loopback)
{
    Rig *r = rig_new();

    wr(r, 0x030, 0x381);                /* UARTEN | LBE | TXE | RXE */
    wr(r, 0x000, 'q');
    ASSERT_EQ(chardev_output(r->chr, NULL)[0], '\0');
    ASSERT_EQ(rd(r, 0x000), 'q');
    rig_free(r);
}

TEST(pl011, registers_keep_their_width)
{
    Rig *r = rig_new();

    wr(r, 0x024, 0xfffff);
    ASSERT_EQ(rd(r, 0x024), 0xffff);    /* IBRD 16 bits */
    wr(r, 0x028, 0xff);
    ASSERT_EQ(rd(r, 0x028), 0x3f);      /* FBRD 6 bits */
    wr(r, 0x048, 0xff);
    ASSERT_EQ(rd(r, 0x048), 7);         /* DMACR 3 bits */
    wr(r, 0x004, 0);                    /* ECR */
    ASSERT_EQ(rd(r, 0x004), 0);
    rig_free(r);
}

TEST(pl011, bad_accesses_are_ignored)
{
    Rig *r = rig_new();

    wr(r, 0x018, 0);                    /* read-only FR */
    ASSERT_EQ(rd(r, 0x018), 0x90);
    wr(r, 0x500, 1);                    /* hole */
    ASSERT_EQ(rd(r, 0x500), 0);
    ASSERT_EQ(rd(r, 0x044), 0);         /* write-only ICR */
    ASSERT_EQ(pl011_read(r->s, 0x002, 2), 0);  /* direct bad size */
    pl011_write(r->s, 0x001, 'x', 1);
    ASSERT_EQ(chardev_output(r->chr, NULL)[0], '\0');
    rig_free(r);
}
