/* The C test runner: runs every case of list.h (or those named on the
 * command line), one line per case, then "N passed, N failed". The same
 * program runs natively and as a WASI module. */
#include "test.h"

#include <stdarg.h>
#include <stdlib.h>

#define TEST_ENTRY(file, name) void test_##name(void);
#define TEST_REAL TEST_ENTRY
#define TEST_NATIVE TEST_ENTRY
#define TEST_WASM TEST_ENTRY
#include "list.h"
#undef TEST_ENTRY
#undef TEST_REAL
#undef TEST_NATIVE
#undef TEST_WASM

/* What a case needs from its target (list.h's marks). */
enum { ANY_TARGET, NEEDS_BLOCKING, NEEDS_POSIX, NEEDS_MEMORY_MAX };

static const struct {
  const char *file, *name;
  void (*fn)(void);
  int needs;
} cases[] = {
#define TEST_ENTRY(file, name) {#file, #name, test_##name, ANY_TARGET},
#define TEST_REAL(file, name) {#file, #name, test_##name, NEEDS_BLOCKING},
#define TEST_NATIVE(file, name) {#file, #name, test_##name, NEEDS_POSIX},
#define TEST_WASM(file, name) {#file, #name, test_##name, NEEDS_MEMORY_MAX},
#include "list.h"
#undef TEST_ENTRY
#undef TEST_REAL
#undef TEST_NATIVE
#undef TEST_WASM
};

#if defined(__EMSCRIPTEN__)
#define CAN_BLOCK 0 /* the JS host is stepped from JavaScript */
#else
#define CAN_BLOCK 1
#endif
#if defined(__wasm__)
#define HAS_POSIX 0
#else
#define HAS_POSIX 1
#endif

int test_failures;

void test_fail(const char *file, int line, const char *fmt, ...) {
  va_list ap;
  if (test_failures++ == 0) printf("\n");
  printf("    %s:%d: ", file, line);
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  printf("\n");
}

int run_virtual(wasio_fn main, void *arg, wasio_outcome *out) {
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL};
  return wasio_run(main, arg, &opts, out);
}

static int selected(int argc, char **argv, const char *file, const char *name) {
  if (argc < 2) return 1;
  for (int i = 1; i < argc; i++)
    if (strcmp(argv[i], name) == 0 || strcmp(argv[i], file) == 0) return 1;
  return 0;
}

int main(int argc, char **argv) {
  int passed = 0, failed = 0, skipped = 0;
  size_t n = sizeof cases / sizeof cases[0];
  /* make valgrind: real-clock cases measure lateness, which a program
   * running 20 times slower cannot meet (the ASan run covers them). */
  const char *no_real = getenv("WASIO_TESTS_SKIP_REAL");
  for (size_t i = 0; i < n; i++) {
    if (!selected(argc, argv, cases[i].file, cases[i].name)) continue;
    printf("%s.%s ...", cases[i].file, cases[i].name);
    if (cases[i].needs == NEEDS_BLOCKING && !CAN_BLOCK) {
      printf(" SKIP (the JS host cannot block in wasio_run)\n");
      skipped++;
      continue;
    }
    if (cases[i].needs == NEEDS_BLOCKING && no_real != NULL && *no_real) {
      printf(" SKIP (real clock; WASIO_TESTS_SKIP_REAL is set)\n");
      skipped++;
      continue;
    }
    if (cases[i].needs == NEEDS_MEMORY_MAX && HAS_POSIX) {
      printf(" SKIP (needs a memory maximum; natively the CLI test runs "
             "the stress demo under ulimit -v)\n");
      skipped++;
      continue;
    }
    if (cases[i].needs == NEEDS_POSIX && !HAS_POSIX) {
      printf(" SKIP (needs POSIX pipes; the stdin demo tests cover WASI)\n");
      skipped++;
      continue;
    }
    fflush(stdout);
    test_failures = 0;
    cases[i].fn();
    if (test_failures == 0) {
      printf(" ok\n");
      passed++;
    } else {
      printf("  FAILED (%d checks)\n", test_failures);
      failed++;
    }
    fflush(stdout);
  }
  if (skipped)
    printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped);
  else
    printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 && passed > 0 ? 0 : 1;
}
