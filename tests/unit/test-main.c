/* SPDX-License-Identifier: MIT */
/* Runs every TEST() linked into the binary; see tests/test.h. */
#include <stdlib.h>

#include "tests/test.h"

static TestCase *head, **tail = &head;
static jmp_buf test_jmp;
static int test_result; /* 0 pass, 1 fail, 2 skip */

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
    int counts[3] = { 0, 0, 0 };
    const char *only = argc > 1 ? argv[1] : NULL;

    for (TestCase *volatile tc = head; tc; tc = tc->next) {
        if (only && strcmp(only, tc->group) != 0) {
            continue;
        }
        test_result = 0;
        if (setjmp(test_jmp) == 0) {
            tc->fn();
        }
        static const char *const verdict[] = { "PASS", "FAIL", "SKIP" };
        printf("%s %s.%s\n", verdict[test_result], tc->group, tc->name);
        counts[test_result]++;
    }
    printf("%d passed, %d failed, %d skipped\n", counts[0], counts[1],
           counts[2]);
    return counts[1] ? 1 : 0;
}
