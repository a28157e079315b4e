/* await: results and errors (code and message) reach the awaiter. */
#include "test.h"

#include <stdint.h>

static int answer(void *arg, void **result) {
  if (wasio_sleep(0.5) != 0) return WASIO_EFAIL;
  *result = (void *)((intptr_t)arg * 2);
  return 0;
}

static int broken(void *arg, void **result) {
  (void)result;
  if (wasio_sleep(0.25) != 0) return WASIO_EFAIL;
  return wasio_fail(WASIO_EUSER - 2, "connection to %s refused",
                    (const char *)arg);
}

static int await_result_main(void *arg, void **result) {
  wasio_task t;
  void *r = NULL;
  (void)arg;
  CHECK_RC(wasio_create_task(&t, answer, (void *)(intptr_t)21), 0);
  CHECK_INT(wasio_task_state(t), WASIO_TASK_PENDING);
  CHECK_RC(wasio_await(t, &r), 0);
  CHECK_INT((intptr_t)r, 42);
  CHECK_NEAR(wasio_now(), 0.5, 0);
  CHECK_INT(wasio_task_state(t), WASIO_TASK_DONE);
  *result = r;
  return wasio_task_release(t);
}

TEST(result_reaches_awaiter) {
  wasio_outcome out;
  CHECK_RC(run_virtual(await_result_main, NULL, &out), 0);
  CHECK_INT((intptr_t)out.result, 42);
  CHECK_STR(out.message, "");
}

static int await_error_main(void *arg, void **result) {
  wasio_task t;
  void *r = (void *)1;
  (void)arg;
  (void)result;
  CHECK_RC(wasio_create_task(&t, broken, "db:5432"), 0);
  int rc = wasio_await(t, &r);
  CHECK_RC(rc, WASIO_EUSER - 2);
  CHECK(r == NULL);
  CHECK_STR(wasio_error_message(), "connection to db:5432 refused");
  wasio_outcome out;
  CHECK_RC(wasio_task_outcome(t, &out), WASIO_EUSER - 2);
  CHECK_STR(out.message, "connection to db:5432 refused");
  wasio_task_release(t);
  return 0;
}

TEST(error_reaches_awaiter_with_message) {
  CHECK_RC(run_virtual(await_error_main, NULL, NULL), 0);
}

static int await_twice_main(void *arg, void **result) {
  wasio_task t;
  void *r1 = NULL, *r2 = NULL;
  (void)arg;
  (void)result;
  wasio_create_task(&t, answer, (void *)(intptr_t)5);
  CHECK_RC(wasio_await(t, &r1), 0);
  double after_first = wasio_now();
  CHECK_RC(wasio_await(t, &r2), 0); /* done: returns at once */
  CHECK_NEAR(wasio_now(), after_first, 0);
  CHECK_INT((intptr_t)r1, 10);
  CHECK_INT((intptr_t)r2, 10);
  wasio_task_release(t);
  return 0;
}

TEST(done_task_awaited_twice) {
  CHECK_RC(run_virtual(await_twice_main, NULL, NULL), 0);
}

static int middle(void *arg, void **result) {
  wasio_task t;
  (void)result;
  int rc = wasio_create_task(&t, broken, arg);
  if (rc != 0) return rc;
  rc = wasio_await(t, NULL);
  wasio_task_release(t);
  return rc; /* the error goes on up, message and all */
}

static int two_levels_main(void *arg, void **result) {
  wasio_task t;
  (void)result;
  wasio_create_task(&t, middle, arg);
  int rc = wasio_await(t, NULL);
  wasio_task_release(t);
  return rc;
}

TEST(error_travels_up_two_levels) {
  wasio_outcome out;
  CHECK_RC(run_virtual(two_levels_main, "cache", &out), WASIO_EUSER - 2);
  CHECK_STR(out.message, "connection to cache refused");
}

/* Found by the fuzzer: two tasks awaiting each other hung for good, even
 * the shutdown's cancellation (each waited for the other to finish). The
 * second await of the cycle fails at once with WASIO_EDEADLK. */
typedef struct cycle {
  wasio_task a, b;
  int a_status, b_status;
  char b_message[160];
} cycle;

static int cycle_a(void *arg, void **result) {
  cycle *c = arg;
  (void)result;
  c->a_status = wasio_await(c->b, NULL);
  return 0;
}

static int cycle_b(void *arg, void **result) {
  cycle *c = arg;
  (void)result;
  CHECK_RC(wasio_sleep(0.5), 0); /* a is waiting for b by now */
  c->b_status = wasio_await(c->a, NULL);
  snprintf(c->b_message, sizeof c->b_message, "%s", wasio_error_message());
  return 0;
}

static int cycle_main(void *arg, void **result) {
  cycle *c = arg;
  (void)result;
  CHECK_RC(wasio_create_task(&c->a, cycle_a, c), 0);
  CHECK_RC(wasio_create_task(&c->b, cycle_b, c), 0);
  wasio_task both[2] = {c->a, c->b};
  CHECK_RC(wasio_gather(both, 2, NULL), 0);
  CHECK_NEAR(wasio_now(), 0.5, 1e-9);
  return 0;
}

TEST(await_cycle_is_a_deadlock_error) {
  cycle c = {.a_status = 1, .b_status = 1};
  CHECK_RC(run_virtual(cycle_main, &c, NULL), 0);
  CHECK_RC(c.b_status, WASIO_EDEADLK);
  CHECK_STR(c.b_message, "wasio_await: Task-2 already waits for Task-3; "
                         "waiting for it would never end");
  CHECK_RC(c.a_status, 0); /* b finished normally, so a's await succeeded */
}
