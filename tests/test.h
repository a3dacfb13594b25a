/* SPDX-License-Identifier: MIT */
/*
 * A tiny unit-test harness.  One *_test.c per module, linked with
 * tests/unit/test-main.c:
 *
 *   TEST(ir, const_interning) {
 *       ASSERT_EQ(ir_const_i32(f, 5), ir_const_i32(f, 5));
 *   }
 *
 * A failed ASSERT ends that test; SKIP("why") marks it skipped.  The
 * binary prints "N passed, N failed, N skipped" and exits non-zero on a
 * failure; a test running longer than $TEST_TIMEOUT seconds (default
 * 120) is a failure that ends the binary.
 */
#ifndef TESTS_TEST_H
#define TESTS_TEST_H

#include <inttypes.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

typedef struct TestCase {
    const char *group, *name;
    void (*fn)(void);
    struct TestCase *next;
} TestCase;

void test_register(TestCase *tc);
_Noreturn void test_fail(const char *file, int line, const char *msg);
_Noreturn void test_skip(const char *why);

#define TEST(group, name)                                                   \
    static void test_##group##_##name(void);                                \
    static TestCase tc_##group##_##name = { #group, #name,                  \
                                            test_##group##_##name, NULL };  \
    __attribute__((constructor)) static void reg_##group##_##name(void)     \
    {                                                                       \
        test_register(&tc_##group##_##name);                                \
    }                                                                       \
    static void test_##group##_##name(void)

#define ASSERT(cond)                                                        \
    do {                                                                    \
        if (!(cond)) {                                                      \
            test_fail(__FILE__, __LINE__, "ASSERT(" #cond ")");             \
        }                                                                   \
    } while (0)

#define ASSERT_EQ(a, b)                                                     \
    do {                                                                    \
        uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);                    \
        if (a_ != b_) {                                                     \
            char m_[256];                                                   \
            snprintf(m_, sizeof m_, "%s == %s: 0x%" PRIx64 " != 0x%" PRIx64,\
                     #a, #b, a_, b_);                                       \
            test_fail(__FILE__, __LINE__, m_);                              \
        }                                                                   \
    } while (0)

#define ASSERT_STR_EQ(a, b)                                                 \
    do {                                                                    \
        const char *a_ = (a), *b_ = (b);                                    \
        if (strcmp(a_, b_) != 0) {                                          \
            char m_[1024];                                                  \
            snprintf(m_, sizeof m_, "%s == %s:\n--- got\n%s\n--- want\n%s", \
                     #a, #b, a_, b_);                                       \
            test_fail(__FILE__, __LINE__, m_);                              \
        }                                                                   \
    } while (0)

#define SKIP(why) test_skip(why)

#endif
