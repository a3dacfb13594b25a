/* SPDX-License-Identifier: MIT */
/*
 * ARM PrimeCell UART (PL011), following the PrimeCell UART (PL011)
 * Technical Reference Manual, ARM DDI 0183.  Transmission is instant (the
 * TX FIFO is always empty), so only the receive FIFO is modelled.
 *
 * Register map (offsets from the base, 32-bit registers):
 *   0x000 UARTDR       data; reads carry the error bits 11:8
 *   0x004 UARTRSR/ECR  receive status (read) / error clear (write)
 *   0x018 UARTFR       flags (read only)
 *   0x020 UARTILPR     IrDA low-power counter
 *   0x024 UARTIBRD     integer baud divisor
 *   0x028 UARTFBRD     fractional baud divisor
 *   0x02c UARTLCR_H    line control
 *   0x030 UARTCR       control
 *   0x034 UARTIFLS     FIFO interrupt levels
 *   0x038 UARTIMSC     interrupt mask set/clear
 *   0x03c UARTRIS      raw interrupt status (read only)
 *   0x040 UARTMIS      masked interrupt status (read only)
 *   0x044 UARTICR      interrupt clear (write only)
 *   0x048 UARTDMACR    DMA control
 *   0xfe0-0xfec        UARTPeriphID0-3 (0x00141011)
 *   0xff0-0xffc        UARTPCellID0-3  (0xb105f00d)
 */
#include <stdlib.h>

#include "hw/char/pl011.h"
#include "hw/core/log.h"

enum {
    PL011_DR = 0x000,           /* UARTDR */
    PL011_RSR = 0x004,          /* UARTRSR/UARTECR */
    PL011_FR = 0x018,           /* UARTFR */
    PL011_ILPR = 0x020,         /* UARTILPR */
    PL011_IBRD = 0x024,         /* UARTIBRD */
    PL011_FBRD = 0x028,         /* UARTFBRD */
    PL011_LCR_H = 0x02c,        /* UARTLCR_H */
    PL011_CR = 0x030,           /* UARTCR */
    PL011_IFLS = 0x034,         /* UARTIFLS */
    PL011_IMSC = 0x038,         /* UARTIMSC */
    PL011_RIS = 0x03c,          /* UARTRIS */
    PL011_MIS = 0x040,          /* UARTMIS */
    PL011_ICR = 0x044,          /* UARTICR */
    PL011_DMACR = 0x048,        /* UARTDMACR */
    PL011_ITCR = 0x080,         /* UARTITCR (test) */
    PL011_TDR = 0x08c,          /* UARTTDR (test) */
    PL011_ID_BASE = 0xfe0,      /* UARTPeriphID0 .. UARTPCellID3 */
};

/* UARTFR */
#define FR_BUSY (1u << 3)
#define FR_RXFE (1u << 4)
#define FR_TXFF (1u << 5)
#define FR_RXFF (1u << 6)
#define FR_TXFE (1u << 7)
/* UARTLCR_H */
#define LCR_H_FEN (1u << 4)
/* UARTCR */
#define CR_LBE (1u << 7)
/* Interrupt bits (IMSC, RIS, MIS, ICR) */
#define INT_RX (1u << 4)
#define INT_TX (1u << 5)
#define INT_RT (1u << 6)
#define INT_OE (1u << 10)
#define INT_ALL 0x7ffu
/* Error bits of a received character in UARTDR, and UARTRSR */
#define DR_OE (1u << 11)
#define RSR_OE (1u << 3)

/* PeriphID0-3 then PCellID0-3, one byte per register */
static const uint8_t pl011_id[8] = {
    0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1
};

/* RX interrupt trigger level for IFLS.RXIFLSEL: 1/8 .. 7/8 full */
static unsigned pl011_rx_trigger(PL011State *s)
{
    static const unsigned level[8] = { 2, 4, 8, 12, 14, 16, 16, 16 };

    if (!(s->lcr_h & LCR_H_FEN)) {
        return 1;
    }
    return level[(s->ifls >> 3) & 7];
}

static unsigned pl011_rx_depth(PL011State *s)
{
    return (s->lcr_h & LCR_H_FEN) ? PL011_FIFO_DEPTH : 1;
}

static void pl011_update_irq(PL011State *s)
{
    bool level = (s->ris & s->imsc) != 0;

    if (s->irq_set && level != s->irq_level) {
        s->irq_set(s->irq_opaque, s->irq_n, level);
    }
    s->irq_level = level;
}

/* A character arrives; RX is raised when the FIFO reaches its level. */
static void pl011_rx_push(PL011State *s, uint16_t data)
{
    if (s->rx_count >= pl011_rx_depth(s)) {
        s->rsr |= RSR_OE;
        s->ris |= INT_OE;
        return;
    }
    s->rx_fifo[(s->rx_head + s->rx_count) % PL011_FIFO_DEPTH] = data;
    s->rx_count++;
    if (s->rx_count >= pl011_rx_trigger(s)) {
        s->ris |= INT_RX;
    }
}

static uint32_t pl011_rx_pop(PL011State *s)
{
    uint32_t data;

    if (s->rx_count == 0) {
        return 0;
    }
    data = s->rx_fifo[s->rx_head];
    s->rx_head = (s->rx_head + 1) % PL011_FIFO_DEPTH;
    s->rx_count--;
    s->rsr = (data >> 8) & 0xf;
    if (s->rx_count < pl011_rx_trigger(s)) {
        s->ris &= ~INT_RX;
    }
    if (s->rx_count == 0) {
        s->ris &= ~INT_RT;
    }
    return data;
}

/*
 * Take what the backend has waiting.  When new data came in and the
 * backend then ran dry, the receive timeout (32 idle bit periods) is
 * taken as elapsed at once and RT is raised.
 */
void pl011_poll(PL011State *s)
{
    bool got = false;

    while (s->chr && s->rx_count < pl011_rx_depth(s)) {
        int c = chardev_read(s->chr);
        if (c < 0) {
            if (got) {
                s->ris |= INT_RT;
            }
            break;
        }
        pl011_rx_push(s, (uint16_t)c);
        got = true;
    }
    pl011_update_irq(s);
}

static uint32_t pl011_flags(PL011State *s)
{
    uint32_t fr = FR_TXFE;

    if (s->rx_count == 0) {
        fr |= FR_RXFE;
    }
    if (s->rx_count >= pl011_rx_depth(s)) {
        fr |= FR_RXFF;
    }
    return fr;
}

static uint32_t pl011_read_reg(PL011State *s, uint64_t off)
{
    switch (off) {
    case PL011_DR: {                                    /* UARTDR */
        uint32_t data = pl011_rx_pop(s);
        pl011_poll(s);
        return data;
    }
    case PL011_RSR:                                     /* UARTRSR */
        return s->rsr;
    case PL011_FR:                                      /* UARTFR */
        pl011_poll(s);
        return pl011_flags(s);
    case PL011_ILPR:                                    /* UARTILPR */
        return s->ilpr;
    case PL011_IBRD:                                    /* UARTIBRD */
        return s->ibrd;
    case PL011_FBRD:                                    /* UARTFBRD */
        return s->fbrd;
    case PL011_LCR_H:                                   /* UARTLCR_H */
        return s->lcr_h;
    case PL011_CR:                                      /* UARTCR */
        return s->cr;
    case PL011_IFLS:                                    /* UARTIFLS */
        return s->ifls;
    case PL011_IMSC:                                    /* UARTIMSC */
        return s->imsc;
    case PL011_RIS:                                     /* UARTRIS */
        pl011_poll(s);
        return s->ris;
    case PL011_MIS:                                     /* UARTMIS */
        pl011_poll(s);
        return s->ris & s->imsc;
    case PL011_DMACR:                                   /* UARTDMACR */
        return s->dmacr;
    case PL011_ICR:                                     /* UARTICR */
        log_mask(LOG_GUEST_ERROR, "pl011: read of write-only UARTICR\n");
        return 0;
    default:
        if (off >= PL011_ID_BASE && off < PL011_ID_BASE + 0x20) {
            return pl011_id[(off - PL011_ID_BASE) >> 2];  /* ID regs */
        }
        if (off >= PL011_ITCR && off <= PL011_TDR) {
            log_mask(LOG_UNIMP, "pl011: test register 0x%03x\n",
                     (unsigned)off);
            return 0;
        }
        log_mask(LOG_GUEST_ERROR, "pl011: read of bad offset 0x%03x\n",
                 (unsigned)off);
        return 0;
    }
}

static void pl011_transmit(PL011State *s, uint8_t c)
{
    if (s->cr & CR_LBE) {
        pl011_rx_push(s, c);    /* loopback: TX feeds our own RX */
        s->ris |= INT_RT;
    } else if (s->chr) {
        /* Like QEMU, send even if UARTEN/TXE are clear: bare-metal
         * programs often skip enabling the UART. */
        chardev_write(s->chr, &c, 1);
    }
    s->ris |= INT_TX;           /* the FIFO drained below its level */
}

static void pl011_set_lcr_h(PL011State *s, uint32_t val)
{
    if ((s->lcr_h ^ val) & LCR_H_FEN) {
        s->rx_count = 0;        /* FIFO mode change flushes the FIFO */
        s->rx_head = 0;
        s->ris &= ~(INT_RX | INT_RT);
    }
    s->lcr_h = val & 0xff;
}

static void pl011_write_reg(PL011State *s, uint64_t off, uint32_t val)
{
    switch (off) {
    case PL011_DR:                                      /* UARTDR */
        pl011_transmit(s, (uint8_t)val);
        break;
    case PL011_RSR:                                     /* UARTECR */
        s->rsr = 0;
        break;
    case PL011_ILPR:                                    /* UARTILPR */
        s->ilpr = val & 0xff;
        break;
    case PL011_IBRD:                                    /* UARTIBRD */
        s->ibrd = val & 0xffff;
        break;
    case PL011_FBRD:                                    /* UARTFBRD */
        s->fbrd = val & 0x3f;
        break;
    case PL011_LCR_H:                                   /* UARTLCR_H */
        pl011_set_lcr_h(s, val);
        break;
    case PL011_CR:                                      /* UARTCR */
        s->cr = val & 0xffff;
        break;
    case PL011_IFLS:                                    /* UARTIFLS */
        s->ifls = val & 0x3f;
        break;
    case PL011_IMSC:                                    /* UARTIMSC */
        s->imsc = val & INT_ALL;
        break;
    case PL011_ICR:                                     /* UARTICR */
        s->ris &= ~(val & INT_ALL);
        break;
    case PL011_DMACR:                                   /* UARTDMACR */
        s->dmacr = val & 7;
        if (s->dmacr) {
            log_mask(LOG_UNIMP, "pl011: DMA not implemented\n");
        }
        break;
    case PL011_FR:                                      /* UARTFR */
    case PL011_RIS:                                     /* UARTRIS */
    case PL011_MIS:                                     /* UARTMIS */
        log_mask(LOG_GUEST_ERROR, "pl011: write to read-only 0x%03x\n",
                 (unsigned)off);
        break;
    default:
        if (off >= PL011_ITCR && off <= PL011_TDR) {
            log_mask(LOG_UNIMP, "pl011: test register 0x%03x\n",
                     (unsigned)off);
            break;
        }
        log_mask(LOG_GUEST_ERROR, "pl011: write to bad offset 0x%03x\n",
                 (unsigned)off);
        break;
    }
}

static bool pl011_access_ok(uint64_t off, unsigned size, bool write)
{
    if (size == 4 && (off & 3) == 0 && off < PL011_MMIO_SIZE) {
        return true;
    }
    log_mask(LOG_GUEST_ERROR, "pl011: bad %u-byte %s at offset 0x%03x\n",
             size, write ? "write" : "read", (unsigned)off);
    return false;
}

uint64_t pl011_read(void *opaque, uint64_t off, unsigned size)
{
    PL011State *s = opaque;
    uint32_t val;

    if (!pl011_access_ok(off, size, false)) {
        return 0;
    }
    val = pl011_read_reg(s, off);
    pl011_update_irq(s);
    return val;
}

void pl011_write(void *opaque, uint64_t off, uint64_t val, unsigned size)
{
    PL011State *s = opaque;

    if (!pl011_access_ok(off, size, true)) {
        return;
    }
    pl011_write_reg(s, off, (uint32_t)val);
    pl011_update_irq(s);
}

const MemOps pl011_ops = {
    .read = pl011_read,
    .write = pl011_write,
    .min_size = 4,
    .max_size = 4,
    .endian = DEVICE_LITTLE_ENDIAN,
};

void pl011_reset(PL011State *s)
{
    s->rsr = s->ilpr = s->ibrd = s->fbrd = s->lcr_h = 0;
    s->cr = 0x300;              /* TXE | RXE */
    s->ifls = 0x12;             /* both FIFOs at 1/2 */
    s->imsc = s->ris = s->dmacr = 0;
    s->rx_head = s->rx_count = 0;
    pl011_update_irq(s);
}

void pl011_init(PL011State *s, Chardev *chr)
{
    *s = (PL011State) { .chr = chr };
    pl011_reset(s);
}

PL011State *pl011_new(Chardev *chr)
{
    PL011State *s = malloc(sizeof(*s));

    if (!s) {
        die("out of memory");
    }
    pl011_init(s, chr);
    return s;
}

void pl011_free(PL011State *s)
{
    free(s);
}

void pl011_connect_irq(PL011State *s,
                       void (*set)(void *opaque, int n, int level),
                       void *opaque, int n)
{
    s->irq_set = set;
    s->irq_opaque = opaque;
    s->irq_n = n;
    s->irq_level = false;
    pl011_update_irq(s);
}
