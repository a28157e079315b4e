/* TaskGroup: children run together; the first failure cancels the others
 * and the body; every failure is reported together. */
#include "test.h"

#include <stdint.h>

typedef struct child {
  double delay;
  int fail;       /* fail with EUSER-fail after the delay */
  int cancelled, finished;
} child;

static int run_child(void *arg, void **result) {
  child *c = arg;
  (void)result;
  int rc = wasio_sleep(c->delay);
  if (rc == WASIO_ECANCELLED) {
    c->cancelled = 1;
    return rc;
  }
  if (c->fail) return wasio_fail(WASIO_EUSER - c->fail, "child %.1f broke",
                                 c->delay);
  c->finished = 1;
  return 0;
}

static int all_ok_main(void *arg, void **result) {
  child *c = arg;
  wasio_taskgroup tg;
  wasio_task t;
  (void)result;
  CHECK_RC(wasio_taskgroup_enter(&tg), 0);
  CHECK_RC(wasio_taskgroup_spawn(&tg, NULL, run_child, &c[0]), 0);
  CHECK_RC(wasio_taskgroup_spawn(&tg, &t, run_child, &c[1]), 0);
  CHECK_RC(wasio_taskgroup_exit(&tg, 0), 0);
  CHECK_NEAR(wasio_now(), 2, 0);
  CHECK_INT(wasio_task_state(t), WASIO_TASK_DONE); /* still ours */
  wasio_task_release(t);
  CHECK_INT((int)wasio_taskgroup_error_count(&tg), 0);
  return 0;
}

TEST(waits_for_every_child) {
  child c[2] = {{1, 0, 0, 0}, {2, 0, 0, 0}};
  CHECK_RC(run_virtual(all_ok_main, c, NULL), 0);
  CHECK(c[0].finished && c[1].finished);
}

static int failing_main(void *arg, void **result) {
  child *c = arg;
  wasio_taskgroup tg;
  (void)result;
  wasio_taskgroup_enter(&tg);
  for (int i = 0; i < 4; i++) wasio_taskgroup_spawn(&tg, NULL, run_child, &c[i]);
  int body = wasio_sleep(10); /* the body is cancelled too */
  CHECK_RC(body, WASIO_ECANCELLED);
  CHECK_NEAR(wasio_now(), 1, 0);
  CHECK_RC(wasio_taskgroup_spawn(&tg, NULL, run_child, &c[0]), WASIO_ESTATE);
  int rc = wasio_taskgroup_exit(&tg, body);
  CHECK_RC(rc, WASIO_EGROUP);
  CHECK_STR(wasio_error_message(),
            "2 tasks failed: Task-3: EUSER: child 1.0 broke; "
            "Task-4: EUSER: child 1.0 broke");
  CHECK_INT((int)wasio_taskgroup_error_count(&tg), 2);
  wasio_outcome out;
  CHECK_RC(wasio_taskgroup_error(&tg, 1, &out), WASIO_EUSER - 2);
  CHECK_STR(out.message, "child 1.0 broke");
  CHECK_RC(wasio_taskgroup_error(&tg, 2, &out), WASIO_EINVAL);
  return 0;
}

TEST(first_failure_cancels_siblings_and_body) {
  /* two fail at 1 s (same step: both reported), the others are cancelled */
  child c[4] = {{3, 0, 0, 0}, {1, 1, 0, 0}, {1, 2, 0, 0}, {5, 0, 0, 0}};
  CHECK_RC(run_virtual(failing_main, c, NULL), 0);
  CHECK_INT(c[0].cancelled, 1);
  CHECK_INT(c[3].cancelled, 1);
  CHECK_INT(c[0].finished + c[3].finished, 0);
}

static int body_fails_main(void *arg, void **result) {
  child *c = arg;
  wasio_taskgroup tg;
  (void)result;
  wasio_taskgroup_enter(&tg);
  wasio_taskgroup_spawn(&tg, NULL, run_child, &c[0]);
  wasio_sleep(0.5);
  int rc = wasio_taskgroup_exit(&tg, wasio_fail(WASIO_EUSER - 9, "bad input"));
  CHECK_RC(rc, WASIO_EGROUP);
  CHECK_STR(wasio_error_message(), "1 task failed: main: EUSER: bad input");
  return 0;
}

TEST(a_failing_body_counts_as_a_failure) {
  child c[1] = {{5, 0, 0, 0}};
  CHECK_RC(run_virtual(body_fails_main, c, NULL), 0);
  CHECK_INT(c[0].cancelled, 1);
}

static int group_in_task(void *arg, void **result) {
  child *c = arg;
  wasio_taskgroup tg;
  (void)result;
  wasio_taskgroup_enter(&tg);
  wasio_taskgroup_spawn(&tg, NULL, run_child, &c[0]);
  wasio_taskgroup_spawn(&tg, NULL, run_child, &c[1]);
  return wasio_taskgroup_exit(&tg, 0); /* cancelled while waiting here */
}

static int external_main(void *arg, void **result) {
  wasio_task t;
  (void)result;
  wasio_create_task(&t, group_in_task, arg);
  wasio_sleep(1);
  wasio_cancel(t);
  CHECK_RC(wasio_await(t, NULL), WASIO_ECANCELLED);
  wasio_task_release(t);
  return 0;
}

TEST(cancelled_from_outside) {
  child c[2] = {{3, 0, 0, 0}, {4, 0, 0, 0}};
  CHECK_RC(run_virtual(external_main, c, NULL), 0);
  CHECK(c[0].cancelled && c[1].cancelled);
}

TEST(misuse) {
  wasio_taskgroup tg;
  CHECK_RC(wasio_taskgroup_enter(&tg), WASIO_ENOLOOP);
  CHECK_RC(wasio_taskgroup_enter(NULL), WASIO_EINVAL);
}
