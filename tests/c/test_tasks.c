/* Tasks: names, current_task, all_tasks, done callbacks, cancel messages,
 * cancelling/uncancel. */
#include "test.h"

#include <stdint.h>

static int nap(void *arg, void **result) {
  (void)result;
  return wasio_sleep(arg ? *(double *)arg : 1);
}

static int names_main(void *arg, void **result) {
  wasio_task a, b;
  double two = 2;
  (void)arg;
  (void)result;
  CHECK_STR(wasio_task_name(wasio_current_task()), "main");
  wasio_create_task(&a, nap, NULL);
  wasio_create_task(&b, nap, &two);
  CHECK_STR(wasio_task_name(a), "Task-2");
  CHECK_RC(wasio_task_set_name(b, "fetcher-with-a-very-long-name-that-is-cut"), 0);
  CHECK_STR(wasio_task_name(b), "fetcher-with-a-very-long-name-t");
  CHECK_RC(wasio_task_set_name(b, NULL), WASIO_EINVAL);
  wasio_task all[8];
  CHECK_INT(wasio_all_tasks(all, 8), 3); /* main, a, b */
  CHECK_STR(wasio_task_name(all[0]), "main");
  CHECK_STR(wasio_task_name(all[1]), "Task-2");
  CHECK_INT(wasio_all_tasks(NULL, 0), 3);
  CHECK_INT(wasio_all_tasks(all, 1), 3); /* the count, even when cut */
  wasio_await(a, NULL);
  CHECK_INT(wasio_all_tasks(all, 8), 2);
  wasio_await(b, NULL);
  wasio_task_release(a);
  wasio_task_release(b);
  return 0;
}

TEST(names_current_and_all_tasks) {
  CHECK_RC(run_virtual(names_main, NULL, NULL), 0);
  CHECK_RC(wasio_all_tasks(NULL, 0), WASIO_ENOLOOP);
}

typedef struct calls {
  char log[8][32];
  int n;
} calls;

static void on_done(wasio_task t, void *arg) {
  calls *c = arg;
  wasio_outcome out;
  int status = wasio_task_outcome(t, &out);
  snprintf(c->log[c->n++ & 7], 32, "%s:%s@%.1f", wasio_task_name(t),
           status ? wasio_err_name(status) : "ok", wasio_now());
}

static int done_main(void *arg, void **result) {
  calls *c = arg;
  wasio_task t, u;
  double two = 2;
  (void)result;
  wasio_create_task(&t, nap, NULL);
  wasio_create_task(&u, nap, &two);
  CHECK_RC(wasio_task_add_done_callback(t, on_done, c), 0);
  CHECK_RC(wasio_task_add_done_callback(t, on_done, c), 0);
  CHECK_RC(wasio_task_add_done_callback(u, on_done, c), 0);
  CHECK_INT(wasio_task_remove_done_callback(u, on_done, c), 1);
  CHECK_INT(wasio_task_remove_done_callback(u, on_done, c), 0);
  CHECK_RC(wasio_task_add_done_callback(t, NULL, c), WASIO_EINVAL);
  wasio_task_release(t); /* the pending callbacks keep it alive */
  wasio_sleep(1.5);
  CHECK_INT(c->n, 2);
  wasio_cancel(u);
  wasio_task_add_done_callback(u, on_done, c);
  wasio_sleep(0);
  wasio_sleep(0);
  CHECK_INT(c->n, 3);
  /* added after it is done: scheduled at once */
  wasio_task_add_done_callback(u, on_done, c);
  wasio_sleep(0);
  CHECK_INT(c->n, 4);
  wasio_task_release(u);
  return 0;
}

TEST(done_callbacks) {
  calls c = {.n = 0};
  CHECK_RC(run_virtual(done_main, &c, NULL), 0);
  CHECK_INT(c.n, 4);
  CHECK_STR(c.log[0], "Task-2:ok@1.0");
  CHECK_STR(c.log[1], "Task-2:ok@1.0");
  CHECK_STR(c.log[2], "Task-3:ECANCELLED@1.5");
  CHECK_STR(c.log[3], "Task-3:ECANCELLED@1.5");
}

static int cancel_msg_main(void *arg, void **result) {
  wasio_task t;
  (void)arg;
  (void)result;
  wasio_create_task(&t, nap, NULL);
  wasio_sleep(0);
  CHECK_INT(wasio_cancel_msg(t, "shutting down: config reload"), 1);
  CHECK_INT(wasio_task_cancelling(t), 1);
  CHECK_RC(wasio_await(t, NULL), WASIO_ECANCELLED);
  CHECK_STR(wasio_error_message(), "shutting down: config reload");
  wasio_outcome out;
  wasio_task_outcome(t, &out);
  CHECK_STR(out.message, "shutting down: config reload");
  wasio_task_release(t);
  return 0;
}

TEST(cancel_with_a_message) {
  CHECK_RC(run_virtual(cancel_msg_main, NULL, NULL), 0);
}

/* Swallowing a cancellation takes an explicit uncancel. */
static int uncancels(void *arg, void **result) {
  int *slept = arg;
  wasio_task me = wasio_current_task();
  (void)result;
  CHECK_RC(wasio_sleep(10), WASIO_ECANCELLED);
  CHECK_INT(wasio_task_cancelling(me), 2);
  CHECK_RC(wasio_sleep(1), WASIO_ECANCELLED); /* still cancelled */
  CHECK_INT(wasio_task_uncancel(me), 1);
  CHECK_RC(wasio_sleep(1), WASIO_ECANCELLED); /* one request is left */
  CHECK_INT(wasio_task_uncancel(me), 0);
  CHECK_INT(wasio_task_uncancel(me), 0); /* never below zero */
  CHECK_RC(wasio_sleep(1), 0);            /* awaits work again */
  *slept = 1;
  return 0;
}

static int uncancel_main(void *arg, void **result) {
  wasio_task t;
  (void)result;
  wasio_create_task(&t, uncancels, arg);
  wasio_sleep(1);
  wasio_cancel(t);
  wasio_cancel(t);
  CHECK_RC(wasio_await(t, NULL), 0);
  CHECK_NEAR(wasio_now(), 2, 0);
  wasio_task_release(t);
  return 0;
}

TEST(uncancel_takes_requests_back) {
  int slept = 0;
  CHECK_RC(run_virtual(uncancel_main, &slept, NULL), 0);
  CHECK_INT(slept, 1);
}
