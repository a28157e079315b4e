/* The loop: a ready queue of tasks and callbacks, a timer heap, and one
 * iteration that fires the due timers and runs what was ready when the
 * iteration began (asyncio's _run_once). The loop never waits by itself:
 * wasio_run() and the Runner ask the host to wait between iterations; a
 * host-driven embedder schedules the next step. */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

WASIO__TLS wasio_loop *wasio__running;

uint64_t wasio__loop_time(wasio_loop *loop) {
  return loop->host->now(loop) - loop->epoch;
}

uint64_t wasio__loop_clock(wasio_loop *loop) {
  return wasio__loop_time(loop) + WASIO__PAST;
}

uint64_t wasio__real_ns(void) { return WASIO__HOST_REAL.now(NULL); }

double wasio_now(void) {
  wasio_loop *loop = wasio__running;
  if (loop == NULL) return -1.0;
  return (double)wasio__loop_time(loop) / 1e9;
}

int wasio_get_running_loop(wasio_loop **out) {
  if (out != NULL) *out = wasio__running;
  if (wasio__running == NULL)
    return wasio__set_error(WASIO_ENOLOOP, "no running event loop");
  return 0;
}

int wasio_loop_is_running(const wasio_loop *loop) {
  return loop != NULL && loop == wasio__running;
}

int wasio_loop_get_debug(const wasio_loop *loop) {
  return loop != NULL && loop->opts.debug;
}

void wasio__debug(wasio_loop *loop, const char *fmt, ...) {
  if (!loop->opts.debug) return;
  char line[512];
  int n = snprintf(line, sizeof line, "wasio debug: ");
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
  va_end(ap);
  if (loop->opts.log != NULL)
    loop->opts.log(line, loop->opts.log_arg);
  else
    fprintf(stderr, "%s\n", line);
}

/* Steps 1 to 3 in debug mode, as they happen; wasio_loop_start says them
 * too, for a host-driven loop. */
void wasio__debug_step(wasio_loop *loop, int step) {
  if (step == 1)
    wasio__debug(loop, "[1] no event loop is running in this thread");
  else if (step == 2)
    wasio__debug(loop, "[2] created a fresh event loop (%s clock, %s host)",
                 loop->opts.clock == WASIO_CLOCK_VIRTUAL ? "virtual" : "real",
                 loop->host->name);
  else
    wasio__debug(loop, "[3] running main until it completes");
}

void wasio__ready_push(wasio_loop *loop, wasio__ready *r) {
  r->queued = 1;
  r->next = NULL;
  if (loop->ready_tail)
    loop->ready_tail->next = r;
  else
    loop->ready_head = r;
  loop->ready_tail = r;
  loop->ready_len++;
}

static wasio__ready *ready_pop(wasio_loop *loop) {
  wasio__ready *r = loop->ready_head;
  loop->ready_head = r->next;
  if (loop->ready_head == NULL) loop->ready_tail = NULL;
  loop->ready_len--;
  r->queued = 0;
  return r;
}

int wasio__timer_arm(wasio_loop *loop, wasio__timer *t, uint64_t when) {
  t->when = when;
  t->seq = loop->timer_seq++;
  return wasio__heap_push(&loop->timers, t);
}

/* ------------------------------------------------------------------ time
 * The one conversion of seconds into the loop's nanoseconds, by the rule
 * wasio.h gives at WASIO_TIME_MAX: past it is never. */
static uint64_t to_ns(double seconds) { /* seconds >= 0 */
  return seconds > WASIO_TIME_MAX ? WASIO__FOREVER
                                  : (uint64_t)(seconds * 1e9 + 0.5);
}

int wasio__duration(double seconds, uint64_t *ns, const char *what) {
  if (!(seconds >= 0))
    return wasio__set_error(WASIO_EINVAL, "%s: the duration must be a "
                            "number >= 0 (got %g)", what, seconds);
  *ns = to_ns(seconds);
  return 0;
}

int wasio__deadline(double when, uint64_t *at, const char *what) {
  if (isnan(when))
    return wasio__set_error(WASIO_EINVAL, "%s: the time is NaN", what);
  if (when >= 0) {
    uint64_t ns = to_ns(when);
    *at = ns == WASIO__FOREVER ? ns : WASIO__PAST + ns;
  } else {
    uint64_t back = to_ns(-when);
    *at = back >= WASIO__PAST ? 0 : WASIO__PAST - back;
  }
  return 0;
}

int wasio__after(wasio_loop *loop, double delay, uint64_t *at,
                 const char *what) {
  if (isnan(delay))
    return wasio__set_error(WASIO_EINVAL, "%s: the delay is NaN", what);
  if (delay < 0) { /* in the past: ordered by how far, as asyncio does */
    uint64_t now = wasio__loop_clock(loop);
    uint64_t back = to_ns(-delay);
    *at = back >= now ? 0 : now - back;
    return 0;
  }
  *at = wasio__from_now(loop, to_ns(delay));
  return 0;
}

uint64_t wasio__from_now(wasio_loop *loop, uint64_t ns) {
  if (ns == WASIO__FOREVER) return WASIO__FOREVER;
  uint64_t now = wasio__loop_clock(loop);
  /* past the clock's end: the clock cannot get there */
  return ns >= WASIO__FOREVER - now ? WASIO__FOREVER : now + ns;
}

int wasio__never(double seconds, const char *what) {
  if (seconds > WASIO_TIME_MAX || seconds < -WASIO_TIME_MAX)
    return wasio__set_error(WASIO_EINVAL, "%s: %g s is past WASIO_TIME_MAX "
                            "(1e10 s, about 317 years): it would never come",
                            what, seconds);
  return wasio__set_error(WASIO_EINVAL, "%s: %g s from now is past the end "
                          "of the loop's clock (%.4g s): it would never come",
                          what, seconds, (double)WASIO__CLOCK_END / 1e9);
}

void wasio__timer_disarm(wasio_loop *loop, wasio__timer *t) {
  if (t->index == WASIO__TIMER_ASIDE) {
    /* set aside by the iteration under way (rare: a scan is fine) */
    for (size_t i = 0; i < loop->aside_len; i++)
      if (loop->aside[i] == t) loop->aside[i] = loop->aside[--loop->aside_len];
    t->index = WASIO__TIMER_IDLE;
  } else if (t->index != WASIO__TIMER_IDLE) {
    wasio__heap_remove(&loop->timers, t);
  }
}

/* A due timer armed by the iteration under way waits for the next one. */
static void set_aside(wasio_loop *loop, wasio__timer *t) {
  if (loop->aside_len == loop->aside_cap) {
    size_t cap = loop->aside_cap ? loop->aside_cap * 2 : 8;
    wasio__timer **a = realloc(loop->aside, cap * sizeof *a);
    if (a == NULL) {
      t->fire(t); /* no memory to wait: an iteration early, not lost */
      return;
    }
    loop->aside = a;
    loop->aside_cap = cap;
  }
  t->index = WASIO__TIMER_ASIDE;
  loop->aside[loop->aside_len++] = t;
}

/* ------------------------------------------------------------- iteration */

/* Slow callbacks are timed on the real clock, or on the virtual one, where
 * time only passes when a task blocks on purpose (wasio_loop_advance). */
static uint64_t debug_clock(wasio_loop *loop) {
  return loop->host->advance != NULL ? loop->host->now(loop)
                                     : wasio__real_ns();
}

/* Runs one entry of the ready queue (or a due callback), timed in debug
 * mode. */
void wasio__loop_run(wasio_loop *loop, wasio__ready *r) {
  if (!loop->opts.debug) {
    if (r->kind == WASIO__KIND_TASK)
      wasio__task_run(loop, (wasio__task *)r);
    else
      wasio__callback_run(loop, (wasio__callback *)r);
    return;
  }
  /* debug mode: time it (the task may be freed by its run: name first) */
  uint64_t started = debug_clock(loop);
  char what[48] = "a callback";
  if (r->kind == WASIO__KIND_TASK) {
    snprintf(what, sizeof what, "task %s", wasio__task_name((wasio__task *)r));
    wasio__task_run(loop, (wasio__task *)r);
  } else {
    wasio__callback_run(loop, (wasio__callback *)r);
  }
  uint64_t took = debug_clock(loop) - started;
  if (took >= loop->slow_ns)
    wasio__debug(loop, "executing %s took %.3f seconds", what,
                 (double)took / 1e9);
}

/* asyncio's _run_once, in its order: first what was ready when the
 * iteration began, then the timers that were due by then, each in turn. A
 * due timer runs its callback at once, but a task it wakes joins the back
 * of the ready queue and resumes in the next iteration (as a sleeping
 * coroutine resumes through its future's done callback): every timer
 * callback due at an instant runs before any task woken at that instant.
 * Timers armed during the iteration (a deadline already past) wait for the
 * next one: they are set aside while the due ones fire, then put back. */
void wasio__loop_iterate(wasio_loop *loop) {
  uint64_t now = wasio__loop_clock(loop);
  uint64_t armed_before = loop->timer_seq;
  /* What becomes ready while this batch runs waits for the next one. With
   * a time slice, what is left of the batch when it runs out stays at the
   * front of the queue, and the timers for the next step. The clock is
   * read only for a batch long enough to be checked (a read costs a trip
   * to JavaScript in the web build, once per iteration of a ping-pong). */
  uint64_t slice_end = loop->slice_ns && loop->ready_len > 15
                           ? wasio__real_ns() + loop->slice_ns
                           : 0;
  /* Checked every 16 entries; every one when tasks are traced, since then
   * each costs calls into the host (the web page's drawing of them). */
  size_t every = WASIO__TRACING(loop) ? 0 : 15;
  for (size_t n = loop->ready_len, i = 0; n > 0 && loop->ready_head;
       n--, i++) {
    if (slice_end && (i & every) == every && wasio__real_ns() >= slice_end)
      return;
    wasio__loop_run(loop, ready_pop(loop));
  }
  wasio__timer *timer;
  while ((timer = wasio__heap_peek(&loop->timers)) != NULL &&
         timer->when <= now) {
    wasio__heap_remove(&loop->timers, timer);
    if (timer->seq >= armed_before)
      set_aside(loop, timer);
    else
      timer->fire(timer);
  }
  while (loop->aside_len > 0) {
    timer = loop->aside[--loop->aside_len];
    timer->index = WASIO__TIMER_IDLE;
    if (wasio__heap_push(&loop->timers, timer) != 0) timer->fire(timer);
  }
}

uint64_t wasio__loop_timeout(wasio_loop *loop) {
  if (loop->ready_len > 0) return 0;
  wasio__timer *next = wasio__heap_peek(&loop->timers);
  if (next == NULL) return WASIO__FOREVER;
  uint64_t now = wasio__loop_clock(loop);
  return next->when > now ? next->when - now : 0;
}

int wasio__loop_expects_events(const wasio_loop *loop) {
  return !wasio__list_empty(&loop->fd_waiters) || loop->external > 0;
}

/* ------------------------------------------------------------- life cycle */

int wasio_loop_new(wasio_loop **out, const wasio_run_opts *opts) {
  if (out == NULL)
    return wasio__set_error(WASIO_EINVAL, "wasio_loop_new: out is NULL");
  wasio_run_opts defaults;
  int rc;
  memset(&defaults, 0, sizeof defaults);
  if (opts == NULL) opts = &defaults;
  if (opts->clock != WASIO_CLOCK_REAL && opts->clock != WASIO_CLOCK_VIRTUAL)
    return wasio__set_error(WASIO_EINVAL, "wasio_loop_new: unknown clock %d",
                            (int)opts->clock);
  if (opts->stack_size > WASIO__STACK_MAX)
    return wasio__set_error(WASIO_EINVAL, "wasio_loop_new: stack_size must be "
                            "at most %zu bytes (got %zu)",
                            (size_t)WASIO__STACK_MAX, opts->stack_size);
  const char *what = "wasio_loop_new";
  uint64_t slow_ns = WASIO__NS_PER_S / 10; /* 0 in opts: 0.1 s, as asyncio */
  uint64_t slice_ns = 0;
  if ((opts->slow_callback_duration != 0 &&
       (rc = wasio__duration(opts->slow_callback_duration, &slow_ns,
                             "wasio_loop_new: slow_callback_duration")) != 0) ||
      (rc = wasio__duration(opts->time_slice, &slice_ns,
                            "wasio_loop_new: time_slice")) != 0)
    return rc;
  if (slow_ns == WASIO__FOREVER || slice_ns == WASIO__FOREVER)
    return wasio__never(slow_ns == WASIO__FOREVER
                            ? opts->slow_callback_duration : opts->time_slice,
                        what);
  /* a driven host hands control back every 8 ms unless told otherwise */
  if (slice_ns == 0 && WASIO__HOST_REAL.driven) slice_ns = 8000000;
  wasio__thread_watch();
  wasio_loop *loop = calloc(1, sizeof *loop);
  void **cache = calloc(64, sizeof *cache);
  if (loop == NULL || cache == NULL) {
    free(loop);
    free(cache);
    return wasio__set_error(WASIO_ENOMEM, "%s: out of memory", what);
  }
  loop->opts = *opts;
  loop->host = opts->clock == WASIO_CLOCK_VIRTUAL ? &wasio__host_virtual
                                                  : &WASIO__HOST_REAL;
  if (loop->host->open != NULL && loop->host->open(loop) != 0) {
    free(loop);
    free(cache);
    return wasio__set_error(WASIO_ENOMEM, "%s: out of memory", what);
  }
  loop->epoch = loop->host->now(loop);
  loop->stack_size = wasio__stack_round(opts->stack_size);
  loop->stack_cache = cache;
  loop->slow_ns = slow_ns;
  loop->slice_ns = slice_ns;
  loop->all.next_all = loop->all.prev_all = &loop->all;
  wasio__list_init(&loop->resources);
  wasio__list_init(&loop->group_errors);
  wasio__list_init(&loop->fd_waiters);
  loop->phase = WASIO__PHASE_NEW;
  *out = loop;
  return 0;
}

int wasio_loop_start(wasio_loop *loop, wasio_fn main, void *arg) {
  if (loop == NULL || main == NULL)
    return wasio__set_error(WASIO_EINVAL, "wasio_loop_start: %s is NULL",
                            loop == NULL ? "loop" : "main");
  if (loop->phase != WASIO__PHASE_NEW)
    return wasio__set_error(WASIO_ESTATE, "wasio_loop_start: the loop already "
                            "has a main task");
  wasio__task *t;
  int rc = wasio__task_spawn(loop, main, arg, "main", &t);
  if (rc != 0) return wasio__set_error(rc, "wasio_loop_start: out of memory");
  t->owned = 1;
  wasio__task_hold(t); /* the loop keeps main until it closes, even if
                          main releases its own handle */
  t->awaited = 1;
  loop->main = t;
  loop->phase = WASIO__PHASE_MAIN;
  for (int step = 1; step <= 3; step++) wasio__debug_step(loop, step);
  return 0;
}

/* ------------------------------------------------------------------ phases
 * A loop's life, owned here and nowhere else:
 *   NEW       created; no main task yet (wasio_loop_start or a run makes one)
 *   MAIN      running tasks until the main task is done (the implicit
 *             loop: until no task is left)
 *   SHUTDOWN  every task left was cancelled; running until they are done
 *   DONE      resources closed; the loop only waits to be freed
 *   CLOSING   being freed: nothing new may be scheduled on it
 * One loop runs on a thread at a time (wasio__running): loop_enter is the
 * only way in, and refuses a second one. */

int wasio__loop_enter(wasio_loop *loop, const char *what) {
  if (wasio__running == loop)
    return wasio__set_error(WASIO_ESTATE, "%s: the loop is running (this "
                            "call comes from one of its own tasks or "
                            "callbacks)", what);
  if (wasio__running != NULL)
    return wasio__set_error(WASIO_ENESTED, "%s: another event loop is "
                            "running on this thread (loops do not nest)",
                            what);
  wasio__running = loop;
  return 0;
}

void wasio__loop_leave(wasio_loop *loop) {
  (void)loop;
  wasio__running = NULL;
}

int wasio__loop_accepts(const wasio_loop *loop, const char *what) {
  if (loop->phase == WASIO__PHASE_CLOSING)
    return wasio__set_error(WASIO_ESTATE, "%s: the loop is closing; nothing "
                            "new can be scheduled on it", what);
  return 0;
}

void wasio__loop_cancel_all(wasio_loop *loop, const char *msg) {
  for (wasio__task *t = loop->all.next_all; t != &loop->all; t = t->next_all)
    wasio__cancel(t, msg);
}

/* After main: cancel every task still pending so its cleanup runs (step 4
 * of asyncio.run); the loop keeps stepping until they have all finished. */
static void begin_shutdown(wasio_loop *loop) {
  loop->phase = WASIO__PHASE_SHUTDOWN;
  wasio__debug(loop, "[4] main is done; cancelling %zu pending task%s and "
               "waiting for their cleanup", loop->live,
               loop->live == 1 ? "" : "s");
  wasio__loop_cancel_all(loop, NULL);
}

/* Step 5: the shutdown hooks. */
static void finish_shutdown(wasio_loop *loop) {
  wasio__close_resources(loop);
  loop->phase = WASIO__PHASE_DONE;
}

/* The phase an iteration leads to. */
static void advance_phase(wasio_loop *loop) {
  if (loop->phase == WASIO__PHASE_MAIN &&
      (loop->main != NULL ? loop->main->state == WASIO__TASK_DONE
                          : loop->implicit && loop->live == 0))
    begin_shutdown(loop);
  if (loop->phase == WASIO__PHASE_SHUTDOWN && loop->live == 0)
    finish_shutdown(loop);
}

int wasio_loop_step(wasio_loop *loop, double *delay) {
  if (loop == NULL)
    return wasio__set_error(WASIO_EINVAL, "wasio_loop_step: loop is NULL");
  if (loop->runner_owned)
    return wasio__set_error(WASIO_ESTATE, "wasio_loop_step: the loop "
                            "belongs to a Runner; wasio_runner_run drives it");
  if (loop->phase == WASIO__PHASE_NEW)
    return wasio__set_error(WASIO_ESTATE, "wasio_loop_step: no main task "
                            "(call wasio_loop_start first)");
  if (loop->phase >= WASIO__PHASE_DONE) {
    if (delay) *delay = -1;
    return 0;
  }
  int rc = wasio__loop_enter(loop, "wasio_loop_step");
  if (rc != 0) return rc;
  wasio__loop_iterate(loop);
  advance_phase(loop);
  wasio__loop_leave(loop);
  uint64_t ns = loop->phase == WASIO__PHASE_DONE ? WASIO__FOREVER
                                                 : wasio__loop_timeout(loop);
  if (delay) *delay = ns == WASIO__FOREVER ? -1 : (double)ns / 1e9;
  return loop->phase == WASIO__PHASE_DONE ? 0 : 1;
}

/* --------------------------------------------------------- blocking runs */

/* Every task waits and nothing can wake them (WASIO_EDEADLK), or the host
 * failed to wait (its message is set): cancel them all so their cleanup
 * runs. */
static void stop_all(wasio_loop *loop, int why) {
  if (why == WASIO_EDEADLK)
    wasio__debug(loop, "deadlock: every task is waiting and nothing is "
                 "scheduled; cancelling them all");
  else
    wasio__debug(loop, "the %s host cannot wait (%s: %s); cancelling every "
                 "task", loop->host->name, wasio_err_name(why),
                 wasio_error_message());
  wasio__loop_cancel_all(loop, NULL);
}

static const char interrupt_msg[] = "interrupted by Ctrl-C (SIGINT)";

/* Ctrl-C: the first one cancels main (every task, on the implicit loop)
 * so that cleanup runs; the host's handler makes the second one fatal. */
static void interrupt(wasio_loop *loop, wasio__task *main) {
  loop->interrupted = 0;
  wasio__debug(loop, "SIGINT: cancelling %s so that its cleanup runs",
               main ? "main" : "every task");
  if (main != NULL)
    wasio__cancel(main, interrupt_msg);
  else
    wasio__loop_cancel_all(loop, interrupt_msg);
}

/* Whether drive is done: a test, not a callback (a call through a pointer
 * of a task body's signature would count as one that may switch, for
 * scripts/asyncify-list.mjs). */
static int driven_enough(const wasio_loop *loop, const wasio__task *main) {
  return main ? main->state == WASIO__TASK_DONE : loop->live == 0;
}

int wasio__loop_drive(wasio_loop *loop, wasio__task *main, const char *what) {
  int rc = wasio__loop_enter(loop, what);
  if (rc != 0) return rc;
#if !defined(WASIO__WASM)
  int caught = wasio__sigint_install(loop) == 0; /* WASI has no signals */
#endif
  int stuck = 0, failure = 0;
  char host_message[256] = "";
  while (!driven_enough(loop, main)) {
    uint64_t timeout = wasio__loop_timeout(loop);
    if (timeout == WASIO__FOREVER && !wasio__loop_expects_events(loop))
      rc = WASIO_EDEADLK;
    else
      rc = timeout == 0 ? 0 : loop->host->wait(loop, timeout);
    if (rc != 0) {
      /* Nothing can wake the tasks, or the host cannot wait: cancel them
       * all so their cleanup runs; give up if that did not help. */
      if (rc != WASIO_EDEADLK)
        snprintf(host_message, sizeof host_message, "%s",
                 wasio_error_message());
      if (stuck++) break;
      stop_all(loop, rc);
      if (failure == 0 || rc != WASIO_EDEADLK) failure = rc;
      continue;
    }
    stuck = 0;
    if (loop->interrupted) {
      interrupt(loop, main);
      failure = WASIO_EINTR;
    }
    wasio__loop_iterate(loop);
  }
#if !defined(WASIO__WASM)
  if (caught) wasio__sigint_uninstall(loop);
#endif
  wasio__loop_leave(loop);
  if (host_message[0] && failure != WASIO_EINTR && failure != WASIO_EDEADLK)
    wasio__set_error_msg(failure, host_message);
  return failure;
}

int wasio__loop_shutdown(wasio_loop *loop, const char *what) {
  int failure = 0;
  if (loop->phase == WASIO__PHASE_MAIN) {
    int rc = wasio__loop_enter(loop, what);
    if (rc != 0) return rc;
    begin_shutdown(loop);
    wasio__loop_leave(loop);
  }
  if (loop->phase == WASIO__PHASE_SHUTDOWN) {
    failure = wasio__loop_drive(loop, NULL, what);
    if (failure == WASIO_ENESTED || failure == WASIO_ESTATE) return failure;
    if (wasio__loop_enter(loop, what) == 0) {
      finish_shutdown(loop);
      wasio__loop_leave(loop);
    }
  }
  return failure;
}

int wasio_loop_advance(wasio_loop *loop, double seconds) {
  const char *what = "wasio_loop_advance";
  uint64_t ns = 0;
  if (loop == NULL)
    return wasio__set_error(WASIO_EINVAL, "%s: loop is NULL", what);
  int rc = wasio__duration(seconds, &ns, what);
  if (rc != 0) return rc;
  if (ns == WASIO__FOREVER) return wasio__never(seconds, what);
  if (loop->host->advance == NULL)
    return wasio__set_error(WASIO_ENOTSUP, "%s: the loop runs on the real "
                            "clock", what);
  if (ns > WASIO__CLOCK_END - wasio__loop_time(loop))
    return wasio__never(seconds, what);
  loop->host->advance(loop, ns);
  return 0;
}

/* Cancels whatever is left and gives every task the steps it can take
 * without waiting: a loop closed before its run finished. */
static void drain(wasio_loop *loop) {
  if (loop->phase == WASIO__PHASE_MAIN && wasio__loop_enter(loop, "drain") == 0) {
    if (loop->main != NULL) wasio__cancel(loop->main, NULL);
    begin_shutdown(loop);
    wasio__loop_leave(loop);
  }
  double delay = 0;
  while (loop->phase != WASIO__PHASE_DONE && delay == 0)
    if (wasio_loop_step(loop, &delay) <= 0) break;
  if (loop->phase != WASIO__PHASE_DONE &&
      wasio__loop_enter(loop, "drain") == 0) {
    finish_shutdown(loop);
    wasio__loop_leave(loop);
  }
}

int wasio_loop_close(wasio_loop *loop, wasio_outcome *out) {
  if (loop == NULL)
    return wasio__set_error(WASIO_EINVAL, "wasio_loop_close: loop is NULL");
  if (loop->runner_owned)
    return wasio__set_error(WASIO_ESTATE, "wasio_loop_close: the loop "
                            "belongs to a Runner; wasio_runner_close closes "
                            "it");
  /* Freeing needs the loop as the running one (reports name it), so no
   * loop may be running: not this one, not another (a task of loop A
   * closing loop B would leave A without its running loop). A loop that
   * never started is only memory, and may go from anywhere. */
  if (loop->phase != WASIO__PHASE_NEW && wasio__running != NULL)
    return wasio__loop_enter(loop, "wasio_loop_close");
  if (loop->phase == WASIO__PHASE_MAIN || loop->phase == WASIO__PHASE_SHUTDOWN)
    drain(loop);
  int status = loop->main ? loop->main_outcome.status : WASIO_ESTATE;
  if (loop->implicit) status = 0;
  if (loop->main != NULL && loop->main->state != WASIO__TASK_DONE) {
    status = WASIO_ECANCELLED;
    wasio__outcome_set(&loop->main_outcome, status, NULL,
                       "main was still running when the loop closed");
  }
  if (out != NULL) {
    if (loop->main != NULL) *out = loop->main_outcome;
    else memset(out, 0, sizeof *out);
  }
  wasio__debug(loop, "[6] closing the loop");
  /* reports during the frees name this loop; what they try to schedule
   * is refused (CLOSING) */
  wasio_loop *outer = wasio__running;
  wasio__running = loop;
  loop->phase = WASIO__PHASE_CLOSING;
  wasio__task_free_all(loop);
  wasio__callbacks_free(loop);
  if (loop->implicit && loop->lost_errors > 0) status = WASIO_EFAIL;
  while (!wasio__list_empty(&loop->group_errors)) {
    wasio__list *node = wasio__list_first(&loop->group_errors);
    wasio__list_remove(node);
    free(node);
  }
  wasio__running = outer;
  for (size_t i = 0; i < loop->stack_cache_len; i++)
    wasio__stack_free(loop->stack_cache[i], loop->stack_size);
  free(loop->stack_cache);
  wasio__heap_free(&loop->timers);
  free(loop->aside);
  if (loop->host->close != NULL) loop->host->close(loop);
  free(loop);
  return status;
}
