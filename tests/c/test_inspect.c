/* wasio_loop_inspect: what a loop holds, in order; what a visitor may do;
 * and wasio_trap_reason. */
#include "test.h"

#include <stdio.h>

/* A visitor that writes one line per item into a picture. */
typedef struct picture {
  char text[4096];
  size_t len;
  int items;
  int stop_at;   /* return 7 at this item (0: never) */
  wasio_task tasks[16]; /* the TASK items' handles */
  int ntasks;
} picture;

static int draw(const wasio_inspect_item *it, void *arg) {
  picture *p = arg;
  char line[160];
  if (it->kind == WASIO_INSPECT_LOOP)
    snprintf(line, sizeof line, "loop %s %.3f ready=%zu timers=%zu tasks=%zu\n",
             it->detail, it->time, it->ready, it->timers, it->tasks);
  else if (it->kind == WASIO_INSPECT_TASK)
    snprintf(line, sizeof line, "task %s %s\n", it->name, it->detail);
  else if (it->kind == WASIO_INSPECT_READY_TASK ||
           it->kind == WASIO_INSPECT_READY_CALLBACK)
    snprintf(line, sizeof line, "%s %s\n", wasio_inspect_kind_name(it->kind),
             it->name);
  else
    snprintf(line, sizeof line, "%s %.3f %s\n",
             wasio_inspect_kind_name(it->kind), it->time, it->name);
  if (it->kind == WASIO_INSPECT_TASK && p->ntasks < 16)
    p->tasks[p->ntasks++] = it->task;
  p->len += (size_t)snprintf(p->text + p->len, sizeof p->text - p->len, "%s",
                             line);
  return ++p->items == p->stop_at ? 7 : 0;
}

/* Takes a picture of `loop` into p and returns inspect's status. */
static int look(const wasio_loop *loop, picture *p) {
  memset(p, 0, sizeof *p);
  return wasio_loop_inspect(loop, draw, p);
}

/* A host-driven loop on the virtual clock, main not started yet. */
static wasio_loop *new_loop(void) {
  wasio_loop *loop = NULL;
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL};
  CHECK_RC(wasio_loop_new(&loop, &opts), 0);
  return loop;
}

/* ... with main started, then stepped `steps` times (each with more to
 * do). */
static wasio_loop *stepped(wasio_loop *loop, wasio_fn main, int steps) {
  double delay;
  CHECK_RC(wasio_loop_start(loop, main, NULL), 0);
  while (steps-- > 0) CHECK_INT(wasio_loop_step(loop, &delay), 1);
  return loop;
}

static int sleeps(void *arg, void **result) {
  (void)result;
  return wasio_sleep(*(double *)arg);
}

static int scoped(void *arg, void **result) {
  wasio_scope s;
  (void)arg;
  (void)result;
  wasio_timeout_enter(&s, 3);
  return wasio_timeout_exit(&s, wasio_sleep(10));
}

/* A wait that times out, then a sleep on the same task's timer. */
static int waits(void *arg, void **result) {
  (void)result;
  wasio_wait(arg, 1, WASIO_ALL_COMPLETED, 0.5);
  return wasio_sleep(4);
}

static void nothing(void *arg) { (void)arg; }

static wasio_task slow;

static int crowd(void *arg, void **result) {
  static double two = 2, one = 1;
  wasio_task t;
  (void)arg;
  (void)result;
  CHECK_RC(wasio_call_later(NULL, 1, nothing, NULL), 0); /* armed first */
  wasio_create_task(&slow, sleeps, &two);
  wasio_task_set_name(slow, "slow");
  wasio_create_task(&t, sleeps, &one);
  wasio_task_set_name(t, "one-a");
  wasio_create_task(&t, sleeps, &one);
  wasio_task_set_name(t, "one-b");
  wasio_create_task(&t, scoped, NULL);
  wasio_task_set_name(t, "scoped");
  wasio_create_task(&t, waits, &slow);
  wasio_task_set_name(t, "waiter");
  wasio_call_soon(NULL, nothing, NULL);
  wasio_handle h;
  wasio_call_soon(&h, nothing, NULL);
  wasio_handle_cancel(h); /* will not run: not listed */
  return wasio_sleep(5);
}

/* crowd's pictures end so once every task waits */
#define LATER_TIMERS                                                       \
  "sleep 2.000 slow\n"                                                     \
  "timeout 3.000 scoped\n"                                                 \
  "sleep 5.000 main\n"                                                     \
  "sleep 10.000 scoped\n"
#define ALL_WAITING                                                        \
  "task main waiting\n"                                                    \
  "task slow waiting\n"                                                    \
  "task one-a waiting\n"                                                   \
  "task one-b waiting\n"                                                   \
  "task scoped waiting\n"                                                  \
  "task waiter waiting\n"

TEST(ready_queue_timers_and_tasks_in_order) {
  wasio_loop *loop = stepped(new_loop(), crowd, 0);
  picture p;
  double delay;
  CHECK_RC(look(loop, &p), 0);
  CHECK_STR(p.text, "loop main 0.000 ready=1 timers=0 tasks=1\n"
                    "ready_task main\n"
                    "task main pending\n");
  CHECK_INT(wasio_loop_step(loop, &delay), 1); /* main runs */
  CHECK_RC(look(loop, &p), 0);
  CHECK_STR(p.text, "loop main 0.000 ready=6 timers=2 tasks=6\n"
                    "ready_task slow\n"
                    "ready_task one-a\n"
                    "ready_task one-b\n"
                    "ready_task scoped\n"
                    "ready_task waiter\n"
                    "ready_callback \n"
                    "call_later 1.000 \n"
                    "sleep 5.000 main\n"
                    "task main waiting\n"
                    "task slow pending\n"
                    "task one-a pending\n"
                    "task one-b pending\n"
                    "task scoped pending\n"
                    "task waiter pending\n");
  CHECK_INT(wasio_loop_step(loop, &delay), 1); /* the tasks arm theirs */
  CHECK_RC(look(loop, &p), 0);
  /* soonest first; at 1 s in the order armed: the callback, then one-a,
   * one-b; a task's item names the task */
  CHECK_STR(p.text, "loop main 0.000 ready=0 timers=8 tasks=6\n"
                    "wait 0.500 waiter\n"
                    "call_later 1.000 \n"
                    "sleep 1.000 one-a\n"
                    "sleep 1.000 one-b\n"
                    LATER_TIMERS ALL_WAITING);
  /* the item's handle is the task's */
  CHECK_STR(wasio_task_name(p.tasks[1]), "slow");
  CHECK_INT(p.tasks[1].slot, slow.slot);
  CHECK_RC(wasio_loop_advance(loop, 1), 0);
  CHECK_INT(wasio_loop_step(loop, &delay), 1); /* the timers due at 1 s */
  CHECK_RC(look(loop, &p), 0);
  CHECK_STR(p.text, "loop main 1.000 ready=3 timers=4 tasks=6\n"
                    "ready_task waiter\n"
                    "ready_task one-a\n"
                    "ready_task one-b\n"
                    LATER_TIMERS ALL_WAITING);
  CHECK_INT(wasio_loop_step(loop, &delay), 1);
  CHECK_RC(look(loop, &p), 0);
  /* the waiter's timer, a sleep now (4 s from 1 s) */
  CHECK(strstr(p.text, "sleep 5.000 waiter\n") != NULL);
  CHECK(strstr(p.text, "wait ") == NULL);
  CHECK(strstr(p.text, "one-a") == NULL); /* done: not listed */
  CHECK_RC(wasio_loop_close(loop, NULL), WASIO_ECANCELLED);
}

/* The walk ends at the first nonzero value of the visitor, returned. */
TEST(a_visitor_can_stop_the_walk) {
  wasio_loop *loop = stepped(new_loop(), crowd, 1);
  picture p;
  memset(&p, 0, sizeof p);
  p.stop_at = 3;
  CHECK_RC(wasio_loop_inspect(loop, draw, &p), 7);
  CHECK_INT(p.items, 3);
  CHECK_STR(p.text, "loop main 0.000 ready=6 timers=2 tasks=6\n"
                    "ready_task slow\n"
                    "ready_task one-a\n");
  CHECK_RC(wasio_loop_close(loop, NULL), WASIO_ECANCELLED);
}

/* ------------------------------------------------------------ phases */

static int cleanup_phase = -1;

static int visit_phase(const wasio_inspect_item *it, void *arg) {
  (void)arg;
  cleanup_phase = it->state;
  return 1; /* the loop item is enough */
}

static int leftover(void *arg, void **result) {
  wasio_loop *loop;
  (void)arg;
  (void)result;
  int rc = wasio_sleep(10);
  /* cancelled by the shutdown: the loop says so */
  wasio_get_running_loop(&loop);
  CHECK_RC(wasio_loop_inspect(loop, visit_phase, NULL), 1);
  return rc;
}

static int leaves_one(void *arg, void **result) {
  (void)arg;
  (void)result;
  wasio_create_task(NULL, leftover, NULL);
  return wasio_sleep(0);
}

TEST(the_phase_from_new_to_done) {
  wasio_loop *loop = new_loop();
  picture p;
  double delay;
  CHECK_RC(look(loop, &p), 0);
  CHECK_STR(p.text, "loop new 0.000 ready=0 timers=0 tasks=0\n");
  stepped(loop, leaves_one, 2); /* main done: shutdown */
  CHECK_RC(look(loop, &p), 0);
  CHECK_STR(p.text, "loop shutdown 0.000 ready=1 timers=0 tasks=1\n"
                    "ready_task Task-2\n"
                    "task Task-2 waiting\n");
  cleanup_phase = -1;
  CHECK_INT(wasio_loop_step(loop, &delay), 0);
  CHECK_INT(cleanup_phase, WASIO_PHASE_SHUTDOWN); /* seen from its task */
  CHECK_RC(look(loop, &p), 0);
  CHECK_STR(p.text, "loop done 0.000 ready=0 timers=0 tasks=0\n");
  CHECK_RC(wasio_loop_close(loop, NULL), 0);
}

/* ------------------------------------------------------------ misuse */

static int counts(const wasio_inspect_item *it, void *arg) {
  (void)it;
  (*(int *)arg)++;
  return 0;
}

typedef struct closing {
  int rc, reports;
} closing;

static void inspects_at_close(wasio_loop *loop,
                              const wasio_exception_context *c, void *arg) {
  closing *cl = arg;
  int n = 0;
  (void)c;
  cl->reports++;
  cl->rc = wasio_loop_inspect(loop, counts, &n);
}

static int fails(void *arg, void **result) {
  (void)arg;
  (void)result;
  return wasio_fail(WASIO_EUSER - 1, "lost");
}

static int keeps_a_failed_task(void *arg, void **result) {
  static wasio_task kept; /* never awaited: reported when the loop closes */
  (void)arg;
  (void)result;
  wasio_create_task(&kept, fails, NULL);
  return wasio_sleep(0.1);
}

TEST(bad_calls_are_refused) {
  int n = 0;
  CHECK_RC(wasio_loop_inspect(NULL, counts, &n), WASIO_EINVAL);
  CHECK_STR(wasio_error_message(), "wasio_loop_inspect: loop is NULL");
  wasio_loop *loop = new_loop();
  CHECK_RC(wasio_loop_inspect(loop, NULL, NULL), WASIO_EINVAL);
  CHECK_STR(wasio_error_message(), "wasio_loop_inspect: visit is NULL");
  CHECK_RC(wasio_loop_close(loop, NULL), WASIO_ESTATE); /* never started */
  /* closing: an exception handler called by the close */
  closing cl = {1, 0};
  loop = new_loop();
  wasio_loop_set_exception_handler(loop, inspects_at_close, &cl);
  stepped(loop, keeps_a_failed_task, 0);
  double delay;
  while (wasio_loop_step(loop, &delay) == 1)
    if (delay > 0) wasio_loop_advance(loop, delay);
  CHECK_RC(wasio_loop_close(loop, NULL), 0);
  CHECK_INT(cl.reports, 1);
  CHECK_RC(cl.rc, WASIO_ESTATE);
  CHECK_INT(n, 0); /* nothing visited */
}

/* --------------------------------------------- what a visitor may do */

typedef struct meddler {
  wasio_loop *loop;
  picture inner;
  int inner_rc, step_rc, close_rc, sleep_rc, spawn_rc, cancelled;
  char sleep_message[128];
  int items;
} meddler;

/* Between steps: it steps the loop, cancels what it sees, schedules, looks
 * again; the walk goes on over the picture taken before. */
static int meddles(const wasio_inspect_item *it, void *arg) {
  meddler *m = arg;
  m->items++;
  if (it->kind == WASIO_INSPECT_LOOP) {
    m->inner_rc = look(m->loop, &m->inner); /* re-entrant: a new picture */
    double delay;
    m->step_rc = wasio_loop_step(m->loop, &delay);
    wasio_loop_call_soon(m->loop, NULL, nothing, NULL);
  }
  if (it->kind == WASIO_INSPECT_TASK) m->cancelled += wasio_cancel(it->task);
  return 0;
}

/* ... and may even close it. */
static int closes(const wasio_inspect_item *it, void *arg) {
  meddler *m = arg;
  if (m->items++ == 0) m->close_rc = wasio_loop_close(m->loop, NULL);
  return it->name == NULL; /* the names are the picture's own */
}

static int two_sleepers(void *arg, void **result) {
  static double one = 1;
  (void)arg;
  (void)result;
  wasio_create_task(NULL, sleeps, &one);
  wasio_create_task(NULL, sleeps, &one);
  return wasio_sleep(2);
}

TEST(a_visitor_changes_the_loop_not_the_walk) {
  wasio_loop *loop = stepped(new_loop(), two_sleepers, 1);
  picture before, after;
  CHECK_RC(look(loop, &before), 0);
  CHECK_STR(before.text, "loop main 0.000 ready=2 timers=1 tasks=3\n"
                         "ready_task Task-2\n"
                         "ready_task Task-3\n"
                         "sleep 2.000 main\n"
                         "task main waiting\n"
                         "task Task-2 pending\n"
                         "task Task-3 pending\n");
  meddler m = {.loop = loop};
  CHECK_RC(wasio_loop_inspect(loop, meddles, &m), 0);
  CHECK_INT(m.items, 7); /* every item of the picture */
  CHECK_RC(m.inner_rc, 0);
  CHECK_STR(m.inner.text, before.text);
  CHECK_INT(m.step_rc, 1);
  CHECK_INT(m.cancelled, 3);
  /* what it did shows in the next picture */
  CHECK_RC(look(loop, &after), 0);
  CHECK_STR(after.text, "loop main 0.000 ready=4 timers=0 tasks=3\n"
                        "ready_callback \n"
                        "ready_task main\n"
                        "ready_task Task-2\n"
                        "ready_task Task-3\n"
                        "task main waiting\n"
                        "task Task-2 waiting\n"
                        "task Task-3 waiting\n");
  meddler c = {.loop = loop};
  CHECK_RC(wasio_loop_inspect(loop, closes, &c), 0);
  CHECK_RC(c.close_rc, WASIO_ECANCELLED);
  CHECK_INT(c.items, 8);
}

/* From a task: it may schedule and create tasks, but not suspend, nor
 * step or close its own loop. */
static int tries_to_suspend(const wasio_inspect_item *it, void *arg) {
  meddler *m = arg;
  if (it->kind != WASIO_INSPECT_LOOP) return 0;
  m->sleep_rc = wasio_sleep(1);
  snprintf(m->sleep_message, sizeof m->sleep_message, "%s",
           wasio_error_message());
  double delay;
  m->step_rc = wasio_loop_step(m->loop, &delay);
  m->close_rc = wasio_loop_close(m->loop, NULL);
  static double half = 0.5;
  m->spawn_rc = wasio_create_task(NULL, sleeps, &half);
  m->inner_rc = look(m->loop, &m->inner);
  return 0;
}

static int inspects_itself(void *arg, void **result) {
  meddler *m = arg;
  picture p;
  (void)result;
  wasio_get_running_loop(&m->loop);
  CHECK_RC(wasio_loop_inspect(m->loop, tries_to_suspend, m), 0);
  CHECK_RC(m->sleep_rc, WASIO_ESTATE);
  CHECK_STR(m->sleep_message, "wasio_sleep: called from a trace hook or an "
                              "inspect visitor, which must not suspend");
  CHECK_RC(m->step_rc, WASIO_ESTATE);
  CHECK_RC(m->close_rc, WASIO_ESTATE);
  CHECK_RC(m->spawn_rc, 0);
  CHECK_RC(m->inner_rc, 0);
  CHECK_STR(m->inner.text, "loop main 0.000 ready=1 timers=0 tasks=2\n"
                           "ready_task Task-2\n"
                           "task main running\n"
                           "task Task-2 pending\n");
  CHECK_RC(look(m->loop, &p), 0);
  CHECK(strstr(p.text, "task Task-2 pending\n") != NULL);
  return wasio_sleep(1); /* suspending works again after the walk */
}

TEST(a_visitor_in_a_task_cannot_suspend) {
  meddler m;
  memset(&m, 0, sizeof m);
  CHECK_RC(run_virtual(inspects_itself, &m, NULL), 0);
}

/* ------------------------------------------- from callbacks, other loops */

static wasio_loop *seen_loop;
static picture from_cb;

static void sets_aside(void *arg) {
  (void)arg;
  /* armed during the iteration with a deadline already past: it waits for
   * the next iteration, set aside */
  wasio_call_later(NULL, -0.5, nothing, NULL);
}

static void looks(void *arg) {
  (void)arg;
  look(seen_loop, &from_cb);
}

static int timed_callbacks(void *arg, void **result) {
  (void)arg;
  (void)result;
  wasio_get_running_loop(&seen_loop);
  wasio_call_later(NULL, 1, sets_aside, NULL);
  wasio_call_later(NULL, 1, looks, NULL);
  return wasio_sleep(2);
}

TEST(a_timer_set_aside_is_listed) {
  CHECK_RC(run_virtual(timed_callbacks, NULL, NULL), 0);
  CHECK_STR(from_cb.text, "loop main 1.000 ready=0 timers=2 tasks=1\n"
                          "call_later 0.500 \n"
                          "sleep 2.000 main\n"
                          "task main waiting\n");
}

TEST(the_implicit_loop_and_a_runners_loop) {
  static double one = 1;
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL};
  picture p;
  CHECK_RC(wasio_implicit_init(&opts), 0);
  CHECK_RC(wasio_spawn(sleeps, &one), 0);
  CHECK_RC(wasio_spawn(sleeps, &one), 0);
  CHECK_RC(look(wasio_implicit_loop(), &p), 0);
  CHECK_STR(p.text, "loop main 0.000 ready=2 timers=0 tasks=2\n"
                    "ready_task Task-1\n"
                    "ready_task Task-2\n"
                    "task Task-1 pending\n"
                    "task Task-2 pending\n");
  CHECK_RC(wasio_implicit_run(), 0);
  /* finished: there is no implicit loop any more */
  CHECK(wasio_implicit_loop() == NULL);
  CHECK_RC(look(wasio_implicit_loop(), &p), WASIO_EINVAL);
  /* a Runner's loop, between runs */
  wasio_runner r;
  wasio_loop *loop;
  CHECK_RC(wasio_runner_init(&r, &opts), 0);
  CHECK_RC(wasio_runner_run(&r, leaves_one, NULL, NULL, NULL), 0);
  CHECK_RC(wasio_runner_get_loop(&r, &loop), 0);
  CHECK_RC(look(loop, &p), 0);
  CHECK_STR(p.text, "loop main 0.000 ready=0 timers=1 tasks=1\n"
                    "sleep 10.000 Task-2\n"
                    "task Task-2 waiting\n");
  CHECK_RC(wasio_runner_close(&r), 0);
}

/* A trace hook may look too: here, as each task is created inside the
 * loop (main is created before the loop runs). */
static char hook_seen[256];

static void hook_looks(const wasio_trace_event *ev, void *arg) {
  wasio_loop *loop;
  picture p;
  (void)arg;
  if (ev->kind != WASIO_TRACE_CREATED || wasio_get_running_loop(&loop) != 0)
    return;
  CHECK_RC(look(loop, &p), 0);
  size_t n = strlen(hook_seen);
  snprintf(hook_seen + n, sizeof hook_seen - n, "%s:%.*s|", ev->task,
           (int)strcspn(p.text, "\n"), p.text);
}

static int makes_one(void *arg, void **result) {
  static double one = 1;
  (void)arg;
  (void)result;
  wasio_create_task(NULL, sleeps, &one);
  return wasio_sleep(0.5);
}

TEST(a_trace_hook_can_look) {
  wasio_run_opts opts = {.clock = WASIO_CLOCK_VIRTUAL, .trace = hook_looks};
  hook_seen[0] = '\0';
  CHECK_RC(wasio_run(makes_one, NULL, &opts, NULL), 0);
  CHECK_STR(hook_seen, "Task-2:loop main 0.000 ready=1 timers=0 tasks=2|");
}

/* --------------------------------------------------------------- traps */

TEST(no_trap_no_reason) {
  /* natively always NULL; in wasm NULL too while nothing trapped */
  CHECK(wasio_trap_reason() == NULL);
  CHECK_RC(run_virtual(leaves_one, NULL, NULL), 0);
  CHECK(wasio_trap_reason() == NULL);
}
