/* Cancellation: a waiting task wakes with ECANCELLED, a task cancelled
 * before it starts never runs, and cancellation cannot be swallowed. */
#include "test.h"

typedef struct probe {
  int started, cleaned_up, second_await;
  double woke;
} probe;

static int long_sleeper(void *arg, void **result) {
  probe *p = arg;
  (void)result;
  p->started = 1;
  int rc = wasio_sleep(10);
  p->woke = wasio_now();
  p->cleaned_up = 1; /* the "finally" block */
  return rc;
}

static int cancel_waiting_main(void *arg, void **result) {
  probe *p = arg;
  wasio_task t;
  (void)result;
  wasio_create_task(&t, long_sleeper, p);
  wasio_sleep(1);
  CHECK_INT(wasio_cancel(t), 1);
  CHECK_RC(wasio_await(t, NULL), WASIO_ECANCELLED);
  CHECK_INT(wasio_cancel(t), 0); /* already done */
  wasio_outcome out;
  CHECK_RC(wasio_task_outcome(t, &out), WASIO_ECANCELLED);
  CHECK_NEAR(wasio_now(), 1, 0);
  wasio_task_release(t);
  return 0;
}

TEST(waiting_task_wakes_cancelled) {
  probe p = {0};
  CHECK_RC(run_virtual(cancel_waiting_main, &p, NULL), 0);
  CHECK_INT(p.started, 1);
  CHECK_INT(p.cleaned_up, 1);
  CHECK_NEAR(p.woke, 1, 0);
}

static int cancel_early_main(void *arg, void **result) {
  probe *p = arg;
  wasio_task t;
  (void)result;
  wasio_create_task(&t, long_sleeper, p);
  CHECK_INT(wasio_cancel(t), 1);
  CHECK_RC(wasio_await(t, NULL), WASIO_ECANCELLED);
  wasio_task_release(t);
  return 0;
}

TEST(before_start_never_runs) {
  probe p = {0};
  CHECK_RC(run_virtual(cancel_early_main, &p, NULL), 0);
  CHECK_INT(p.started, 0);
}

/* A task that ignores the first cancellation, as `except CancelledError:
 * pass` would in asyncio, and awaits again. */
static int stubborn(void *arg, void **result) {
  probe *p = arg;
  (void)result;
  p->started = 1;
  wasio_sleep(10);                                   /* cancelled here */
  p->second_await = wasio_sleep(5);                  /* and here again */
  p->woke = wasio_now();
  return 0;
}

static int level_main(void *arg, void **result) {
  wasio_task t;
  (void)result;
  wasio_create_task(&t, stubborn, arg);
  wasio_sleep(1);
  wasio_cancel(t);
  CHECK_RC(wasio_await(t, NULL), 0); /* it returned 0: a result */
  wasio_task_release(t);
  return 0;
}

TEST(cancellation_is_level_triggered) {
  probe p = {0};
  CHECK_RC(run_virtual(level_main, &p, NULL), 0);
  /* In asyncio the second sleep would run its full 5 s; here it fails at
   * once: the task stays cancelled. */
  CHECK_RC(p.second_await, WASIO_ECANCELLED);
  CHECK_NEAR(p.woke, 1, 0);
}

static int inner_probe(void *arg, void **result) {
  return long_sleeper(arg, result);
}

static int outer(void *arg, void **result) {
  wasio_task t;
  (void)result;
  wasio_create_task(&t, inner_probe, arg);
  int rc = wasio_await(t, NULL);
  wasio_task_release(t);
  return rc;
}

static int cancel_awaiter_main(void *arg, void **result) {
  wasio_task t;
  (void)result;
  wasio_create_task(&t, outer, arg);
  wasio_sleep(2);
  wasio_cancel(t);
  CHECK_RC(wasio_await(t, NULL), WASIO_ECANCELLED);
  wasio_task_release(t);
  return 0;
}

TEST(cancelling_awaiter_cancels_awaited) {
  probe p = {0};
  CHECK_RC(run_virtual(cancel_awaiter_main, &p, NULL), 0);
  CHECK_INT(p.cleaned_up, 1);
  CHECK_NEAR(p.woke, 2, 0);
}
