/* say_after (seed 004) through the demo itself: exact times on the virtual
 * clock, and the real clock within a tolerance. */
#include "../../demos/demo.h"
#include "test.h"

typedef struct line {
  double t;
  char text[64];
} line;

static line lines[16];
static int nlines;

static void capture(double t, const char *text) {
  if (nlines < 16) {
    lines[nlines].t = t;
    snprintf(lines[nlines].text, sizeof lines[nlines].text, "%s", text);
  }
  nlines++;
}

static void run_mode(const char *mode, wasio_clock clock) {
  const wasio_demo *d = demo_find("say_after");
  demo_args args = {.mode = mode};
  wasio_run_opts opts = {.clock = clock};
  void (*saved)(double, const char *) = demo_sink;
  nlines = 0;
  demo_sink = capture;
  CHECK(d != NULL);
  if (d != NULL) CHECK_RC(wasio_run(d->main, &args, &opts, NULL), 0);
  demo_sink = saved;
}

static void expect(int i, const char *text, double t, double tolerance) {
  CHECK_STR(lines[i].text, text);
  CHECK_NEAR(lines[i].t, t, tolerance);
}

TEST(sequential_virtual) {
  run_mode("sequential", WASIO_CLOCK_VIRTUAL);
  CHECK_INT(nlines, 4);
  expect(0, "started (sequential)", 0, 0);
  expect(1, "hello", 1, 0);
  expect(2, "world", 3, 0);
  expect(3, "finished", 3, 0);
}

TEST(tasks_virtual) {
  run_mode("tasks", WASIO_CLOCK_VIRTUAL);
  CHECK_INT(nlines, 4);
  expect(1, "hello", 1, 0);
  expect(2, "world", 2, 0);
  expect(3, "finished", 2, 0);
}

TEST(gather_virtual) {
  run_mode("gather", WASIO_CLOCK_VIRTUAL);
  CHECK_INT(nlines, 4);
  expect(0, "started (gather)", 0, 0);
  expect(1, "hello", 1, 0);
  expect(2, "world", 2, 0);
  expect(3, "finished", 2, 0);
}

TEST(gather_real_clock) {
  run_mode("gather", WASIO_CLOCK_REAL);
  CHECK_INT(nlines, 4);
  expect(1, "hello", 1, 0.08);
  expect(2, "world", 2, 0.08);
  expect(3, "finished", 2, 0.08);
  CHECK(lines[1].t >= 1.0 && lines[2].t >= 2.0); /* never early */
}
