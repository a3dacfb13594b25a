/* SPDX-License-Identifier: MIT */
/* Tests of the -d table (hw/core/log.c) and the buffer char backend. */
#include <stdlib.h>
#include <unistd.h>

#include "hw/core/chardev.h"
#include "hw/core/log.h"
#include "tests/test.h"

TEST(log, parse_items)
{
    ASSERT_EQ(log_parse_items("in_asm"), LOG_IN_ASM);
    ASSERT_EQ(log_parse_items("guest_errors,unimp,stats"),
              LOG_GUEST_ERROR | LOG_UNIMP | LOG_STATS);
    ASSERT_EQ(log_parse_items("op,op_opt,out_asm,exec,cpu,int"),
              LOG_OP | LOG_OP_OPT | LOG_OUT_ASM | LOG_EXEC | LOG_CPU |
              LOG_INT);
}

TEST(log, parse_rejects_unknown)
{
    ASSERT_EQ(log_parse_items("in_asm,bogus"), -1);
    ASSERT_EQ(log_parse_items("in_asm,"), -1);
    ASSERT_EQ(log_parse_items("in"), -1);        /* no prefixes */
}

TEST(log, help_lists_every_item)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);

    log_print_help(f);
    fclose(f);
    ASSERT(strstr(text, "\nin_asm "));
    ASSERT(strstr(text, "\nguest_errors "));
    ASSERT(strstr(text, "\nstats "));
    free(text);
}

TEST(log, file_and_mask)
{
    char path[] = "/tmp/mosaic-log-XXXXXX";
    int fd = mkstemp(path);
    char buf[64] = "";
    FILE *f;

    ASSERT(fd >= 0);
    close(fd);
    ASSERT_EQ(log_set_file(path), 0);
    log_level_mask = LOG_UNIMP;
    log_mask(LOG_UNIMP, "shown %d\n", 1);
    log_mask(LOG_GUEST_ERROR, "hidden\n");
    fclose(log_file);
    log_file = NULL;
    log_level_mask = 0;
    f = fopen(path, "r");
    ASSERT(f && fgets(buf, sizeof(buf), f));
    fclose(f);
    unlink(path);
    ASSERT_STR_EQ(buf, "shown 1\n");
    ASSERT_EQ(log_set_file("/nonexistent/dir/x"), -1);
}

TEST(chardev, buffer_backend)
{
    Chardev *cd = chardev_new_buffer();
    size_t len;

    ASSERT_EQ(chardev_read(cd), -1);
    chardev_write(cd, "ab", 2);
    chardev_write(cd, "c", 1);
    ASSERT_STR_EQ(chardev_output(cd, &len), "abc");
    ASSERT_EQ(len, 3);
    chardev_push_input(cd, "xy", 2);
    ASSERT_EQ(chardev_pending(cd), 2);
    ASSERT_EQ(chardev_read(cd), 'x');
    ASSERT_EQ(chardev_read_wait(cd), 'y');
    ASSERT_EQ(chardev_read_wait(cd), -1);     /* never blocks here */
    chardev_free(cd);
}

TEST(chardev, null_backend)
{
    Chardev *cd = chardev_new_null();

    chardev_write(cd, "lost", 4);
    ASSERT_EQ(chardev_read(cd), -1);
    ASSERT_EQ(chardev_read_wait(cd), -1);
    chardev_free(cd);
}
