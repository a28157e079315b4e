/* asyncio.Runner and asyncio.run's steps: lazy loop, several mains on one
 * loop and one context, get_loop, close, use after close, debug output,
 * the exception handler and resources. */
#include "test.h"

#include <stdint.h>
#include <stdlib.h>

static wasio_contextvar user = WASIO_CONTEXTVAR("user", "nobody");

static int set_user(void *arg, void **result) {
  (void)result;
  CHECK_STR(wasio_contextvar_get(&user), "nobody");
  return wasio_contextvar_set(&user, arg, NULL);
}

static int read_user(void *arg, void **result) {
  (void)arg;
  *result = wasio_contextvar_get(&user);
  return wasio_sleep(0.5);
}

static wasio_loop *seen_loop;

static int note_loop(void *arg, void **result) {
  (void)arg;
  (void)result;
  int rc = wasio_get_running_loop(&seen_loop);
  CHECK(wasio_loop_is_running(seen_loop));
  return rc;
}

TEST(several_mains_share_loop_and_context) {
  wasio_runner r;
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL};
  wasio_loop *loop = NULL, *loop2 = NULL;
  wasio_outcome out;
  CHECK_RC(wasio_runner_init(&r, &opts), 0);
  CHECK(r._loop == NULL); /* lazy */
  CHECK_RC(wasio_runner_run(&r, set_user, "ada", NULL, NULL), 0);
  CHECK_RC(wasio_runner_run(&r, read_user, NULL, NULL, &out), 0);
  CHECK_STR((const char *)out.result, "ada"); /* the next main sees it */
  CHECK_RC(wasio_runner_get_loop(&r, &loop), 0);
  CHECK_RC(wasio_runner_run(&r, note_loop, NULL, NULL, NULL), 0);
  CHECK(loop != NULL && loop == seen_loop);
  CHECK(!wasio_loop_is_running(loop)); /* between runs */
  CHECK_RC(wasio_runner_get_loop(&r, &loop2), 0);
  CHECK(loop2 == loop);
  /* a context passed to run is used instead, and left as main made it */
  wasio_context *ctx = wasio_context_new();
  CHECK_RC(wasio_runner_run(&r, set_user, "grace", ctx, NULL), 0);
  CHECK_RC(wasio_runner_run(&r, read_user, NULL, ctx, &out), 0);
  CHECK_STR((const char *)out.result, "grace");
  CHECK_RC(wasio_runner_run(&r, read_user, NULL, NULL, &out), 0);
  CHECK_STR((const char *)out.result, "ada");
  wasio_context_release(ctx);
  CHECK_RC(wasio_runner_close(&r), 0);
}

TEST(close_is_idempotent_and_final) {
  wasio_runner r;
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL};
  wasio_loop *loop = (wasio_loop *)1;
  CHECK_RC(wasio_runner_init(&r, &opts), 0);
  CHECK_RC(wasio_runner_close(&r), 0); /* never used: nothing to close */
  CHECK_RC(wasio_runner_close(&r), 0);
  CHECK_RC(wasio_runner_run(&r, note_loop, NULL, NULL, NULL), WASIO_ECLOSED);
  CHECK_STR(wasio_error_message(), "wasio_runner_run: the runner is closed");
  CHECK_RC(wasio_runner_get_loop(&r, &loop), WASIO_ECLOSED);
  CHECK(loop == NULL);
}

typedef struct cleanup_log {
  int cleaned;
  double at;
} cleanup_log;

static int background(void *arg, void **result) {
  cleanup_log *log = arg;
  (void)result;
  int rc = wasio_sleep(100);
  log->cleaned++;
  log->at = wasio_now();
  return rc;
}

static int spawn_background(void *arg, void **result) {
  (void)result;
  wasio_create_task(NULL, background, arg);
  return wasio_sleep(1);
}

TEST(leftovers_live_until_close) {
  wasio_runner r;
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL};
  cleanup_log log = {0, 0};
  wasio_runner_init(&r, &opts);
  CHECK_RC(wasio_runner_run(&r, spawn_background, &log, NULL, NULL), 0);
  CHECK_INT(log.cleaned, 0); /* still pending after run */
  CHECK_RC(wasio_runner_run(&r, spawn_background, &log, NULL, NULL), 0);
  CHECK_INT(log.cleaned, 0);
  CHECK_RC(wasio_runner_close(&r), 0);
  CHECK_INT(log.cleaned, 2); /* cancelled at close; cleanup ran */
  CHECK_NEAR(log.at, 2, 0);
}

static int runs_runner(void *arg, void **result) {
  wasio_runner *r = arg;
  (void)result;
  CHECK_RC(wasio_runner_run(r, note_loop, NULL, NULL, NULL), WASIO_ENESTED);
  CHECK_STR(wasio_error_message(),
            "wasio_run() cannot be called from a running event loop");
  return 0;
}

TEST(runner_inside_a_loop_is_refused) {
  wasio_runner inner;
  wasio_runner_init(&inner, NULL);
  CHECK_RC(run_virtual(runs_runner, &inner, NULL), 0);
  CHECK_RC(wasio_runner_close(&inner), 0);
}

/* ---------------------------------------------------------- debug output */

typedef struct lines {
  char text[32][160];
  int n;
} lines;

static void collect(const char *line, void *arg) {
  lines *l = arg;
  if (l->n < 32) snprintf(l->text[l->n], sizeof l->text[0], "%s", line);
  l->n++;
}

static int has_line(const lines *l, const char *needle) {
  for (int i = 0; i < l->n && i < 32; i++)
    if (strstr(l->text[i], needle)) return i;
  return -1;
}

static void close_res(void *arg) { (*(int *)arg)++; }

static int never_awaited(void *arg, void **result) {
  (void)arg;
  (void)result;
  return 0;
}

static int busy(void *arg, void **result) {
  (void)arg;
  (void)result;
  /* blocking the loop: on the virtual clock, time moves on regardless */
  wasio_loop *loop;
  wasio_get_running_loop(&loop);
  CHECK_RC(wasio_loop_advance(loop, 0.15), 0);
  return 0;
}

static wasio_resource res_a, res_b;
static wasio_task forgotten;

static int debug_main(void *arg, void **result) {
  (void)result;
  wasio_resource_register(&res_a, "db-pool", close_res, arg);
  wasio_resource_register(&res_b, "socket", close_res, arg);
  wasio_create_task(&forgotten, never_awaited, NULL);
  static cleanup_log pending_log;
  wasio_create_task(NULL, background, &pending_log);
  wasio_task t;
  wasio_create_task(&t, busy, NULL);
  wasio_await(t, NULL);
  wasio_task_release(t);
  return wasio_sleep(0.1);
}

TEST(debug_mode_logs_the_steps_and_what_leaked) {
  lines l = {.n = 0};
  int closed = 0;
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL, .debug = 1,
                         .log = collect, .log_arg = &l};
  CHECK_RC(wasio_run(debug_main, &closed, &opts, NULL), 0);
  CHECK_INT(closed, 2);
  int s1 = has_line(&l, "[1] no event loop is running in this thread");
  int s2 = has_line(&l, "[2] created a fresh event loop (virtual clock");
  int s3 = has_line(&l, "[3] running main until it completes");
  int s4 = has_line(&l, "[4] main is done; cancelling 1 pending task and "
                        "waiting for their cleanup");
  int s5 = has_line(&l, "[5] shutdown hooks: closing 2 resources left open");
  int s6 = has_line(&l, "[6] closing the loop");
  CHECK(s1 >= 0 && s1 < s2 && s2 < s3 && s3 < s4 && s4 < s5 && s5 < s6);
  /* newest first */
  int sock = has_line(&l, "resource socket was never closed; closed at "
                          "shutdown (created at tests/c/test_runner.c:");
  int pool = has_line(&l, "resource db-pool was never closed");
  CHECK(sock >= 0 && pool > sock);
  CHECK(has_line(&l, "executing task Task-4 took 0.150 seconds") >= 0);
  CHECK(has_line(&l, "wasio: task was never awaited: task Task-2 (created "
                     "at tests/c/test_runner.c:") >= 0);
}

/* A host-driven loop says steps 1 to 3 at wasio_loop_start, as a Runner
 * says them (the JS API's debug demo shows them). */
TEST(a_host_driven_loop_logs_the_first_steps) {
  lines l = {.n = 0};
  wasio_loop *loop;
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL, .debug = 1,
                         .log = collect, .log_arg = &l};
  CHECK_RC(wasio_loop_new(&loop, &opts), 0);
  CHECK_INT(l.n, 0);
  CHECK_RC(wasio_loop_start(loop, never_awaited, NULL), 0);
  CHECK_INT(l.n, 3);
  CHECK_STR(l.text[0], "wasio debug: [1] no event loop is running in this "
                       "thread");
  CHECK_STR(l.text[1], "wasio debug: [2] created a fresh event loop "
                       "(virtual clock, virtual host)");
  CHECK_STR(l.text[2], "wasio debug: [3] running main until it completes");
  double delay;
  while (wasio_loop_step(loop, &delay) == 1) continue;
  CHECK_RC(wasio_loop_close(loop, NULL), 0);
  CHECK(has_line(&l, "[4] main is done") == 3);
}

typedef struct report {
  char message[96], task[32], error[96];
  int code, count;
  int keep; /* loses_an_error keeps the failing task's handle */
} report;

static void handler(wasio_loop *loop, const wasio_exception_context *c,
                    void *arg) {
  report *r = arg;
  (void)loop;
  snprintf(r->message, sizeof r->message, "%s", c->message);
  snprintf(r->task, sizeof r->task, "%s", c->task ? c->task : "");
  snprintf(r->error, sizeof r->error, "%s", c->error ? c->error : "");
  r->code = c->code;
  r->count++;
}

static int fails(void *arg, void **result) {
  (void)arg;
  (void)result;
  return wasio_fail(WASIO_EUSER - 7, "disk full");
}

/* A task fails and nobody looks: fire and forget, or (found by the fuzzer:
 * it used to go unreported) its handle kept but never awaited. */
static int loses_an_error(void *arg, void **result) {
  report *r = arg;
  wasio_loop *loop;
  wasio_task t;
  (void)result;
  wasio_get_running_loop(&loop);
  wasio_loop_set_exception_handler(loop, handler, arg);
  CHECK_RC(wasio_create_task(r->keep ? &t : NULL, fails, NULL), 0);
  return wasio_sleep(1);
}

static void check_lost_disk_full(int keep) {
  report r = {.count = 0, .keep = keep};
  CHECK_RC(run_virtual(loses_an_error, &r, NULL), 0);
  CHECK_INT(r.count, 1);
  CHECK_STR(r.message, "task exception was never retrieved");
  CHECK_STR(r.task, "Task-2");
  CHECK_STR(r.error, "disk full");
  CHECK_RC(r.code, WASIO_EUSER - 7);
}

TEST(lost_error_reaches_the_exception_handler) {
  check_lost_disk_full(0);
}

static int closes_twice(void *arg, void **result) {
  wasio_resource res;
  (void)result;
  CHECK_RC(wasio_resource_register(&res, "file", close_res, arg), 0);
  CHECK_RC(wasio_resource_close(&res), 0);
  CHECK_RC(wasio_resource_close(&res), WASIO_ESTATE);
  CHECK_STR(wasio_error_message(), "wasio_resource_close: file is already "
                                   "closed");
  CHECK_RC(wasio_resource_register(&res, "file", NULL, arg), WASIO_EINVAL);
  return 0;
}

TEST(resource_close_twice_is_an_error) {
  int closed = 0;
  wasio_resource res;
  CHECK_RC(wasio_resource_register(&res, "file", close_res, &closed),
           WASIO_ENOLOOP);
  CHECK_RC(run_virtual(closes_twice, &closed, NULL), 0);
  CHECK_INT(closed, 1); /* once, by the program; not again at shutdown */
}

TEST(lost_error_of_a_kept_handle_is_reported_at_close) {
  check_lost_disk_full(1); /* reported when the loop closes */
}

/* Every other way an error could go unseen, each reported once through the
 * exception handler: a task whose handle was released before it failed; a
 * task that fails in its cleanup when the shutdown cancels it; a shielded
 * task that fails after the task awaiting it was cancelled. */
typedef struct reports {
  int count;
  char tasks[4][32], errors[4][96];
} reports;

static void collect_lost(wasio_loop *loop, const wasio_exception_context *c,
                    void *arg) {
  reports *r = arg;
  (void)loop;
  if (strcmp(c->message, "task exception was never retrieved") != 0) return;
  if (r->count < 4) {
    snprintf(r->tasks[r->count], sizeof r->tasks[0], "%s", c->task);
    snprintf(r->errors[r->count], sizeof r->errors[0], "%s", c->error);
  }
  r->count++;
}

static int fails_later(void *arg, void **result) {
  (void)arg;
  (void)result;
  wasio_sleep(0.5);
  return wasio_fail(WASIO_EUSER - 1, "failed after its handle was released");
}

static int fails_in_cleanup(void *arg, void **result) {
  (void)arg;
  (void)result;
  int rc = wasio_sleep(100); /* cancelled by the shutdown */
  if (rc == WASIO_ECANCELLED)
    return wasio_fail(WASIO_EUSER - 2, "cleanup failed");
  return rc;
}

static int awaits_shielded(void *arg, void **result) {
  wasio_task *inner = arg;
  (void)result;
  return wasio_shield(*inner, NULL); /* cancelled at 0.25 s */
}

static int loses_three_ways(void *arg, void **result) {
  wasio_loop *loop;
  wasio_task a, b, inner, outer;
  (void)result;
  wasio_get_running_loop(&loop);
  wasio_loop_set_exception_handler(loop, collect_lost, arg);
  CHECK_RC(wasio_create_task(&a, fails_later, NULL), 0);
  CHECK_RC(wasio_task_release(a), 0);
  CHECK_RC(wasio_create_task(&b, fails_in_cleanup, NULL), 0);
  CHECK_RC(wasio_task_release(b), 0);
  CHECK_RC(wasio_create_task(&inner, fails_later, NULL), 0);
  CHECK_RC(wasio_create_task(&outer, awaits_shielded, &inner), 0);
  CHECK_RC(wasio_sleep(0.25), 0);
  CHECK_RC(wasio_cancel(outer), 1);
  CHECK_RC(wasio_await(outer, NULL), WASIO_ECANCELLED);
  CHECK_RC(wasio_task_release(inner), 0); /* nobody will look at it now */
  CHECK_RC(wasio_sleep(1), 0);
  return 0;
}

TEST(lost_errors_are_reported_every_way) {
  reports r = {0};
  CHECK_RC(run_virtual(loses_three_ways, &r, NULL), 0);
  CHECK_INT(r.count, 3);
  CHECK_STR(r.tasks[0], "Task-2");
  CHECK_STR(r.errors[0], "failed after its handle was released");
  CHECK_STR(r.tasks[1], "Task-4");
  CHECK_STR(r.errors[1], "failed after its handle was released");
  CHECK_STR(r.tasks[2], "Task-3");
  CHECK_STR(r.errors[2], "cleanup failed");
}
