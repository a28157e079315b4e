/* Misuse that once corrupted memory, hung or spun (issue 14's list, by its
 * numbers): each now gets a clear error code, or the documented
 * behaviour, and the loop carries on. */
#include "test.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>

/* #5: main releases its own handle; the runner still reads its outcome. */
static int releases_itself(void *arg, void **result) {
  (void)arg;
  CHECK_RC(wasio_task_release(wasio_current_task()), 0);
  CHECK_RC(wasio_task_release(wasio_current_task()), WASIO_ESTATE);
  wasio_sleep(0.5);
  *result = (void *)(intptr_t)7;
  return 0;
}

TEST(main_releasing_its_own_handle_is_safe) {
  wasio_outcome out;
  CHECK_RC(run_virtual(releases_itself, NULL, &out), 0);
  CHECK_INT((intptr_t)out.result, 7);
  /* the same on a host-driven loop */
  wasio_loop *loop;
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL};
  double delay;
  CHECK_RC(wasio_loop_new(&loop, &opts), 0);
  CHECK_RC(wasio_loop_start(loop, releases_itself, NULL), 0);
  int steps = 0;
  while (wasio_loop_step(loop, &delay) == 1 && steps++ < 100)
    if (delay > 0) wasio_loop_advance(loop, delay);
  CHECK_RC(wasio_loop_close(loop, &out), 0);
  CHECK_INT((intptr_t)out.result, 7);
}

/* #12: a Runner's loop is the Runner's to drive and close. */
static int answer(void *arg, void **result) {
  (void)arg;
  *result = (void *)(intptr_t)42;
  return 0;
}

TEST(a_runners_loop_is_not_stepped_or_closed) {
  wasio_runner r;
  wasio_loop *loop;
  double delay;
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL};
  CHECK_RC(wasio_runner_init(&r, &opts), 0);
  CHECK_RC(wasio_runner_get_loop(&r, &loop), 0);
  CHECK_RC(wasio_loop_step(loop, &delay), WASIO_ESTATE);
  CHECK_STR(wasio_error_message(), "wasio_loop_step: the loop belongs to a "
                                   "Runner; wasio_runner_run drives it");
  CHECK_RC(wasio_loop_close(loop, NULL), WASIO_ESTATE);
  wasio_outcome out;
  CHECK_RC(wasio_runner_run(&r, answer, NULL, NULL, &out), 0); /* unharmed */
  CHECK_INT((intptr_t)out.result, 42);
  CHECK_RC(wasio_runner_close(&r), 0);
}

/* #11: a resource registered twice is refused; shutdown never spins. */
static int closes;
static void count_close(void *arg) {
  (void)arg;
  closes++;
}

static int registers_twice(void *arg, void **result) {
  static wasio_resource res;
  (void)arg;
  (void)result;
  CHECK_RC(wasio_resource_register(&res, "file", count_close, NULL), 0);
  CHECK_RC(wasio_resource_register(&res, "file", count_close, NULL),
           WASIO_EINVAL);
  CHECK_STR(wasio_error_message(),
            "wasio_resource_register: file is already registered");
  return 0;
}

TEST(a_resource_registered_twice_is_refused) {
  closes = 0;
  CHECK_RC(run_virtual(registers_twice, NULL, NULL), 0);
  CHECK_INT(closes, 1); /* closed once, at shutdown */
}

/* #13: a stack size that cannot be had is refused up front. */
TEST(an_impossible_stack_size_is_refused) {
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL, .stack_size = SIZE_MAX};
  CHECK_RC(wasio_run(answer, NULL, &opts, NULL), WASIO_EINVAL);
  CHECK(strstr(wasio_error_message(), "stack_size must be at most") != NULL);
  opts.stack_size = ((size_t)1 << 30) + 1;
  CHECK_RC(wasio_run(answer, NULL, &opts, NULL), WASIO_EINVAL);
}

/* #14: a trace hook runs in the middle of a switch: it may not suspend. */
static int hook_rc = 1;
static void sleepy_hook(const wasio_trace_event *ev, void *arg) {
  (void)arg;
  if (ev->kind == WASIO_TRACE_WAITING && hook_rc == 1) hook_rc = wasio_sleep(1);
}

static int sleeps_twice(void *arg, void **result) {
  (void)arg;
  (void)result;
  wasio_sleep(0.5);
  return wasio_sleep(0.5);
}

TEST(a_trace_hook_cannot_suspend) {
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL, .trace = sleepy_hook};
  hook_rc = 1;
  CHECK_RC(wasio_run(sleeps_twice, NULL, &opts, NULL), 0);
  CHECK_RC(hook_rc, WASIO_ESTATE);
}

/* #15: a semaphore's value cannot overflow. */
static int overflows(void *arg, void **result) {
  wasio_semaphore s;
  (void)arg;
  (void)result;
  CHECK_RC(wasio_semaphore_init(&s, LONG_MAX), 0);
  CHECK_RC(wasio_semaphore_release(&s), WASIO_EINVAL);
  CHECK_INT(wasio_semaphore_value(&s), LONG_MAX);
  return 0;
}

TEST(a_semaphore_value_cannot_overflow) {
  CHECK_RC(run_virtual(overflows, NULL, NULL), 0);
}

/* #8: waiting on no tasks is refused, never a wait without end. */
static int waits_on_nothing(void *arg, void **result) {
  (void)arg;
  (void)result;
  CHECK_RC(wasio_wait(NULL, 0, WASIO_FIRST_COMPLETED, -1), WASIO_EINVAL);
  CHECK_RC(wasio_wait(NULL, 0, WASIO_ALL_COMPLETED, 5), WASIO_EINVAL);
  CHECK_NEAR(wasio_now(), 0, 0);
  return 0;
}

TEST(waiting_on_no_tasks_is_refused) {
  CHECK_RC(run_virtual(waits_on_nothing, NULL, NULL), 0);
}

/* #10: a sleep longer than the clock can hold is refused; the longest one
 * allowed still ends (on the virtual clock, at once) instead of spinning. */
static int sleeps_long(void *arg, void **result) {
  (void)arg;
  (void)result;
  CHECK_RC(wasio_sleep(2e10), WASIO_EINVAL);
  CHECK_STR(wasio_error_message(), "wasio_sleep: 2e+10 s is past "
                                   "WASIO_TIME_MAX (1e10 s, about 317 years): "
                                   "it would never come");
  CHECK_RC(wasio_sleep(1e10), 0);
  CHECK_NEAR(wasio_now(), 1e10, 1e-3);
  return 0;
}

TEST(a_sleep_past_the_clock_is_refused) {
  CHECK_RC(run_virtual(sleeps_long, NULL, NULL), 0);
}

/* One rule for every time and delay (wasio.h, WASIO_TIME_MAX): past it is
 * never; calls where never makes sense take it, the others refuse it. */
static void noop(void *arg) { (void)arg; }

static int sleeps_long_enough(void *arg, void **result) {
  (void)arg;
  (void)result;
  return wasio_sleep(5);
}

static int times_past_the_limit(void *arg, void **result) {
  (void)arg;
  (void)result;
  wasio_handle h;
  CHECK_RC(wasio_call_later(&h, 2e10, noop, NULL), WASIO_EINVAL);
  CHECK_STR(wasio_error_message(), "wasio_call_later: 2e+10 s is past "
            "WASIO_TIME_MAX (1e10 s, about 317 years): it would never come");
  CHECK_RC(wasio_call_at(&h, INFINITY, noop, NULL), WASIO_EINVAL);
  CHECK_RC(wasio_call_later(&h, NAN, noop, NULL), WASIO_EINVAL);
  CHECK_STR(wasio_error_message(), "wasio_call_later: the delay is NaN");
  CHECK_RC(wasio_call_later(&h, 1e10, noop, NULL), 0); /* at the limit: taken */
  CHECK_INT(wasio_handle_cancel(h), 1); /* it was pending */
  wasio_scope s;
  CHECK_RC(wasio_timeout_enter(&s, 2e10), 0); /* no deadline */
  CHECK(isinf(wasio_timeout_when(&s)));
  CHECK_RC(wasio_scope_exit(&s, 0), 0);
  CHECK_RC(wasio_timeout_enter(&s, NAN), WASIO_EINVAL);
  CHECK_STR(wasio_error_message(), "wasio_timeout_enter: the delay is NaN");
  wasio_task t;
  CHECK_RC(wasio_create_task(&t, sleeps_long_enough, NULL), 0);
  CHECK_RC(wasio_wait(&t, 1, WASIO_ALL_COMPLETED, 2e10), 1); /* no limit */
  CHECK_NEAR(wasio_now(), 5, 0);
  CHECK_RC(wasio_wait(&t, 1, WASIO_ALL_COMPLETED, NAN), WASIO_EINVAL);
  CHECK_STR(wasio_error_message(), "wasio_wait: the delay is NaN");
  wasio_task_release(t);
  return 0;
}

TEST(one_time_rule_for_every_call) {
  CHECK_RC(run_virtual(times_past_the_limit, NULL, NULL), 0);
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL,
                         .slow_callback_duration = 2e10};
  wasio_loop *loop;
  CHECK_RC(wasio_loop_new(&loop, &opts), WASIO_EINVAL);
  CHECK_STR(wasio_error_message(), "wasio_loop_new: 2e+10 s is past "
            "WASIO_TIME_MAX (1e10 s, about 317 years): it would never come");
  opts.slow_callback_duration = 0;
  opts.time_slice = -1;
  CHECK_RC(wasio_loop_new(&loop, &opts), WASIO_EINVAL);
  CHECK_STR(wasio_error_message(), "wasio_loop_new: time_slice: the duration "
            "must be a number >= 0 (got -1)");
  opts.time_slice = 0;
  CHECK_RC(wasio_loop_new(&loop, &opts), 0);
  CHECK_RC(wasio_loop_advance(loop, 2e10), WASIO_EINVAL);
  CHECK_RC(wasio_loop_advance(loop, NAN), WASIO_EINVAL);
  CHECK_RC(wasio_loop_advance(loop, 1e10), 0);
  CHECK_RC(wasio_loop_close(loop, NULL), WASIO_ESTATE); /* never started */
}

/* #1: a task of loop A cannot close runner B (that would run B's tasks
 * inside A's task); a loop that never started may be made and freed
 * anywhere; A is unharmed either way. */
static int closes_another_runner(void *arg, void **result) {
  wasio_runner *b = arg;
  wasio_loop *mine, *fresh;
  (void)result;
  CHECK_RC(wasio_runner_close(b), WASIO_ENESTED);
  CHECK_STR(wasio_error_message(), "wasio_runner_close: another event loop "
                                   "is running on this thread (loops do not "
                                   "nest)");
  CHECK_RC(wasio_loop_new(&fresh, NULL), 0);
  CHECK_RC(wasio_loop_close(fresh, NULL), WASIO_ESTATE); /* never started */
  CHECK_RC(wasio_get_running_loop(&mine), 0);            /* A unharmed */
  CHECK_RC(wasio_sleep(0.5), 0);
  CHECK_NEAR(wasio_now(), 0.5, 0);
  return 0;
}

TEST(a_task_cannot_close_another_loop) {
  wasio_runner b;
  wasio_loop *loop;
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL};
  CHECK_RC(wasio_runner_init(&b, &opts), 0);
  CHECK_RC(wasio_runner_get_loop(&b, &loop), 0);
  CHECK_RC(run_virtual(closes_another_runner, &b, NULL), 0);
  CHECK_RC(wasio_runner_run(&b, answer, NULL, NULL, NULL), 0); /* B too */
  CHECK_RC(wasio_runner_close(&b), 0);
}

/* #2: an exception handler that schedules work while the loop is being
 * freed is refused; nothing is left half-freed. */
static int handler_rc[2] = {1, 1};
static void scheduling_handler(wasio_loop *loop,
                               const wasio_exception_context *c, void *arg) {
  (void)loop;
  (void)c;
  (void)arg;
  if (handler_rc[0] == 1) handler_rc[0] = wasio_create_task(NULL, answer, NULL);
  if (handler_rc[1] == 1) handler_rc[1] = wasio_call_soon(NULL, count_close, NULL);
}

static int fails_unawaited(void *arg, void **result) {
  (void)arg;
  (void)result;
  return wasio_fail(WASIO_EUSER, "nobody looks");
}

static int keeps_a_failed_handle(void *arg, void **result) {
  static wasio_task kept;
  wasio_loop *loop;
  (void)arg;
  (void)result;
  wasio_get_running_loop(&loop);
  wasio_loop_set_exception_handler(loop, scheduling_handler, NULL);
  wasio_create_task(&kept, fails_unawaited, NULL); /* reported at close */
  wasio_sleep(0.1);
  return 0;
}

TEST(a_handler_cannot_schedule_on_a_closing_loop) {
  handler_rc[0] = handler_rc[1] = 1;
  CHECK_RC(run_virtual(keeps_a_failed_handle, NULL, NULL), 0);
  CHECK_RC(handler_rc[0], WASIO_ESTATE);
  CHECK_RC(handler_rc[1], WASIO_ESTATE);
}

/* #3: a task dropped when its loop closes (here: shielded, waiting on an
 * Event that outlives the loop) leaves no wait node behind. */
static wasio_event lasting;

static int waits_shielded(void *arg, void **result) {
  wasio_scope s;
  (void)arg;
  (void)result;
  wasio_shield_enter(&s);
  int rc = wasio_event_wait(&lasting);
  return wasio_scope_exit(&s, rc);
}

static int leaves_a_shielded_waiter(void *arg, void **result) {
  (void)arg;
  (void)result;
  wasio_create_task(NULL, waits_shielded, NULL);
  wasio_sleep(0.1);
  return 0;
}

static int sets_the_event(void *arg, void **result) {
  (void)arg;
  (void)result;
  return wasio_event_set(&lasting); /* no dropped waiter to wake */
}

TEST(a_dropped_task_leaves_nothing_behind) {
  CHECK_RC(wasio_event_init(&lasting), 0);
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL};
  handler_rc[0] = 0;
  wasio_run(leaves_a_shielded_waiter, NULL, &opts, NULL);
  CHECK_RC(run_virtual(sets_the_event, NULL, NULL), 0);
  CHECK(wasio_event_is_set(&lasting));
}

/* #9: a stale handle never names a new task in the same slot. 24-bit
 * generations wrapped after 8,388,608 create/release cycles of one slot
 * (3 s); the test moves the slot's generation on by that much at once. */
void wasio__slot_age(uint32_t slot, uint64_t by);

static int stale_after_a_wrap(void *arg, void **result) {
  wasio_task old, fresh;
  (void)arg;
  (void)result;
  CHECK_RC(wasio_create_task(&old, answer, NULL), 0);
  CHECK_RC(wasio_await(old, NULL), 0);
  CHECK_RC(wasio_task_release(old), 0); /* freed: its slot is free */
  wasio__slot_age(old.slot, (1u << 24) - 2); /* where 24 bits wrapped */
  CHECK_RC(wasio_create_task(&fresh, sleeps_twice, NULL), 0);
  CHECK_INT(fresh.slot, old.slot); /* the same slot, reused */
  CHECK_RC(wasio_cancel(old), WASIO_ESTALE);
  CHECK_INT(wasio_task_cancelling(fresh), 0); /* untouched */
  CHECK_RC(wasio_await(fresh, NULL), 0);
  wasio_task_release(fresh);
  return 0;
}

TEST(a_stale_handle_never_names_a_new_task) {
  CHECK_RC(run_virtual(stale_after_a_wrap, NULL, NULL), 0);
}

/* #4: a body that returns inside scopes it never exited: the task fails
 * with ESTATE saying so, the loop lets go of the scopes (nothing fires
 * into a reused stack later), a group's children are cancelled and their
 * errors reported. */
static int reports;
static void count_reports(wasio_loop *loop, const wasio_exception_context *c,
                          void *arg) {
  (void)loop;
  (void)arg;
  if (c->code <= WASIO_EUSER) reports++;
}

static int fails_soon(void *arg, void **result) {
  (void)arg;
  (void)result;
  wasio_sleep(0.25);
  return wasio_fail(WASIO_EUSER, "child broke");
}

static int leaves_scopes_open(void *arg, void **result) {
  wasio_scope s;
  wasio_taskgroup tg;
  (void)result;
  wasio_timeout_enter(&s, 1);
  if (arg != NULL) {
    wasio_taskgroup_enter(&tg);
    wasio_taskgroup_spawn(&tg, NULL, fails_soon, NULL);
    wasio_taskgroup_spawn(&tg, NULL, sleeps_twice, NULL);
    wasio_sleep(0.5); /* cancelled at 0.25 by the failure; returns anyway */
  }
  return 0; /* without exiting anything */
}

static int reuses_stacks(void *arg, void **result) {
  wasio_loop *loop;
  wasio_task t[2];
  wasio_outcome out;
  (void)arg;
  (void)result;
  wasio_get_running_loop(&loop);
  wasio_loop_set_exception_handler(loop, count_reports, NULL);
  wasio_create_task(&t[0], leaves_scopes_open, NULL);
  wasio_create_task(&t[1], leaves_scopes_open, "group");
  CHECK_RC(wasio_await(t[0], NULL), WASIO_ESTATE);
  CHECK_STR(wasio_error_message(), "task Task-2 returned inside 1 scope it "
            "never exited (0 of them task groups, whose 0 running tasks were "
            "cancelled); exit every scope before returning");
  CHECK_RC(wasio_await(t[1], NULL), WASIO_ESTATE);
  CHECK_RC(wasio_task_outcome(t[1], &out), WASIO_ESTATE);
  CHECK_STR(out.message, "task Task-3 returned inside 2 scopes it never "
            "exited (1 of them task group, whose 1 running task was "
            "cancelled); exit every scope before returning");
  /* new tasks reuse those stacks while the dead scopes' deadlines pass */
  for (int i = 0; i < 4; i++) wasio_create_task(NULL, sleeps_twice, NULL);
  CHECK_RC(wasio_sleep(2), 0);
  CHECK_INT(reports, 1); /* the child's error, which the group had heard */
  wasio_task_release(t[0]);
  wasio_task_release(t[1]);
  return 0;
}

TEST(a_body_returning_inside_scopes_fails_cleanly) {
  reports = 0;
  CHECK_RC(run_virtual(reuses_stacks, NULL, NULL), 0);
}

/* #7: one loop per thread, each waiting on its own pipe: every loop sees
 * its own descriptors (the poll arrays were process-wide: a false
 * "readable", then crashes). */
#if !defined(__wasm__)
#include <pthread.h>
#include <unistd.h>

typedef struct piper {
  int fds[2];
  int id;
  char got[32];
  int rc;
} piper;

static int pipe_writer(void *arg, void **result) {
  piper *p = arg;
  (void)result;
  char msg[32];
  wasio_sleep(0.02 + 0.01 * p->id);
  int n = snprintf(msg, sizeof msg, "thread %d", p->id);
  return write(p->fds[1], msg, (size_t)n) == n ? 0 : WASIO_EIO;
}

static int pipe_reader(void *arg, void **result) {
  piper *p = arg;
  (void)result;
  wasio_task w;
  wasio_create_task(&w, pipe_writer, p);
  for (int i = 0; i < 3; i++) {
    int rc = wasio_wait_readable(p->fds[0]);
    if (rc != 0) return rc;
    ssize_t n = read(p->fds[0], p->got, sizeof p->got - 1);
    if (n > 0) {
      p->got[n] = '\0';
      break;
    }
  }
  int rc = wasio_await(w, NULL);
  wasio_task_release(w);
  return rc;
}

static void *pipe_thread(void *arg) {
  piper *p = arg;
  p->rc = wasio_run(pipe_reader, p, NULL, NULL);
  return NULL;
}
#endif

TEST(one_loop_per_thread_with_descriptors) {
#if !defined(__wasm__)
  piper p[4];
  pthread_t th[4];
  for (int i = 0; i < 4; i++) {
    memset(&p[i], 0, sizeof p[i]);
    p[i].id = i;
    CHECK(pipe(p[i].fds) == 0);
  }
  for (int i = 0; i < 4; i++)
    CHECK(pthread_create(&th[i], NULL, pipe_thread, &p[i]) == 0);
  for (int i = 0; i < 4; i++) pthread_join(th[i], NULL);
  for (int i = 0; i < 4; i++) {
    char want[32];
    snprintf(want, sizeof want, "thread %d", i);
    CHECK_RC(p[i].rc, 0);
    CHECK_STR(p[i].got, want);
    close(p[i].fds[0]);
    close(p[i].fds[1]);
  }
#endif
}

/* #6: a frame larger than a stack's guard page, natively. Without probes
 * it jumps the guard into the stack below (the task created next) and
 * crashes or silently changes that task's locals; built with
 * -fstack-clash-protection (the Makefile's CLASH) every page is touched
 * in turn, the guard page faults, and the task ends with WASIO_ESTACK. */
#if !defined(__wasm__)
static int bystander_sum;

static int bystander(void *arg, void **result) {
  volatile int mine[512];
  (void)arg;
  (void)result;
  for (int i = 0; i < 512; i++) mine[i] = 7;
  wasio_sleep(1);
  int s = 0;
  for (int i = 0; i < 512; i++) s += mine[i];
  bystander_sum = s;
  return 0;
}

static __attribute__((noinline)) int use_big_frame(void) {
  volatile char big[270000]; /* a 256 KiB stack and its 4 KiB guard */
  memset((char *)big, 0x55, sizeof big);
  return big[0] + big[sizeof big - 1] - 0xaa;
}

static int big_frame(void *arg, void **result) {
  (void)arg;
  (void)result;
  wasio_sleep(0.5); /* its stack first, the bystander's below it */
  return use_big_frame();
}

static int frames_jump(void *arg, void **result) {
  wasio_task t, b;
  (void)arg;
  (void)result;
  wasio_create_task(&t, big_frame, NULL);
  wasio_create_task(&b, bystander, NULL);
  CHECK_RC(wasio_await(t, NULL), WASIO_ESTACK);
  CHECK_RC(wasio_await(b, NULL), 0);
  CHECK_INT(bystander_sum, 512 * 7); /* untouched */
  wasio_task_release(t);
  wasio_task_release(b);
  return 0;
}
#endif

TEST(a_frame_past_the_guard_page_is_caught) {
#if !defined(__wasm__)
  bystander_sum = 0;
  CHECK_RC(run_virtual(frames_jump, NULL, NULL), 0);
#endif
}
