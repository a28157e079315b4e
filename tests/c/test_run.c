/* wasio_run: main's outcome, shutdown of leftovers, nested runs, deadlock,
 * and the host-driven step API the JS host uses. */
#include "test.h"

#include <stdint.h>

static int returns_seven(void *arg, void **result) {
  (void)arg;
  *result = (void *)(intptr_t)7;
  return wasio_sleep(0.125);
}

TEST(main_result_and_outcome) {
  wasio_outcome out;
  memset(&out, 0xff, sizeof out);
  CHECK_RC(run_virtual(returns_seven, NULL, &out), 0);
  CHECK_RC(out.status, 0);
  CHECK_INT((intptr_t)out.result, 7);
  CHECK_STR(out.message, "");
  CHECK_RC(wasio_get_running_loop(NULL), WASIO_ENOLOOP);
  CHECK_NEAR(wasio_now(), -1, 0);
}

typedef struct leftovers {
  int cleaned, finished;
  double cleaned_at;
} leftovers;

static int background(void *arg, void **result) {
  leftovers *l = arg;
  (void)result;
  int rc = wasio_sleep(60);
  if (rc == WASIO_ECANCELLED) {
    l->cleaned++;
    l->cleaned_at = wasio_now();
    return rc;
  }
  l->finished++;
  return 0;
}

static int leaves_tasks_behind(void *arg, void **result) {
  (void)result;
  for (int i = 0; i < 3; i++) wasio_create_task(NULL, background, arg);
  wasio_task kept;
  wasio_create_task(&kept, background, arg); /* owned and never released */
  return wasio_sleep(1.5);
}

TEST(shutdown_cancels_leftovers_and_runs_cleanup) {
  leftovers l = {0, 0, 0};
  CHECK_RC(run_virtual(leaves_tasks_behind, &l, NULL), 0);
  CHECK_INT(l.cleaned, 4);
  CHECK_INT(l.finished, 0);
  CHECK_NEAR(l.cleaned_at, 1.5, 0); /* at once, not after 60 s */
}

static int inner_main(void *arg, void **result) {
  (void)arg;
  (void)result;
  return 0;
}

static int nests(void *arg, void **result) {
  int *ran = arg;
  (void)result;
  CHECK_RC(wasio_run(inner_main, NULL, NULL, NULL), WASIO_ENESTED);
  CHECK_STR(wasio_error_message(),
            "wasio_run() cannot be called from a running event loop");
  /* the running loop is unharmed */
  CHECK_RC(wasio_sleep(0.5), 0);
  CHECK_NEAR(wasio_now(), 0.5, 0);
  *ran = 1;
  return 0;
}

TEST(nested_run_is_refused) {
  int ran = 0;
  CHECK_RC(run_virtual(nests, &ran, NULL), 0);
  CHECK_INT(ran, 1);
}

/* main awaits a task that awaits main: nothing could ever finish, so the
 * await that closes the cycle fails at once with WASIO_EDEADLK, and the
 * error travels up to main like any other. */
static wasio_task main_handle;

static int awaits_main(void *arg, void **result) {
  (void)arg;
  (void)result;
  return wasio_await(main_handle, NULL);
}

static void count_reports(wasio_loop *loop, const wasio_exception_context *c,
                          void *arg) {
  (void)loop;
  if (strcmp(c->message, "task was still waiting when the loop closed; "
             "dropped") == 0)
    (*(int *)arg)++;
}

static int circular(void *arg, void **result) {
  wasio_task t;
  wasio_loop *loop;
  (void)result;
  wasio_get_running_loop(&loop);
  wasio_loop_set_exception_handler(loop, count_reports, arg);
  main_handle = wasio_current_task();
  wasio_create_task(&t, awaits_main, NULL);
  int rc = wasio_await(t, NULL);
  wasio_task_release(t);
  return rc;
}

TEST(deadlock_is_reported) {
  wasio_outcome out;
  int dropped = 0;
  CHECK_RC(run_virtual(circular, &dropped, &out), WASIO_EDEADLK);
  CHECK_INT(dropped, 0); /* nothing is left waiting */
  CHECK_RC(out.status, WASIO_EDEADLK);
  CHECK_STR(out.message, "wasio_await: main already waits for Task-2; "
                         "waiting for it would never end");
}

static int steps_main(void *arg, void **result) {
  (void)arg;
  (void)result;
  wasio_sleep(0);
  return wasio_sleep(0.25);
}

TEST(host_driven_steps) {
  wasio_loop *loop;
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL};
  double delay = -5;
  CHECK_RC(wasio_loop_new(&loop, &opts), 0);
  CHECK_RC(wasio_loop_step(loop, &delay), WASIO_ESTATE); /* no main yet */
  CHECK_RC(wasio_loop_start(loop, steps_main, NULL), 0);
  CHECK_RC(wasio_loop_start(loop, steps_main, NULL), WASIO_ESTATE);
  CHECK_INT(wasio_loop_step(loop, &delay), 1); /* main runs, sleep(0) */
  CHECK_NEAR(delay, 0, 0);
  CHECK_INT(wasio_loop_step(loop, &delay), 1); /* arms the 0.25 s timer */
  CHECK_NEAR(delay, 0.25, 1e-9);
  CHECK_INT(wasio_loop_step(loop, &delay), 1); /* too early: nothing due */
  CHECK_NEAR(delay, 0.25, 1e-9);
  CHECK_RC(wasio_loop_advance(loop, 0.25), 0); /* what setTimeout waits */
  CHECK_INT(wasio_loop_step(loop, &delay), 1); /* the timer wakes main */
  CHECK_NEAR(delay, 0, 0);
  CHECK_INT(wasio_loop_step(loop, &delay), 0); /* main done, shut down */
  CHECK_INT(wasio_loop_step(loop, &delay), 0);
  wasio_outcome out;
  CHECK_RC(wasio_loop_close(loop, &out), 0);
  CHECK_RC(wasio_loop_new(&loop, NULL), 0);
  CHECK_RC(wasio_loop_advance(loop, 1), WASIO_ENOTSUP); /* real clock */
  CHECK_RC(wasio_loop_advance(NULL, 1), WASIO_EINVAL);
  CHECK_RC(wasio_loop_close(loop, NULL), WASIO_ESTATE); /* never started */
}
