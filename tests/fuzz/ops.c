/* The fuzz harness: bytes in, a program of loop operations out, run on the
 * virtual clock with the loop's invariants checked after every step.
 *
 * The first byte picks the entry (wasio_run, or a Runner with two mains);
 * the main task reads operations from the rest, and every task it creates
 * gets a script of its own cut from the same bytes. Operations cover what
 * a program can do to a loop: create, await, cancel, sleep, wait_for,
 * shield, gather, TaskGroup, timeout and shield scopes, a bounded queue,
 * a lock, an event, release. The invariants, checked as the trace hook
 * sees each task event and again when the run is over:
 *   - every task ends in exactly one of result / error / cancelled, once;
 *   - nothing happens to a task after it ended;
 *   - the clock never goes back, and a sleep that completes wakes exactly
 *     at its deadline (never early; the virtual clock is never late);
 *   - a task that failed with nobody retrieving its error is reported
 *     through the exception handler, once; nothing else is reported as a
 *     lost error;
 *   - when wasio_run returns, no task is left pending, and nothing of a
 *     task is left in the primitives that outlive the run (no waiter in
 *     the lock, the event or the queue; the lock is free);
 *   - every scope a task enters is exited (the scripts always exit theirs,
 *     so a task ending "inside N scopes it never exited" is a bug);
 *   - what wasio_loop_inspect shows at every switch adds up: the loop
 *     first with the counts of what follows, then the ready queue, the
 *     timers in deadline order, the tasks; every task in it was created
 *     and has not ended;
 *   - the memory is all given back (ASan's leak check, at exit).
 * A violation aborts, which libFuzzer and the replay both catch. */
#include "fuzz.h"

#include <stdarg.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 12
#define MAX_TASKS 256 /* trace ids tracked per run */
#define SCRIPT_MAX 24

unsigned long long fuzz_ops; /* operations executed, all inputs together */

static void violation(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void violation(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("fuzz: invariant broken: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  abort();
}

/* ------------------------------------------------------------ the input */
typedef struct stream {
  const uint8_t *p;
  size_t n, i;
} stream;

static int next(stream *s) {
  if (s->i >= s->n) return -1;
  fuzz_ops++;
  return s->p[s->i++];
}
static int operand(stream *s) { return s->i < s->n ? s->p[s->i++] : 0; }
/* 0, 1/8 s, ..., 7/8 s: few enough values that deadlines collide */
static double delay_of(int b) { return (b & 7) * 0.125; }

/* ------------------------------------------------------------ run state */
typedef struct task_record {
  int created, started, ended, reported;
  wasio_trace_kind end;
  char name[32];
} task_record;

typedef struct worker {
  uint8_t script[SCRIPT_MAX];
  size_t len;
  int index; /* its slot, or -1 for a TaskGroup child */
} worker;

static struct {
  task_record tasks[MAX_TASKS + 1];
  double last_time;
  wasio_task slot[SLOTS];
  uint32_t slot_id[SLOTS];     /* the trace id of the slot's task */
  int touched[MAX_TASKS + 1];  /* by id: handed to something that
                                  retrieves an error */
  uint32_t last_created;
  worker workers[SLOTS + 3];
  wasio_queue queue;
  wasio_lock lock;
  wasio_event event;
  int reports;
} w;

static int verbose = -1; /* FUZZ_VERBOSE=1: print every event */

/* wasio_loop_inspect's picture, checked item by item. */
typedef struct picture {
  wasio_inspect_item loop;
  int last_kind; /* the kinds come in order: loop, ready, timers, tasks */
  size_t ready, timers, tasks;
  double last_deadline;
} picture;

static int part_of(wasio_inspect_kind kind) {
  if (kind == WASIO_INSPECT_LOOP) return 0;
  if (kind <= WASIO_INSPECT_READY_CALLBACK) return 1;
  return kind == WASIO_INSPECT_TASK ? 3 : 2;
}

static void check_known(const wasio_inspect_item *it) {
  if (it->task_id == 0 || it->task_id > MAX_TASKS) return;
  const task_record *r = &w.tasks[it->task_id];
  if (!r->created || r->ended || strcmp(r->name, it->name) != 0)
    violation("inspect: %s item for task %s (id %u), which %s",
              wasio_inspect_kind_name(it->kind), it->name,
              (unsigned)it->task_id,
              !r->created ? "was never created"
              : r->ended  ? "has ended" : "has another name");
}

static int check_item(const wasio_inspect_item *it, void *arg) {
  picture *p = arg;
  int part = part_of(it->kind);
  if (part < p->last_kind || (part == 0) != (p->last_kind == -1))
    violation("inspect: a %s item out of order",
              wasio_inspect_kind_name(it->kind));
  p->last_kind = part;
  if (part == 0) p->loop = *it;
  if (part == 1) p->ready++;
  if (part == 3) p->tasks++;
  if (part == 2) {
    if (p->timers++ > 0 && it->time < p->last_deadline)
      violation("inspect: a timer at %.9f listed after one at %.9f",
                it->time, p->last_deadline);
    p->last_deadline = it->time;
  }
  if (part != 0 && it->kind != WASIO_INSPECT_READY_CALLBACK &&
      it->kind != WASIO_INSPECT_CALL_LATER)
    check_known(it);
  return 0;
}

static void check_picture(void) {
  wasio_loop *loop;
  if (wasio_get_running_loop(&loop) != 0) return;
  picture p = {.last_kind = -1};
  int rc = wasio_loop_inspect(loop, check_item, &p);
  if (rc != 0) violation("inspect failed: %s", wasio_err_name(rc));
  if (p.loop.ready != p.ready || p.loop.timers != p.timers ||
      p.loop.tasks != p.tasks)
    violation("inspect: counts %zu/%zu/%zu, items %zu/%zu/%zu",
              p.loop.ready, p.loop.timers, p.loop.tasks, p.ready, p.timers,
              p.tasks);
}

static void on_trace(const wasio_trace_event *ev, void *unused) {
  (void)unused;
  if (verbose)
    fprintf(stderr, "[%.3f] %s %s %s %s\n", ev->time, ev->task,
            wasio_trace_kind_name(ev->kind), ev->detail,
            ev->status ? wasio_err_name(ev->status) : "");
  if (ev->time < w.last_time)
    violation("the clock went back: %.9f after %.9f", ev->time, w.last_time);
  w.last_time = ev->time;
  if (ev->task_id == 0 || ev->task_id > MAX_TASKS) return;
  task_record *r = &w.tasks[ev->task_id];
  if (r->ended)
    violation("task %s: event '%s' after it ended", ev->task,
              wasio_trace_kind_name(ev->kind));
  switch (ev->kind) {
  case WASIO_TRACE_CREATED:
    if (r->created) violation("task %s created twice", ev->task);
    r->created = 1;
    w.last_created = ev->task_id;
    snprintf(r->name, sizeof r->name, "%s", ev->task);
    break;
  case WASIO_TRACE_STARTED:
    if (!r->created || r->started)
      violation("task %s started twice or before it was created", ev->task);
    r->started = 1;
    break;
  case WASIO_TRACE_RESUMED:
    if (!r->started) violation("task %s resumed before it started", ev->task);
    check_picture();
    break;
  case WASIO_TRACE_WAITING:
    check_picture();
    break;
  case WASIO_TRACE_RENAMED: /* the reports name it by its new name */
    snprintf(r->name, sizeof r->name, "%s", ev->task);
    break;
  case WASIO_TRACE_DONE:
  case WASIO_TRACE_ERROR:
  case WASIO_TRACE_CANCELLED:
    if (!r->created) violation("task %s ended before it was created", ev->task);
    if (ev->kind == WASIO_TRACE_ERROR && strstr(ev->detail, "never exited"))
      violation("task %s: %s", ev->task, ev->detail);
    r->ended = 1;
    r->end = ev->kind;
    break;
  default:
    break;
  }
}

static void on_exception(wasio_loop *loop, const wasio_exception_context *ctx,
                         void *unused) {
  (void)loop;
  (void)unused;
  if (verbose)
    fprintf(stderr, "exception handler: %s: %s (%s)\n",
            ctx->task ? ctx->task : "-", ctx->message,
            ctx->error ? ctx->error : "");
  if (strstr(ctx->message, "dropped") != NULL)
    violation("%s: %s", ctx->task ? ctx->task : "?", ctx->message);
  if (ctx->task == NULL || strcmp(ctx->message, "task exception was never retrieved") != 0)
    return;
  for (size_t id = 1; id <= MAX_TASKS; id++) {
    task_record *r = &w.tasks[id];
    if (r->created && strcmp(r->name, ctx->task) == 0) {
      if (r->end != WASIO_TRACE_ERROR || !r->ended)
        violation("task %s reported as a lost error but it did not fail",
                  ctx->task);
      if (r->reported++) violation("task %s reported twice", ctx->task);
      w.reports++;
      return;
    }
  }
}

/* ------------------------------------------------------------ workers */
static void touch(int k) {
  if (w.slot_id[k] <= MAX_TASKS) w.touched[w.slot_id[k]] = 1;
}

static int checked_sleep(double d) {
  double start = wasio_now();
  int rc = wasio_sleep(d);
  if (rc == 0 && fabs(wasio_now() - (start + d)) > 1e-9)
    violation("sleep(%g) from %.9f woke at %.9f", d, start, wasio_now());
  return rc;
}

static int worker_main(void *arg, void **result) {
  worker *me = arg;
  stream s = {me->script, me->len, 0};
  int op, rc = 0;
  while ((op = next(&s)) >= 0) {
    int a = operand(&s);
    switch (op % 12) {
    case 0: rc = checked_sleep(delay_of(a)); break;
    case 1:
      rc = wasio_lock_acquire(&w.lock);
      if (rc == 0) {
        rc = checked_sleep(delay_of(a));
        int rr = wasio_lock_release(&w.lock);
        if (rr != 0) violation("releasing a held lock: %s", wasio_err_name(rr));
      }
      break;
    case 2: rc = wasio_queue_put(&w.queue, (void *)(uintptr_t)(a + 1)); break;
    case 3: {
      void *item = NULL;
      rc = wasio_queue_get(&w.queue, &item);
      if (rc == 0 && item == NULL) violation("queue_get gave a NULL item");
      break;
    }
    case 4: rc = wasio_event_wait(&w.event); break;
    case 5: wasio_event_set(&w.event); break;
    case 6: return wasio_fail(WASIO_EUSER - (a & 3), "worker failed (%d)", a);
    case 7: *result = me; return 0;
    case 8: {
      int k = a % SLOTS;
      touch(k);
      rc = wasio_await(w.slot[k], NULL);
      break;
    }
    case 9: {
      wasio_scope sc;
      rc = wasio_timeout_enter(&sc, delay_of(a));
      if (rc == 0) rc = wasio_timeout_exit(&sc, checked_sleep(delay_of(a >> 3)));
      break;
    }
    case 10: {
      wasio_scope sc;
      rc = wasio_shield_enter(&sc);
      if (rc == 0) rc = wasio_scope_exit(&sc, checked_sleep(delay_of(a)));
      break;
    }
    default: wasio_cancel(w.slot[a % SLOTS]); break;
    }
    if (rc == WASIO_ECANCELLED) return rc; /* as a coroutine would */
  }
  return rc < 0 && rc != WASIO_ETIMEDOUT && rc != WASIO_ESHUTDOWN ? rc : 0;
}

/* A worker's script: a length byte, then that many bytes of the input. */
static worker *script(stream *s, int index) {
  static size_t rr;
  worker *wk = &w.workers[index >= 0 ? (size_t)index : SLOTS + rr++ % 3];
  size_t len = (size_t)operand(s) % SCRIPT_MAX;
  if (len > s->n - s->i) len = s->n - s->i;
  memcpy(wk->script, s->p + s->i, len);
  s->i += len;
  wk->len = len;
  wk->index = index;
  return wk;
}

/* ------------------------------------------------------------ main */
static int live_slots(wasio_task *out) {
  int n = 0;
  for (int k = 0; k < SLOTS; k++)
    if (w.slot[k].slot != 0) out[n++] = w.slot[k];
  return n;
}

static int main_task(void *arg, void **result) {
  stream *s = arg;
  int op;
  (void)result;
  while ((op = next(s)) >= 0) {
    int a = operand(s), k = a % SLOTS, rc = 0;
    switch (op % 15) {
    case 0:
    case 1: /* create, the most common thing a program does */
      if (w.slot[k].slot == 0) {
        worker *wk = script(s, k);
        rc = wasio_create_task(&w.slot[k], worker_main, wk);
        if (rc != 0) violation("create_task: %s", wasio_err_name(rc));
        w.slot_id[k] = w.last_created;
      }
      break;
    case 2: touch(k); rc = wasio_await(w.slot[k], NULL); break;
    case 3: wasio_cancel(w.slot[k]); break;
    case 4: rc = checked_sleep(delay_of(a)); break;
    case 5: touch(k); rc = wasio_wait_for(w.slot[k], delay_of(a >> 4), NULL); break;
    case 6: touch(k); rc = wasio_shield(w.slot[k], NULL); break;
    case 7: {
      wasio_task all[SLOTS];
      int n = live_slots(all);
      for (int j = 0; j < SLOTS; j++) if (w.slot[j].slot) touch(j);
      if (a & 1) {
        wasio_outcome outs[SLOTS];
        rc = wasio_gather_outcomes(all, (size_t)n, outs);
      } else {
        rc = wasio_gather(all, (size_t)n, NULL);
      }
      break;
    }
    case 8: {
      wasio_taskgroup tg;
      rc = wasio_taskgroup_enter(&tg);
      if (rc != 0) break;
      for (int c = 0; c <= (a & 1) + 1; c++) {
        wasio_taskgroup_spawn(&tg, NULL, worker_main, script(s, -1));
        if (w.last_created <= MAX_TASKS) w.touched[w.last_created] = 1;
      }
      rc = wasio_taskgroup_exit(&tg, checked_sleep(delay_of(a >> 2)));
      break;
    }
    case 9:
      if (a & 1) rc = wasio_queue_put_nowait(&w.queue, (void *)(uintptr_t)1);
      else {
        void *item;
        rc = wasio_queue_get_nowait(&w.queue, &item);
      }
      if (rc == WASIO_EFULL || rc == WASIO_EEMPTY) rc = 0;
      break;
    case 10: (a & 1) ? wasio_event_set(&w.event) : wasio_event_clear(&w.event); break;
    case 11:
      if (w.slot[k].slot != 0) {
        if (wasio_task_release(w.slot[k]) != 0) violation("release failed");
        w.slot[k].slot = 0;
      }
      break;
    case 12: {
      wasio_scope sc;
      rc = wasio_timeout_enter(&sc, delay_of(a >> 4));
      touch(k);
      if (rc == 0) rc = wasio_timeout_exit(&sc, wasio_await(w.slot[k], NULL));
      break;
    }
    case 13:
      rc = wasio_lock_acquire(&w.lock);
      if (rc == 0) {
        rc = checked_sleep(delay_of(a));
        wasio_lock_release(&w.lock);
      }
      break;
    default:
      if (w.slot[k].slot != 0) {
        wasio_outcome out;
        touch(k);
        wasio_task_outcome(w.slot[k], &out);
      }
      break;
    }
    if (verbose)
      fprintf(stderr, "main: op %d (%d) -> %s\n", op % 15, a,
              rc ? wasio_err_name(rc) : "ok");
    if (rc == WASIO_ECANCELLED && wasio_task_cancelling(wasio_current_task()) > 0)
      return rc;
  }
  return 0;
}

/* Lost errors: every task that failed, that the program never handed to
 * anything that retrieves an error, must have been reported. Tasks created
 * by the program are traced as ids 2.. in creation order; the slots record
 * which of them were touched. */
static int has_waiters(const wasio__list *head) { return head->next != head; }

static void check_end(void) {
  if (has_waiters(&w.lock._waiters) || wasio_lock_locked(&w.lock))
    violation("the lock outlived the run held or with a waiter");
  if (has_waiters(&w.event._waiters))
    violation("the event outlived the run with a waiter");
  if (has_waiters(&w.queue._getters) || has_waiters(&w.queue._putters) ||
      has_waiters(&w.queue._joiners))
    violation("the queue outlived the run with a waiter");
  for (size_t id = 1; id <= MAX_TASKS; id++) {
    task_record *r = &w.tasks[id];
    if (r->created && !r->ended)
      violation("task %s still pending after the run", r->name);
    if (r->ended && r->end == WASIO_TRACE_ERROR && !w.touched[id] &&
        !r->reported && strcmp(r->name, "main") != 0)
      violation("task %s (id %zu) failed, nobody retrieved its error, and "
                "it was never reported", r->name, id);
  }
}

static void reset(void) {
  memset(&w, 0, sizeof w);
  wasio_queue_init(&w.queue, WASIO_QUEUE_FIFO, 2);
  wasio_lock_init(&w.lock);
  wasio_event_init(&w.event);
}

static int install_handler(void *arg, void **result) {
  stream *s = arg;
  wasio_loop *loop;
  wasio_get_running_loop(&loop);
  wasio_loop_set_exception_handler(loop, on_exception, NULL);
  return main_task(s, result);
}

int fuzz_one(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  if (verbose < 0) verbose = getenv("FUZZ_VERBOSE") != NULL;
  reset();
  wasio_run_opts opts = {0};
  opts.clock = WASIO_CLOCK_VIRTUAL;
  opts.trace = on_trace;
  stream s = {data, size, 1};
  wasio_outcome out;
  if ((data[0] & 1) == 0) {
    int rc = wasio_run(install_handler, &s, &opts, &out);
    if (rc > 0) violation("wasio_run returned %d", rc);
  } else {
    wasio_runner r;
    if (wasio_runner_init(&r, &opts) != 0) violation("runner_init failed");
    wasio_runner_run(&r, install_handler, &s, NULL, &out);
    /* a second main on the same loop: the first one's leftovers are there */
    memset(w.slot, 0, sizeof w.slot);
    memset(w.slot_id, 0, sizeof w.slot_id);
    wasio_runner_run(&r, install_handler, &s, NULL, &out);
    if (wasio_runner_close(&r) != 0) violation("runner_close failed");
    if (wasio_runner_close(&r) != 0) violation("a second runner_close failed");
    if (wasio_runner_run(&r, install_handler, &s, NULL, &out) != WASIO_ECLOSED)
      violation("runner_run after close did not return WASIO_ECLOSED");
  }
  check_end();
  wasio_queue_destroy(&w.queue);
  return 0;
}
