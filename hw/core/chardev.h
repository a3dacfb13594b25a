/* SPDX-License-Identifier: MIT */
/*
 * Character backends: where a UART's bytes go and come from.  Devices
 * write bytes and poll for input; they never block.  Backends:
 *   stdio  - output to stdout at once; input read from stdin by a reader
 *            thread into a queue (terminal in raw mode while we run).
 *            With mux on (-nographic) Ctrl-A is an escape: C-a x quits,
 *            C-a h prints help, C-a C-a sends C-a; Ctrl-C then goes to
 *            the guest instead of raising SIGINT.
 *   null   - output dropped, no input (-serial none).
 *   buffer - output kept in memory, input pushed by the caller (tests).
 *
 *   Chardev *cd = chardev_new_stdio(true);
 *   chardev_set_quit_handler(cd, board_quit, m);
 *   chardev_write(cd, "hi\n", 3);
 *   int c = chardev_read(cd);           -- -1 when nothing is waiting
 */
#ifndef HW_CORE_CHARDEV_H
#define HW_CORE_CHARDEV_H

#include <stdbool.h>
#include <stddef.h>

typedef struct Chardev Chardev;

Chardev *chardev_new_stdio(bool mux);
Chardev *chardev_new_null(void);
Chardev *chardev_new_buffer(void);
void chardev_free(Chardev *cd);

/* Send bytes to the backend (never blocks on input). */
void chardev_write(Chardev *cd, const void *buf, size_t len);
/* Next input byte, or -1 if none is waiting. */
int chardev_read(Chardev *cd);
/* Next input byte, waiting for one; -1 at end of input. */
int chardev_read_wait(Chardev *cd);
/* Number of input bytes waiting. */
size_t chardev_pending(Chardev *cd);

/* Queue input bytes as if they had been typed (tests, reader thread). */
void chardev_push_input(Chardev *cd, const void *buf, size_t len);
/* Buffer backend: everything written so far (NUL-terminated). */
const char *chardev_output(Chardev *cd, size_t *len);

/*
 * Called (from the reader thread) when the user asks to quit with C-a x.
 * The handler must be thread safe: typically it sets a flag and calls
 * cpu_exit().  Without a handler the process exits with status 0.
 */
void chardev_set_quit_handler(Chardev *cd, void (*fn)(void *opaque),
                              void *opaque);

/*
 * Called (from whichever thread queued it, e.g. the stdio reader) after
 * input arrives, so the board can wake a sleeping CPU
 * (event_loop_notify).  Must be thread safe.
 */
void chardev_set_input_notify(Chardev *cd, void (*fn)(void *opaque),
                              void *opaque);

/* Put the terminal back as we found it (also done at exit and on fatal
 * signals; safe to call more than once). */
void chardev_restore_tty(void);

#endif
