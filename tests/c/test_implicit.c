/* Node style: wasio_spawn from plain code, the implicit loop. */
#include "test.h"

static int ran;

static int job(void *arg, void **result) {
  (void)result;
  int rc = wasio_sleep(*(double *)arg);
  ran++;
  return rc;
}

static int failing_job(void *arg, void **result) {
  (void)arg;
  (void)result;
  ran++;
  return wasio_fail(WASIO_EUSER - 4, "spawned and failed");
}

static void quiet(wasio_loop *loop, const wasio_exception_context *c,
                  void *arg) {
  (void)loop;
  (void)c;
  (*(int *)arg)++;
}

static int inside(void *arg, void **result) {
  static double d = 0.5;
  (void)arg;
  (void)result;
  CHECK_RC(wasio_spawn(job, &d), 0); /* inside a loop: a detached task */
  CHECK_RC(wasio_spawn(NULL, NULL), WASIO_EINVAL);
  return wasio_sleep(1);
}

TEST(spawned_tasks_run_when_the_implicit_loop_runs) {
  static double one = 1, two = 2;
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL};
  ran = 0;
  CHECK(wasio_implicit_loop() == NULL);
  CHECK_RC(wasio_implicit_init(&opts), 0);
  CHECK_RC(wasio_spawn(job, &one), 0);
  CHECK_RC(wasio_spawn(job, &two), 0);
  CHECK_RC(wasio_implicit_init(&opts), WASIO_ESTATE); /* too late */
  CHECK(wasio_implicit_loop() != NULL);
  CHECK_INT(ran, 0); /* nothing has run yet */
  CHECK_RC(wasio_implicit_run(), 0);
  CHECK_INT(ran, 2);
  CHECK(wasio_implicit_loop() == NULL);
  CHECK_RC(wasio_implicit_run(), 0); /* nothing to run */
  /* a lost error makes the implicit run fail (the process exits with 1) */
  int reports = 0;
  CHECK_RC(wasio_implicit_init(&opts), 0);
  CHECK_RC(wasio_spawn(failing_job, NULL), 0);
  wasio_loop_set_exception_handler(wasio_implicit_loop(), quiet, &reports);
  CHECK_RC(wasio_implicit_run(), WASIO_EFAIL);
  CHECK_INT(reports, 1);
  ran = 0;
  CHECK_RC(run_virtual(inside, NULL, NULL), 0);
  CHECK_INT(ran, 1);
}
