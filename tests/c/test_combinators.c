/* gather(return_exceptions=True), wait, as_completed. */
#include "test.h"

#include <stdint.h>

typedef struct job {
  double delay;
  int fail;
} job;

static int run_job(void *arg, void **result) {
  job *j = arg;
  int rc = wasio_sleep(j->delay);
  if (rc != 0) return rc;
  if (j->fail) return wasio_fail(WASIO_EUSER - 1, "job %.1f failed", j->delay);
  *result = (void *)(intptr_t)(j->delay * 10);
  return 0;
}

static void spawn(wasio_task *t, job *jobs, size_t n) {
  for (size_t i = 0; i < n; i++) wasio_create_task(&t[i], run_job, &jobs[i]);
}

static void release(wasio_task *t, size_t n) {
  for (size_t i = 0; i < n; i++) wasio_task_release(t[i]);
}

static int outcomes_main(void *arg, void **result) {
  job jobs[3] = {{0.3, 0}, {0.1, 1}, {0.2, 0}};
  wasio_task t[3];
  wasio_outcome out[3];
  (void)arg;
  (void)result;
  spawn(t, jobs, 3);
  wasio_cancel(t[2]);
  CHECK_RC(wasio_gather_outcomes(t, 3, out), 0);
  CHECK_NEAR(wasio_now(), 0.3, 0); /* waited for all, despite the failure */
  CHECK_RC(out[0].status, 0);
  CHECK_INT((intptr_t)out[0].result, 3);
  CHECK_RC(out[1].status, WASIO_EUSER - 1);
  CHECK_STR(out[1].message, "job 0.1 failed");
  CHECK_RC(out[2].status, WASIO_ECANCELLED);
  CHECK_RC(wasio_gather_outcomes(t, 3, NULL), WASIO_EINVAL);
  release(t, 3);
  return 0;
}

TEST(gather_outcomes_keeps_every_failure) {
  CHECK_RC(run_virtual(outcomes_main, NULL, NULL), 0);
}

static int wait_main(void *arg, void **result) {
  job jobs[3] = {{0.3, 0}, {0.1, 1}, {0.2, 0}};
  wasio_task t[3];
  (void)arg;
  (void)result;
  spawn(t, jobs, 3);
  CHECK_INT(wasio_wait(t, 3, WASIO_FIRST_COMPLETED, -1), 1);
  CHECK_NEAR(wasio_now(), 0.1, 0);
  CHECK_INT(wasio_task_state(t[1]), WASIO_TASK_DONE);
  CHECK_INT(wasio_wait(t, 3, WASIO_FIRST_EXCEPTION, -1), 1); /* t[1] failed */
  CHECK_NEAR(wasio_now(), 0.1, 0);
  CHECK_INT(wasio_wait(t, 3, WASIO_ALL_COMPLETED, 0.05), 1); /* timeout */
  CHECK_NEAR(wasio_now(), 0.15, 1e-9);
  CHECK_INT(wasio_wait(t, 3, WASIO_ALL_COMPLETED, -1), 3);
  CHECK_NEAR(wasio_now(), 0.3, 1e-9);
  CHECK_RC(wasio_wait(t, 3, (wasio_wait_mode)7, -1), WASIO_EINVAL);
  wasio_task_outcome(t[1], NULL);
  release(t, 3);
  return 0;
}

TEST(wait_modes_and_timeout) {
  CHECK_RC(run_virtual(wait_main, NULL, NULL), 0);
}

static int as_completed_main(void *arg, void **result) {
  job jobs[4] = {{0.4, 0}, {0.1, 0}, {0.3, 0}, {0.2, 0}};
  wasio_task t[4], next;
  wasio_as_completed ac;
  (void)arg;
  (void)result;
  spawn(t, jobs, 4);
  CHECK_RC(wasio_as_completed_init(&ac, t, 4, -1), 0);
  static const int order[4] = {1, 3, 2, 0};
  for (int i = 0; i < 4; i++) {
    CHECK_INT(wasio_as_completed_next(&ac, &next), 1);
    CHECK(next.slot == t[order[i]].slot && next.gen == t[order[i]].gen);
  }
  CHECK_INT(wasio_as_completed_next(&ac, &next), 0);
  wasio_as_completed_close(&ac);
  release(t, 4);
  /* with a timeout */
  spawn(t, jobs, 4);
  CHECK_RC(wasio_as_completed_init(&ac, t, 4, 0.25), 0);
  CHECK_INT(wasio_as_completed_next(&ac, &next), 1);
  CHECK_INT(wasio_as_completed_next(&ac, &next), 1);
  CHECK_RC(wasio_as_completed_next(&ac, &next), WASIO_ETIMEDOUT);
  CHECK_NEAR(wasio_now(), 0.4 + 0.25, 1e-9);
  wasio_as_completed_close(&ac);
  CHECK_RC(wasio_gather(t, 4, NULL), 0); /* they ran on */
  release(t, 4);
  return 0;
}

TEST(as_completed_in_finishing_order) {
  CHECK_RC(run_virtual(as_completed_main, NULL, NULL), 0);
}
