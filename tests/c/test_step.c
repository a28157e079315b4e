/* Step tasks: tasks without a stack of their own (wasio.h, "step tasks").
 * Their order and cancellation against asyncio are the twins'
 * (tests/conformance/step_*); here, misuse, memory and the loop's edges. */
#include "test.h"

#include <stdint.h>
#include <stdlib.h>

/* ------------------------------------------------------------- misuse */

static wasio_step *other_step; /* another step task's wasio_step */

static int parks_forever(wasio_step *s, void *arg, void **result) {
  static wasio_event never;
  (void)arg;
  if (s->point == 0) {
    other_step = s;
    wasio_event_init(&never);
    s->point = 1;
    return wasio_step_event_wait(s, &never);
  }
  return s->status;
}

/* Each blocking call and each wrong use of a wait, from inside a step. */
static int misuses(wasio_step *s, void *arg, void **result) {
  (void)arg;
  wasio_event ev;
  wasio_lock lock;
  wasio_queue q;
  wasio_scope scope;
  void *item;
  CHECK_RC(wasio_sleep(0), WASIO_ESTATE);
  CHECK_STR(wasio_error_message(),
            "wasio_sleep: Task-3 is a step task, which has no stack to "
            "suspend; arm a wait with wasio_step_sleep, "
            "wasio_step_event_wait or wasio_step_await and return "
            "WASIO_PENDING");
  CHECK_RC(wasio_await(wasio_current_task(), NULL), WASIO_ESTATE);
  wasio_lock_init(&lock);
  CHECK_RC(wasio_lock_acquire(&lock), WASIO_ESTATE); /* even when free */
  wasio_event_init(&ev);
  CHECK_RC(wasio_event_wait(&ev), WASIO_ESTATE);
  wasio_queue_init(&q, WASIO_QUEUE_FIFO, 0);
  CHECK_RC(wasio_queue_get(&q, &item), WASIO_ESTATE);
  wasio_queue_destroy(&q);
  CHECK_RC(wasio_timeout_enter(&scope, 1), WASIO_ESTATE);
  /* the waits: bad arguments, someone else's step, two at once */
  CHECK_RC(wasio_step_sleep(s, -1), WASIO_EINVAL);
  CHECK_RC(wasio_step_sleep(s, NAN), WASIO_EINVAL);
  CHECK_RC(wasio_step_sleep(s, 1e300), WASIO_EINVAL);
  CHECK_RC(wasio_step_sleep(NULL, 1), WASIO_ESTATE);
  CHECK_RC(wasio_step_sleep(other_step, 1), WASIO_ESTATE);
  CHECK_RC(wasio_step_event_wait(s, NULL), WASIO_EINVAL);
  wasio_task self = wasio_current_task(), bogus = {9999, 1};
  CHECK_RC(wasio_step_await(s, self), WASIO_ESELF);
  CHECK_RC(wasio_step_await(s, bogus), WASIO_EINVAL);
  CHECK_RC(wasio_step_sleep(s, 0.5), WASIO_PENDING);
  CHECK_RC(wasio_step_sleep(s, 0.5), WASIO_ESTATE);
  CHECK_STR(wasio_error_message(),
            "wasio_step_sleep: Task-3 already armed a wait in this step; a "
            "step task waits on one thing at a time");
  *result = (void *)(intptr_t)5;
  return 0; /* armed, and returned 0: ESTATE */
}

static int returns_pending(wasio_step *s, void *arg, void **result) {
  (void)s;
  (void)arg;
  return WASIO_PENDING; /* nothing armed */
}

static int from_plain(void *arg, void **result) {
  (void)arg;
  (void)result;
  wasio_task parked, bad, lying;
  CHECK_RC(wasio_create_step_task(&parked, parks_forever, NULL), 0);
  CHECK_RC(wasio_create_step_task(NULL, NULL, NULL), WASIO_EINVAL);
  wasio_sleep(0);
  /* a plain task cannot arm a step's wait */
  CHECK_RC(wasio_step_sleep(other_step, 1), WASIO_ESTATE);
  CHECK_STR(wasio_error_message(),
            "wasio_step_sleep: not called from the step task whose "
            "wasio_step this is (the caller is main)");
  CHECK_RC(wasio_create_step_task(&bad, misuses, NULL), 0);
  CHECK_RC(wasio_await(bad, NULL), WASIO_ESTATE);
  CHECK_STR(wasio_error_message(), "step task Task-3 armed a wait and "
                                   "returned 0 instead of WASIO_PENDING");
  CHECK_RC(wasio_create_step_task(&lying, returns_pending, NULL), 0);
  CHECK_RC(wasio_await(lying, NULL), WASIO_ESTATE);
  CHECK_STR(wasio_error_message(), "step task Task-4 returned WASIO_PENDING "
                                   "without arming a wait");
  CHECK_RC(wasio_cancel(parked), 1);
  CHECK_RC(wasio_await(parked, NULL), WASIO_ECANCELLED);
  return 0;
}

TEST(step_misuse_is_refused) {
  CHECK_RC(wasio_step_sleep(NULL, 1), WASIO_ENOLOOP); /* no loop */
  wasio_outcome out;
  CHECK_RC(run_virtual(from_plain, NULL, &out), 0);
}

/* ------------------------------------------------- awaiting each other */

typedef struct chain {
  wasio_task next; /* awaited; {0,0} at the end */
  int depth;
} chain;

static int link_step(wasio_step *s, void *arg, void **result) {
  chain *c = arg;
  WASIO_STEP_BEGIN(s);
  if (c->next.slot == 0) {
    WASIO_STEP_AWAIT(s, wasio_step_sleep(s, 1));
    *result = (void *)(intptr_t)1;
    return 0;
  }
  WASIO_STEP_AWAIT(s, wasio_step_await(s, c->next));
  WASIO_STEP_END(s);
  *result = (void *)((intptr_t)s->result + 1);
  return 0;
}

static int cycle_step(wasio_step *s, void *arg, void **result) {
  wasio_task *other = arg;
  WASIO_STEP_BEGIN(s);
  WASIO_STEP_AWAIT(s, wasio_step_sleep(s, 0));
  WASIO_STEP_AWAIT(s, wasio_step_await(s, *other));
  WASIO_STEP_END(s);
  return 0;
}

static int chains(void *arg, void **result) {
  (void)arg;
  enum { N = 100 };
  chain *c = calloc(N, sizeof *c);
  wasio_task t = {0, 0};
  for (int i = 0; i < N; i++) {
    c[i].next = t;
    CHECK_RC(wasio_create_step_task(&t, link_step, &c[i]), 0);
  }
  void *value = NULL;
  CHECK_RC(wasio_await(t, &value), 0);
  CHECK_INT((intptr_t)value, N);
  CHECK_NEAR(wasio_now(), 1.0, 1e-9);
  /* two step tasks awaiting each other: the second await is refused */
  wasio_task a, b;
  CHECK_RC(wasio_create_step_task(&a, cycle_step, &b), 0);
  CHECK_RC(wasio_create_step_task(&b, cycle_step, &a), 0);
  wasio_outcome oa, ob, outcomes[2];
  wasio_task both[2] = {a, b};
  CHECK_RC(wasio_gather_outcomes(both, 2, outcomes), 0);
  /* b's await is refused; a, awaiting b, gets b's error */
  CHECK_RC(wasio_task_outcome(b, &ob), WASIO_EDEADLK);
  CHECK_STR(ob.message, "wasio_step_await: Task-102 already waits for "
                        "Task-103; waiting for it would never end");
  CHECK_RC(wasio_task_outcome(a, &oa), WASIO_EDEADLK);
  CHECK_STR(oa.message, ob.message);
  free(c);
  return 0;
}

TEST(step_tasks_await_each_other) {
  wasio_outcome out;
  CHECK_RC(run_virtual(chains, NULL, &out), 0);
}

/* The awaited task's handle released and the task freed before the step
 * task ran again: the outcome was copied when it completed. */
static int fails_late(void *arg, void **result) {
  (void)arg;
  (void)result;
  wasio_sleep(0.1);
  return wasio_fail(WASIO_EUSER - 1, "late failure %d", 7);
}

static int awaits_released(wasio_step *s, void *arg, void **result) {
  wasio_task *child = arg;
  WASIO_STEP_BEGIN(s);
  CHECK_RC(wasio_create_task(child, fails_late, NULL), 0);
  WASIO_STEP_TRY(s, wasio_step_await(s, *child));
  CHECK_RC(s->status, WASIO_EUSER - 1);
  CHECK_STR(wasio_error_message(), "late failure 7");
  WASIO_STEP_END(s);
  return 0;
}

static int releaser(void *arg, void **result) {
  (void)result;
  wasio_task *child = arg, t;
  CHECK_RC(wasio_create_step_task(&t, awaits_released, child), 0);
  wasio_sleep(0.05);
  CHECK_RC(wasio_task_release(*child), 0);
  CHECK_RC(wasio_await(t, NULL), 0);
  return 0;
}

TEST(step_await_copies_the_outcome) {
  wasio_task child;
  wasio_outcome out;
  CHECK_RC(run_virtual(releaser, &child, &out), 0);
}

/* ------------------------------------------- cancellation taken back */

static int uncancel_target(wasio_step *s, void *arg, void **result) {
  WASIO_STEP_BEGIN(s);
  wasio_cancel(wasio_current_task());
  WASIO_STEP_TRY(s, wasio_step_sleep(s, 2));
  WASIO_STEP_END(s);
  *result = (void *)(intptr_t)(s->status == 0 ? 1 : 2);
  return 0;
}

static int takes_back(void *arg, void **result) {
  (void)arg;
  (void)result;
  wasio_task t;
  CHECK_RC(wasio_create_step_task(&t, uncancel_target, NULL), 0);
  wasio_sleep(0); /* t cancels itself and yields once */
  CHECK_INT(wasio_task_uncancel(t), 0);
  void *value = NULL;
  CHECK_RC(wasio_await(t, &value), 0);
  CHECK_INT((intptr_t)value, 1); /* it slept after all */
  CHECK_NEAR(wasio_now(), 2.0, 1e-9);
  return 0;
}

TEST(step_cancellation_taken_back_during_the_yield) {
  wasio_outcome out;
  CHECK_RC(run_virtual(takes_back, NULL, &out), 0);
}

/* ----------------------------------------------- the loop closes first */

static int leaves_waiters(void *arg, void **result) {
  (void)result;
  for (int i = 0; i < 3; i++)
    CHECK_RC(wasio_create_step_task(NULL, parks_forever, NULL), 0);
  wasio_sleep(0);
  return 0;
}

TEST(step_tasks_left_waiting_are_cancelled_at_the_end) {
  wasio_outcome out;
  CHECK_RC(run_virtual(leaves_waiters, NULL, &out), 0);
}

/* ------------------------------------------------------------ many */

static wasio_event gate;

static int waits_for_gate(wasio_step *s, void *arg, void **result) {
  WASIO_STEP_BEGIN(s);
  WASIO_STEP_AWAIT(s, wasio_step_event_wait(s, &gate));
  WASIO_STEP_END(s);
  *result = arg;
  return 0;
}

static int many(void *arg, void **result) {
  (void)arg;
  (void)result;
  enum { N = 10000 };
  wasio_task *t = malloc(N * sizeof *t);
  void **r = malloc(N * sizeof *r);
  wasio_event_init(&gate);
  for (intptr_t i = 0; i < N; i++)
    CHECK_RC(wasio_create_step_task(&t[i], waits_for_gate, (void *)i), 0);
  wasio_sleep(1);
  CHECK_INT(wasio_all_tasks(NULL, 0), N + 1);
  wasio_event_set(&gate);
  CHECK_RC(wasio_gather(t, N, r), 0);
  int in_order = 1;
  for (intptr_t i = 0; i < N; i++) in_order &= r[i] == (void *)i;
  CHECK(in_order);
  free(t);
  free(r);
  return 0;
}

TEST(many_step_tasks_wait_and_finish) {
  wasio_outcome out;
  CHECK_RC(run_virtual(many, NULL, &out), 0);
}

/* A host-driven loop closed while step tasks wait: they are cancelled as
 * any task is, and leave nothing in the Event, which outlives the loop
 * (setting it would walk freed records: ASan and valgrind would say). */
static wasio_event outlives;

static int waits_outliving(wasio_step *s, void *arg, void **result) {
  WASIO_STEP_BEGIN(s);
  WASIO_STEP_AWAIT(s, wasio_step_event_wait(s, &outlives));
  WASIO_STEP_END(s);
  return 0;
}

static int spawns_and_waits(void *arg, void **result) {
  (void)arg;
  (void)result;
  for (int i = 0; i < 3; i++)
    CHECK_RC(wasio_create_step_task(NULL, waits_outliving, NULL), 0);
  return wasio_step_event_wait(NULL, NULL) == WASIO_ESTATE
             ? wasio_event_wait(&outlives)
             : WASIO_EINVAL;
}

static void count_reports(wasio_loop *loop, const wasio_exception_context *r,
                          void *arg) {
  (void)loop;
  (void)r;
  ++*(int *)arg;
}

TEST(step_tasks_dropped_by_a_closed_loop_leave_nothing) {
  wasio_loop *loop;
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL};
  double delay;
  int reports = 0;
  wasio_event_init(&outlives);
  CHECK_RC(wasio_loop_new(&loop, &opts), 0);
  CHECK_RC(wasio_loop_set_exception_handler(loop, count_reports, &reports), 0);
  CHECK_RC(wasio_loop_start(loop, spawns_and_waits, NULL), 0);
  for (int i = 0; i < 5; i++) wasio_loop_step(loop, &delay);
  CHECK_RC(wasio_loop_close(loop, NULL), WASIO_ECANCELLED); /* main's */
  CHECK_INT(reports, 0); /* cancelled, not failed */
  CHECK_RC(wasio_event_set(&outlives), 0); /* no waiter left behind */
}
