/* gather: results in argument order; the first error is raised at once
 * while the other tasks keep running (asyncio's default). */
#include "test.h"

#include <stdint.h>

typedef struct job {
  double delay;
  int fail;
  int finished;
} job;

static int run_job(void *arg, void **result) {
  job *j = arg;
  int rc = wasio_sleep(j->delay);
  if (rc != 0) return rc;
  j->finished = 1;
  if (j->fail) return wasio_fail(WASIO_EUSER - 3, "job %.1f failed", j->delay);
  *result = (void *)(intptr_t)(j->delay * 10);
  return 0;
}

static int results_main(void *arg, void **result) {
  job jobs[3] = {{0.3, 0, 0}, {0.1, 0, 0}, {0.2, 0, 0}};
  wasio_task t[3];
  void *r[3];
  (void)arg;
  (void)result;
  for (int i = 0; i < 3; i++) wasio_create_task(&t[i], run_job, &jobs[i]);
  CHECK_RC(wasio_gather(t, 3, r), 0);
  CHECK_NEAR(wasio_now(), 0.3, 0);
  CHECK_INT((intptr_t)r[0], 3);
  CHECK_INT((intptr_t)r[1], 1);
  CHECK_INT((intptr_t)r[2], 2);
  CHECK_RC(wasio_gather(t, 0, NULL), 0);
  for (int i = 0; i < 3; i++) wasio_task_release(t[i]);
  return 0;
}

TEST(results_in_order) {
  CHECK_RC(run_virtual(results_main, NULL, NULL), 0);
}

static int first_error_main(void *arg, void **result) {
  job *jobs = arg;
  wasio_task t[3];
  (void)result;
  for (int i = 0; i < 3; i++) wasio_create_task(&t[i], run_job, &jobs[i]);
  CHECK_RC(wasio_gather(t, 3, NULL), WASIO_EUSER - 3);
  CHECK_STR(wasio_error_message(), "job 0.2 failed");
  CHECK_NEAR(wasio_now(), 0.2, 0); /* raised when it happened */
  CHECK_INT(jobs[2].finished, 0);  /* the slow one still runs... */
  CHECK_RC(wasio_await(t[2], NULL), 0);
  CHECK_INT(jobs[2].finished, 1); /* ...to its end */
  CHECK_NEAR(wasio_now(), 0.9, 0);
  for (int i = 0; i < 3; i++) wasio_task_release(t[i]);
  return 0;
}

TEST(first_error_wins_others_keep_running) {
  job jobs[3] = {{0.1, 0, 0}, {0.2, 1, 0}, {0.9, 0, 0}};
  CHECK_RC(run_virtual(first_error_main, jobs, NULL), 0);
}
