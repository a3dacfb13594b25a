/* SPDX-License-Identifier: MIT */
/* Runs every TEST() linked into the binary; see tests/test.h.  A test
 * that runs longer than TEST_TIMEOUT seconds (default 120) fails the
 * binary instead of hanging it. */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "tests/test.h"

static TestCase *head, **tail = &head;
static jmp_buf test_jmp;
static int test_result; /* 0 pass, 1 fail, 2 skip */
static TestCase *volatile current;
static int counts[3];

static void put(const char *s)
{
    ssize_t r = write(STDOUT_FILENO, s, strlen(s));
    (void)r;
}

/* SIGALRM: the test hangs.  Say which, count it, end the binary. */
static void test_timed_out(int sig)
{
    char n[3][12];

    (void)sig;
    put("FAIL ");
    put(current->group);
    put(".");
    put(current->name);
    put(" (timed out)\n");
    for (int i = 0; i < 3; i++) {
        int v = counts[i] + (i == 1), k = sizeof(n[i]) - 1;
        n[i][k] = 0;
        do {
            n[i][--k] = (char)('0' + v % 10);
            v /= 10;
        } while (v && k > 0);
        memmove(n[i], n[i] + k, sizeof(n[i]) - k);
    }
    put(n[0]), put(" passed, "), put(n[1]), put(" failed, ");
    put(n[2]), put(" skipped\n");
    _exit(1);
}

void test_register(TestCase *tc)
{
    *tail = tc;
    tail = &tc->next;
}

void test_fail(const char *file, int line, const char *msg)
{
    fprintf(stderr, "  %s:%d: %s\n", file, line, msg);
    test_result = 1;
    longjmp(test_jmp, 1);
}

void test_skip(const char *why)
{
    fprintf(stderr, "  skipped: %s\n", why);
    test_result = 2;
    longjmp(test_jmp, 1);
}

int main(int argc, char **argv)
{
    const char *only = argc > 1 ? argv[1] : NULL;
    const char *env = getenv("TEST_TIMEOUT");
    unsigned timeout = env ? (unsigned)atoi(env) : 120;

    signal(SIGALRM, test_timed_out);
    for (TestCase *volatile tc = head; tc; tc = tc->next) {
        if (only && strcmp(only, tc->group) != 0) {
            continue;
        }
        test_result = 0;
        current = tc;
        alarm(timeout);
        if (setjmp(test_jmp) == 0) {
            tc->fn();
        }
        alarm(0);
        static const char *const verdict[] = { "PASS", "FAIL", "SKIP" };
        printf("%s %s.%s\n", verdict[test_result], tc->group, tc->name);
        counts[test_result]++;
    }
    printf("%d passed, %d failed, %d skipped\n", counts[0], counts[1],
           counts[2]);
    return counts[1] ? 1 : 0;
}
