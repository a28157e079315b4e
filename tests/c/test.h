/* A few assertion macros for the C tests. A failed check records where it
 * failed and lets the case go on, so one run shows every broken check. */
#ifndef WASIO_TEST_H
#define WASIO_TEST_H

#include "../../src/wasio.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

extern int test_failures; /* checks failed in the current case */
void test_fail(const char *file, int line, const char *fmt, ...);

#define CHECK(cond)                                                      \
  do {                                                                   \
    if (!(cond)) test_fail(__FILE__, __LINE__, "CHECK(%s)", #cond);      \
  } while (0)

#define CHECK_INT(actual, expected)                                      \
  do {                                                                   \
    long long a_ = (long long)(actual), e_ = (long long)(expected);      \
    if (a_ != e_)                                                        \
      test_fail(__FILE__, __LINE__, "%s == %lld, expected %lld",         \
                #actual, a_, e_);                                        \
  } while (0)

/* A wasio status, shown by name: CHECK_RC(rc, WASIO_EINVAL). */
#define CHECK_RC(actual, expected)                                       \
  do {                                                                   \
    int a_ = (actual), e_ = (expected);                                  \
    if (a_ != e_)                                                        \
      test_fail(__FILE__, __LINE__, "%s == %d (%s), expected %d (%s)",   \
                #actual, a_, wasio_err_name(a_), e_, wasio_err_name(e_)); \
  } while (0)

#define CHECK_STR(actual, expected)                                      \
  do {                                                                   \
    const char *a_ = (actual), *e_ = (expected);                         \
    if (a_ == NULL || strcmp(a_, e_) != 0)                               \
      test_fail(__FILE__, __LINE__, "%s == \"%s\", expected \"%s\"",     \
                #actual, a_ ? a_ : "(null)", e_);                        \
  } while (0)

#define CHECK_NEAR(actual, expected, tolerance)                          \
  do {                                                                   \
    double a_ = (actual), e_ = (expected);                               \
    if (!(fabs(a_ - e_) <= (tolerance)))                                 \
      test_fail(__FILE__, __LINE__, "%s == %.6f, expected %.6f +- %g",   \
                #actual, a_, e_, (double)(tolerance));                   \
  } while (0)

/* Runs main on a virtual-clock loop and returns wasio_run's status. */
int run_virtual(wasio_fn main, void *arg, wasio_outcome *out);

#define TEST(name) void test_##name(void)

#endif
