/* SPDX-License-Identifier: MIT */
/*
 * Character backends (see chardev.h): stdio with an optional Ctrl-A mux,
 * null, and an in-memory buffer for tests.  Input arrives in a small
 * queue; for stdio a reader thread fills it so a guest that polls its
 * UART never blocks the CPU, and C-a x works even while the guest spins.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "hw/core/chardev.h"
#include "hw/core/log.h"

#define CHARDEV_QUEUE 4096
#define MUX_ESCAPE 0x01         /* Ctrl-A */

typedef enum ChardevKind { CD_STDIO, CD_NULL, CD_BUFFER } ChardevKind;

struct Chardev {
    ChardevKind kind;
    bool mux, mux_escape;
    /* Input queue (ring), shared with the reader thread. */
    pthread_mutex_t lock;
    pthread_cond_t cond;
    uint8_t queue[CHARDEV_QUEUE];
    size_t head, count;
    bool eof;
    bool has_thread;
    pthread_t thread;
    /* Buffer backend output. */
    char *out;
    size_t out_len, out_cap;
    void (*quit)(void *opaque);
    void *quit_opaque;
    void (*notify)(void *opaque);   /* input arrived (any thread) */
    void *notify_opaque;
};

/*
 * The terminal is process-wide, and signal handlers cannot take a
 * context, so the saved settings are the one piece of global state here.
 */
static struct termios tty_saved, tty_raw;
static volatile sig_atomic_t tty_is_raw;

void chardev_restore_tty(void)
{
    if (tty_is_raw) {
        tcsetattr(STDIN_FILENO, TCSANOW, &tty_saved);
        tty_is_raw = 0;
    }
}

static void tty_signal(int sig);

static void tty_install_handlers(void)
{
    static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGABRT,
                                SIGTSTP, SIGCONT };
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = tty_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
        sigaction(sigs[i], &sa, NULL);
    }
}

static void tty_signal(int sig)
{
    if (sig == SIGCONT) {
        /* Back from Ctrl-Z: raw mode again. */
        if (!tty_is_raw && tcsetattr(STDIN_FILENO, TCSANOW, &tty_raw) == 0) {
            tty_is_raw = 1;
        }
        return;
    }
    chardev_restore_tty();
    if (sig == SIGTSTP) {
        signal(SIGTSTP, SIG_DFL);
        raise(SIGTSTP);
        /* Resumed: SIGCONT re-applies raw mode; catch the next stop. */
        signal(SIGTSTP, tty_signal);
        return;
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

/*
 * Raw input for a terminal, keeping output processing.  Ctrl-C stays a
 * signal unless the mux is on: then it goes to the guest, as in QEMU's
 * -nographic, and C-a x is the way out.
 */
static void tty_set_raw(bool signals)
{
    if (tty_is_raw || !isatty(STDIN_FILENO) ||
        tcgetattr(STDIN_FILENO, &tty_saved) != 0) {
        return;
    }
    tty_raw = tty_saved;
    tty_raw.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR |
                         ICRNL | IXON);
    tty_raw.c_oflag |= OPOST;
    tty_raw.c_lflag &= ~(ECHO | ECHONL | ICANON | IEXTEN);
    if (!signals) {
        tty_raw.c_lflag &= ~ISIG;
    }
    tty_raw.c_cflag &= ~(CSIZE | PARENB);
    tty_raw.c_cflag |= CS8;
    tty_raw.c_cc[VMIN] = 1;
    tty_raw.c_cc[VTIME] = 0;
    if (tcsetattr(STDIN_FILENO, TCSANOW, &tty_raw) == 0) {
        tty_is_raw = 1;
        atexit(chardev_restore_tty);
        tty_install_handlers();
    }
}

static Chardev *chardev_alloc(ChardevKind kind)
{
    Chardev *cd = calloc(1, sizeof(*cd));

    if (!cd) {
        die("out of memory");
    }
    cd->kind = kind;
    pthread_mutex_init(&cd->lock, NULL);
    pthread_cond_init(&cd->cond, NULL);
    return cd;
}

static void write_all(int fd, const void *buf, size_t len)
{
    const uint8_t *p = buf;

    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return;     /* stdout gone: drop output like a cut cable */
        }
        p += n;
        len -= (size_t)n;
    }
}

static void mux_help(void)
{
    static const char help[] =
        "\nC-a h    print this help\n"
        "C-a x    exit emulator\n"
        "C-a C-a  sends C-a\n";

    write_all(STDOUT_FILENO, help, sizeof(help) - 1);
}

static void mux_quit(Chardev *cd)
{
    static const char msg[] = "\nmosaic: terminated\n";

    write_all(STDOUT_FILENO, msg, sizeof(msg) - 1);
    if (cd->quit) {
        cd->quit(cd->quit_opaque);
    } else {
        exit(0);
    }
}

/* Mux: true if the byte was an escape sequence consumed here. */
static bool mux_filter(Chardev *cd, uint8_t c)
{
    if (!cd->mux_escape) {
        if (c == MUX_ESCAPE) {
            cd->mux_escape = true;
            return true;
        }
        return false;
    }
    cd->mux_escape = false;
    switch (c) {
    case MUX_ESCAPE:
        return false;           /* C-a C-a: send one C-a */
    case 'x':
        mux_quit(cd);
        return true;
    case 'h':
    case '?':
        mux_help();
        return true;
    default:
        return true;            /* unknown escapes are swallowed */
    }
}

static void *stdio_reader(void *opaque)
{
    Chardev *cd = opaque;
    uint8_t buf[256];

    for (;;) {
        ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        for (ssize_t i = 0; i < n; i++) {
            if (!cd->mux || !mux_filter(cd, buf[i])) {
                chardev_push_input(cd, &buf[i], 1);
            }
        }
    }
    pthread_mutex_lock(&cd->lock);
    cd->eof = true;
    pthread_cond_broadcast(&cd->cond);
    pthread_mutex_unlock(&cd->lock);
    return NULL;
}

Chardev *chardev_new_stdio(bool mux)
{
    Chardev *cd = chardev_alloc(CD_STDIO);

    cd->mux = mux;
    tty_set_raw(!mux);
    if (pthread_create(&cd->thread, NULL, stdio_reader, cd) == 0) {
        cd->has_thread = true;
    } else {
        cd->eof = true;
    }
    return cd;
}

Chardev *chardev_new_null(void)
{
    Chardev *cd = chardev_alloc(CD_NULL);

    cd->eof = true;
    return cd;
}

Chardev *chardev_new_buffer(void)
{
    return chardev_alloc(CD_BUFFER);
}

void chardev_free(Chardev *cd)
{
    if (!cd) {
        return;
    }
    if (cd->has_thread) {
        pthread_cancel(cd->thread);
        pthread_join(cd->thread, NULL);
    }
    if (cd->kind == CD_STDIO) {
        chardev_restore_tty();
    }
    pthread_mutex_destroy(&cd->lock);
    pthread_cond_destroy(&cd->cond);
    free(cd->out);
    free(cd);
}

static void buffer_append(Chardev *cd, const void *buf, size_t len)
{
    if (cd->out_len + len + 1 > cd->out_cap) {
        size_t cap = cd->out_cap ? cd->out_cap : 256;
        while (cap < cd->out_len + len + 1) {
            cap *= 2;
        }
        cd->out = realloc(cd->out, cap);
        if (!cd->out) {
            die("out of memory");
        }
        cd->out_cap = cap;
    }
    memcpy(cd->out + cd->out_len, buf, len);
    cd->out_len += len;
    cd->out[cd->out_len] = '\0';
}

void chardev_write(Chardev *cd, const void *buf, size_t len)
{
    switch (cd->kind) {
    case CD_STDIO:
        write_all(STDOUT_FILENO, buf, len);
        break;
    case CD_BUFFER:
        buffer_append(cd, buf, len);
        break;
    case CD_NULL:
        break;
    }
}

const char *chardev_output(Chardev *cd, size_t *len)
{
    if (len) {
        *len = cd->out_len;
    }
    return cd->out ? cd->out : "";
}

static void unlock_mutex(void *mutex)
{
    pthread_mutex_unlock(mutex);
}

void chardev_push_input(Chardev *cd, const void *buf, size_t len)
{
    const uint8_t *p = buf;
    void (*notify)(void *opaque);
    void *notify_opaque;

    pthread_mutex_lock(&cd->lock);
    pthread_cleanup_push(unlock_mutex, &cd->lock);
    for (size_t i = 0; i < len; i++) {
        while (cd->count == CHARDEV_QUEUE) {
            /* Full: the reader thread waits for the guest to catch up
             * (a cancellation point: chardev_free may end it here). */
            pthread_cond_wait(&cd->cond, &cd->lock);
        }
        cd->queue[(cd->head + cd->count) % CHARDEV_QUEUE] = p[i];
        cd->count++;
    }
    pthread_cond_broadcast(&cd->cond);
    notify = cd->notify;
    notify_opaque = cd->notify_opaque;
    pthread_cleanup_pop(1);
    if (notify && len > 0) {
        notify(notify_opaque);
    }
}

void chardev_set_input_notify(Chardev *cd, void (*fn)(void *opaque),
                              void *opaque)
{
    if (!cd) {
        return;
    }
    pthread_mutex_lock(&cd->lock);
    cd->notify = fn;
    cd->notify_opaque = opaque;
    pthread_mutex_unlock(&cd->lock);
}

static int queue_pop_locked(Chardev *cd)
{
    int c = cd->queue[cd->head];

    cd->head = (cd->head + 1) % CHARDEV_QUEUE;
    cd->count--;
    pthread_cond_broadcast(&cd->cond);
    return c;
}

int chardev_read(Chardev *cd)
{
    int c = -1;

    pthread_mutex_lock(&cd->lock);
    if (cd->count > 0) {
        c = queue_pop_locked(cd);
    }
    pthread_mutex_unlock(&cd->lock);
    return c;
}

int chardev_read_wait(Chardev *cd)
{
    int c = -1;

    pthread_mutex_lock(&cd->lock);
    while (cd->count == 0 && !cd->eof && cd->kind == CD_STDIO) {
        pthread_cond_wait(&cd->cond, &cd->lock);
    }
    if (cd->count > 0) {
        c = queue_pop_locked(cd);
    }
    pthread_mutex_unlock(&cd->lock);
    return c;
}

size_t chardev_pending(Chardev *cd)
{
    size_t n;

    pthread_mutex_lock(&cd->lock);
    n = cd->count;
    pthread_mutex_unlock(&cd->lock);
    return n;
}

void chardev_set_quit_handler(Chardev *cd, void (*fn)(void *opaque),
                              void *opaque)
{
    cd->quit = fn;
    cd->quit_opaque = opaque;
}
