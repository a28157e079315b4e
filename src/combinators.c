/* Waiting on tasks: await, gather (both ways), shield, wait_for, wait,
 * as_completed. TaskGroup is in taskgroup.c.
 *
 * One routine serves the first six: the caller puts a node on each task
 * still running and suspends until its condition holds. A node lives in
 * the caller's memory, which stays put while the caller is suspended, and
 * copies the task's outcome when the task completes, so a task may be
 * freed right after. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
  UNTIL_ALL,         /* every task done */
  UNTIL_FAILURE,     /* every task done, or one failed (cancelled counts) */
  UNTIL_FIRST,       /* one task done */
  UNTIL_EXCEPTION    /* every task done, or one failed with an error */
};

typedef struct watch_opts {
  const char *verb;   /* what a trace says it waits with: "await", ... */
  int until;
  int raise;          /* return the first failure's status and message */
  int cancel_targets; /* caller cancelled: cancel the tasks, wait for them */
  uint64_t deadline;  /* the timers' clock, ns; WASIO__FOREVER: none */
  void **results;
  wasio_outcome *outcomes;
} watch_opts;

typedef struct watch {
  wasio__task *self;
  const watch_opts *o;
  size_t pending, ndone;
  int failed;    /* status of the first task to fail */
  int excepted;  /* a task failed with an error (not a cancellation) */
  char *message; /* the first failure's message (owned) */
} watch;

typedef struct watch_node {
  wasio__waiter w;
  watch *st;
  wasio__task *task; /* handle i, resolved once: alive while not done */
  size_t index;
  int done;
} watch_node;

static int satisfied(const watch *st) {
  switch (st->o->until) {
    case UNTIL_ALL: return st->pending == 0;
    case UNTIL_FAILURE: return st->pending == 0 || st->failed != 0;
    case UNTIL_FIRST: return st->ndone > 0;
    default: return st->pending == 0 || st->excepted;
  }
}

static void record(watch *st, size_t index, wasio__task *done) {
  const watch_opts *o = st->o;
  if (o->results) o->results[index] = done->status == 0 ? done->result : NULL;
  if (o->outcomes) wasio__outcome_fill(done, &o->outcomes[index]);
  done->awaited = 1;
  if (o->raise || o->outcomes) done->retrieved = 1;
  st->ndone++;
  if (done->status < 0 && st->failed == 0) {
    st->failed = done->status;
    st->message = wasio__strdup(done->message ? done->message
                                              : wasio_strerror(done->status));
  }
  if (done->status < 0 && done->status != WASIO_ECANCELLED) st->excepted = 1;
}

static void watch_notify(wasio__waiter *w, wasio__task *done) {
  watch_node *node = (watch_node *)w;
  watch *st = node->st;
  node->done = 1;
  st->pending--;
  record(st, node->index, done);
  if (satisfied(st)) wasio__wake(st->self, 0);
}

static void watch_timeout(wasio__timer *timer) {
  wasio__wake(WASIO__CONTAINER(timer, wasio__task, timer), WASIO_ETIMEDOUT);
}

static int propagate(int status, const char *message) {
  return wasio__set_error_msg(status, message ? message
                                              : wasio_strerror(status));
}

static wasio__task *target(const wasio_task *hs, size_t i) {
  int err;
  return wasio__task_get(hs[i], &err);
}

/* With nodes, resolves every handle into nodes[i].task, once a call. */
static int check_targets(const char *what, wasio__task *self,
                         const wasio_task *hs, size_t n, watch_node *nodes) {
  if (n > 0 && hs == NULL)
    return wasio__set_error(WASIO_EINVAL, "%s: tasks is NULL", what);
  for (size_t i = 0; i < n; i++) {
    int err;
    wasio__task *t = wasio__task_get(hs[i], &err);
    if (t == NULL) return err;
    if (nodes != NULL) nodes[i].task = t;
    if (t == self)
      return wasio__set_error(WASIO_ESELF, "%s: %s cannot await itself", what,
                              wasio__task_name(self));
    if (t->loop != self->loop)
      return wasio__set_error(WASIO_EINVAL, "%s: %s belongs to another loop",
                              what, wasio__task_name(t));
  }
  return 0;
}

/* Whether `from` waits, directly or through tasks it waits for, on `goal`.
 * Depth-first over what each waiting task watches; every task is visited
 * once per search. */
static int waits_on(wasio__task *from, wasio__task *goal, uint32_t mark,
                    int depth) {
  if (from == goal) return 1;
  if (from->visit == mark || from->watching == NULL || depth > 10000) return 0;
  from->visit = mark;
  for (size_t i = 0; i < from->nwatching; i++) {
    wasio__task *t = target(from->watching, i);
    if (t != NULL && t->state != WASIO__TASK_DONE &&
        waits_on(t, goal, mark, depth + 1))
      return 1;
  }
  return 0;
}

/* A task that waits for the caller would never finish while the caller
 * waits for it: asyncio hangs there; here the await fails at once. */
static int check_cycles(const char *what, wasio__task *self,
                        const wasio_task *hs, const watch_node *nodes,
                        size_t n) {
  uint32_t mark = ++self->loop->visit;
  for (size_t i = 0; i < n; i++) {
    wasio__task *t = nodes ? nodes[i].task : target(hs, i);
    if (t->state != WASIO__TASK_DONE && t->watching != NULL &&
        waits_on(t, self, mark, 0))
      return wasio__set_error(WASIO_EDEADLK, "%s: %s already waits for %s; "
                              "waiting for it would never end", what,
                              wasio__task_name(t), wasio__task_name(self));
  }
  return 0;
}

/* A timeout of wait or as_completed as a deadline: < 0 is none, as is one
 * past WASIO_TIME_MAX. Outside a task there is none to compute (the call
 * fails with WASIO_ENOLOOP after). */
static int timeout_deadline(double timeout, uint64_t *deadline,
                            const char *what) {
  *deadline = WASIO__FOREVER;
  if (timeout < 0 || wasio__running == NULL) return 0;
  return wasio__after(wasio__running, timeout, deadline, what);
}

/* The caller's wait or as_completed gives up at `deadline`: its own timer
 * wakes it with WASIO_ETIMEDOUT. */
static void arm_time_limit(wasio__task *self, uint64_t deadline) {
  self->timer.fire = watch_timeout;
  self->timer.kind = WASIO__TIMER_WAIT;
  wasio__timer_arm(self->loop, &self->timer, deadline);
}

/* watch_tasks' wait, with its nodes. */
static int watch_wait(const char *what, wasio__task *self,
                      const wasio_task *hs, size_t n, watch_node *nodes,
                      watch *st) {
  const watch_opts *o = st->o;
  int err;
  if ((err = check_targets(what, self, hs, n, nodes)) != 0) return err;
  if ((err = check_cycles(what, self, hs, nodes, n)) != 0) return err;

  size_t pending = 0;
  for (size_t i = 0; i < n; i++)
    if (nodes[i].task->state != WASIO__TASK_DONE) pending++;
  /* Cancelled, with nothing to cancel in turn: an await point that fails
   * (after yielding once). With tasks to cancel, the wait below does. */
  if (wasio__cancelled(self) && (!o->cancel_targets || pending == 0)) {
    int rc = wasio__checkpoint(self);
    if (rc != 0) return rc;
    /* the cancellation was taken back while it yielded: start again */
    if ((err = check_targets(what, self, hs, n, nodes)) != 0) return err;
  }

  for (size_t i = 0; i < n; i++) {
    wasio__task *t = nodes[i].task;
    if (t->state == WASIO__TASK_DONE)
      record(st, i, t);
    else
      st->pending++;
  }
  int cancelled = wasio__cancelled(self);
  if (!cancelled && ((o->raise && st->failed != 0) || satisfied(st)))
    return o->raise && st->failed ? propagate(st->failed, st->message)
                                  : (o->raise ? 0 : (int)st->ndone);

  for (size_t i = 0; i < n; i++) {
    watch_node *node = &nodes[i];
    node->st = st;
    node->index = i;
    node->w.node.next = node->w.node.prev = NULL;
    node->w.notify = watch_notify;
    node->done = node->task->state == WASIO__TASK_DONE;
    if (!node->done) wasio__waiter_add(node->task, &node->w);
  }
  if (cancelled) /* cancelled on entry: as if it came while waiting */
    for (size_t i = 0; i < n; i++)
      if (!nodes[i].done) wasio__cancel(nodes[i].task, NULL);
  if (o->deadline != WASIO__FOREVER && !cancelled) {
    arm_time_limit(self, o->deadline);
  }
  self->watching = hs;
  self->nwatching = n;
  while (cancelled ? st->pending > 0 : !satisfied(st)) {
    if (WASIO__TRACING(self->loop)) {
      if (n == 1)
        wasio__waiting_on(self, "%s %s", o->verb,
                          wasio__task_name(nodes[0].task));
      else
        wasio__waiting_on(self, "%s %zu tasks", o->verb, n);
    }
    self->on_cancel = cancelled ? NULL : wasio__stay;
    int rc = wasio__suspend();
    if (rc == WASIO_ETIMEDOUT) break; /* it reports what is done, as asyncio */
    if (rc == WASIO_ECANCELLED && !cancelled) {
      cancelled = 1;
      if (!o->cancel_targets) break;
      /* Cancelling the waiter cancels what it waits for (asyncio does the
       * same), then waits for them to finish. */
      for (size_t i = 0; i < n; i++)
        if (!nodes[i].done) wasio__cancel(nodes[i].task, NULL);
    }
  }
  self->watching = NULL;
  self->nwatching = 0;
  wasio__timer_disarm(self->loop, &self->timer);
  for (size_t i = 0; i < n; i++) wasio__waiter_remove(&nodes[i].w);

  if (cancelled) return wasio__cancelled_error(self);
  if (o->raise) return st->failed != 0 ? propagate(st->failed, st->message) : 0;
  return (int)st->ndone;
}

/* Returns the status (raise) or how many tasks are done. */
static int watch_tasks(const char *what, const wasio_task *hs, size_t n,
                       const watch_opts *o) {
  int err;
  wasio__task *self = wasio__need_task(what, &err);
  if (self == NULL) return err;
  if (n > 0 && hs == NULL)
    return wasio__set_error(WASIO_EINVAL, "%s: tasks is NULL", what);
  watch_node local[4];
  watch_node *nodes = n <= 4 ? local : malloc(n * sizeof *nodes);
  if (nodes == NULL)
    return wasio__set_error(WASIO_ENOMEM, "%s: out of memory", what);
  watch st = {self, o, 0, 0, 0, 0, NULL};
  int status = watch_wait(what, self, hs, n, nodes, &st);
  if (nodes != local) free(nodes);
  free(st.message);
  return status;
}

static int await_tasks(const char *what, const char *verb,
                       const wasio_task *hs, size_t n,
                       void **results, int shield) {
  watch_opts o = {verb, UNTIL_FAILURE, 1, !shield, WASIO__FOREVER, results,
                  NULL};
  if (results != NULL)
    for (size_t i = 0; i < n; i++) results[i] = NULL;
  return watch_tasks(what, hs, n, &o);
}

int wasio_await(wasio_task t, void **result) {
  return await_tasks("wasio_await", "await", &t, 1, result, 0);
}

/* A step task's await of one task: the same checks and outcome as
 * wasio_await's, the node in the step's part of the record. */
static void step_await_copy(wasio__step *s, wasio__task *done) {
  done->awaited = done->retrieved = 1;
  s->awaited_status = done->status;
  s->awaited_result = done->status == 0 ? done->result : NULL;
  free(s->awaited_message);
  s->awaited_message = done->status == 0 ? NULL
                       : wasio__strdup(done->message ? done->message
                                       : wasio_strerror(done->status));
}

static void step_await_notify(wasio__waiter *w, wasio__task *done) {
  wasio__step *s = WASIO__CONTAINER(w, wasio__step, waiter);
  step_await_copy(s, done);
  wasio__wake(WASIO__STEP_TASK(s), 0);
}

/* The outcome, as wasio_await returns it. */
static int step_await_outcome(wasio__task *self) {
  wasio__step *s = WASIO__TASK_STEP(self);
  s->pub.result = s->awaited_result;
  if (s->awaited_status == 0) return 0;
  return propagate(s->awaited_status, s->awaited_message);
}

int wasio__step_await_finish(wasio__task *self, int rc) {
  wasio__step *s = WASIO__TASK_STEP(self);
  if (rc == WASIO_ECANCELLED && s->waiter.node.next != NULL) {
    /* cancelled while it waited: the awaited task is cancelled too, and
     * the await ends once it has finished */
    s->cancelled_await = 1;
    int err;
    wasio__task *t = wasio__task_get(s->awaited, &err);
    if (t != NULL) wasio__cancel(t, NULL);
    return wasio__step_wait(self, WASIO__FINISH_AWAIT); /* not cancellable */
  }
  wasio__waiter_remove(&s->waiter);
  self->watching = NULL;
  self->nwatching = 0;
  if (rc != 0 || s->cancelled_await) return wasio__cancelled_error(self);
  return step_await_outcome(self);
}

static int step_await_request(wasio__task *self) {
  wasio__step *s = WASIO__TASK_STEP(self);
  int err;
  s->cancelled_await = 0;
  s->pub.result = NULL;
  wasio__task *t = wasio__task_get(s->awaited, &err);
  if (t == NULL) return err; /* freed while the caller yielded */
  if (t->state == WASIO__TASK_DONE) {
    step_await_copy(s, t);
    return step_await_outcome(self);
  }
  s->waiter.notify = step_await_notify;
  wasio__waiter_add(t, &s->waiter);
  self->watching = &s->awaited;
  self->nwatching = 1;
  self->on_cancel = wasio__stay;
  wasio__waiting_on(self, "await %s", wasio__task_name(t));
  return wasio__step_wait(self, WASIO__FINISH_AWAIT);
}

int wasio_step_await(wasio_step *ps, wasio_task h) {
  const char *what = "wasio_step_await";
  int err;
  wasio__task *self = wasio__step_arming(ps, what, &err);
  if (self == NULL) return err;
  if ((err = check_targets(what, self, &h, 1, NULL)) != 0) return err;
  if ((err = check_cycles(what, self, &h, NULL, 1)) != 0) return err;
  WASIO__TASK_STEP(self)->awaited = h;
  WASIO__TASK_STEP(self)->request = step_await_request;
  return WASIO_PENDING;
}

/* asyncio.wait_for: a timeout scope around an await. The await cancels the
 * task when the scope does, and waits for it, as asyncio does. */
int wasio_wait_for(wasio_task h, double seconds, void **result) {
  wasio_scope s;
  int rc = wasio__timeout_enter(&s, seconds, "wasio_wait_for");
  if (rc != 0) return rc;
  rc = await_tasks("wasio_wait_for", "wait_for", &h, 1, result, 0);
  return wasio_scope_exit(&s, rc);
}

int wasio_shield(wasio_task h, void **result) {
  return await_tasks("wasio_shield", "shield", &h, 1, result, 1);
}

int wasio_gather(const wasio_task *tasks, size_t n, void **results) {
  return await_tasks("wasio_gather", "gather", tasks, n, results, 0);
}

int wasio_gather_outcomes(const wasio_task *tasks, size_t n,
                          wasio_outcome *outcomes) {
  if (n > 0 && outcomes == NULL)
    return wasio__set_error(WASIO_EINVAL, "wasio_gather_outcomes: outcomes "
                            "is NULL");
  watch_opts o = {"gather_outcomes", UNTIL_ALL, 0, 1, WASIO__FOREVER, NULL,
                  outcomes};
  int rc = watch_tasks("wasio_gather_outcomes", tasks, n, &o);
  return rc < 0 ? rc : 0;
}

int wasio_wait(const wasio_task *tasks, size_t n, wasio_wait_mode mode,
               double timeout) {
  static const int until[] = {UNTIL_FIRST, UNTIL_EXCEPTION, UNTIL_ALL};
  if ((int)mode < 0 || mode > WASIO_ALL_COMPLETED)
    return wasio__set_error(WASIO_EINVAL, "wasio_wait: unknown mode %d",
                            (int)mode);
  if (n == 0 || tasks == NULL)
    return wasio__set_error(WASIO_EINVAL, "wasio_wait: no tasks to wait for "
                            "(asyncio.wait refuses an empty set too)");
  uint64_t deadline;
  int rc = timeout_deadline(timeout, &deadline, "wasio_wait");
  if (rc != 0) return rc;
  watch_opts o = {"wait", until[mode], 0, 0, deadline, NULL, NULL};
  return watch_tasks("wasio_wait", tasks, n, &o);
}

/* ------------------------------------------------------------ as_completed */

typedef struct ac_state {
  wasio__task *self;
  size_t n, produced, finished;
  int waiting;
  uint64_t deadline; /* the timers' clock, ns; FOREVER: none */
  size_t *order;     /* indices in completion order */
  wasio_task *tasks;
  watch_node *nodes;
} ac_state;

static void ac_finished(ac_state *ac, size_t index) {
  ac->order[ac->finished++] = index;
}

static void ac_notify(wasio__waiter *w, wasio__task *done) {
  watch_node *node = (watch_node *)w;
  ac_state *ac = (ac_state *)node->st;
  node->done = 1;
  done->awaited = 1;
  ac_finished(ac, node->index);
  if (ac->waiting) wasio__wake(ac->self, 0);
}

int wasio_as_completed_init(wasio_as_completed *out, const wasio_task *tasks,
                            size_t n, double timeout) {
  int err;
  const char *what = "wasio_as_completed_init";
  if (out == NULL) return wasio__set_error(WASIO_EINVAL, "%s: ac is NULL", what);
  out->_state = NULL;
  wasio__task *self = wasio__need_task(what, &err);
  if (self == NULL) return err;
  if ((err = check_targets(what, self, tasks, n, NULL)) != 0) return err;
  uint64_t deadline;
  if ((err = timeout_deadline(timeout, &deadline, what)) != 0) return err;
  ac_state *ac = calloc(1, sizeof *ac);
  size_t m = n ? n : 1;
  if (ac != NULL) {
    ac->order = malloc(m * sizeof *ac->order);
    ac->tasks = malloc(m * sizeof *ac->tasks);
    ac->nodes = malloc(m * sizeof *ac->nodes);
  }
  if (ac == NULL || !ac->order || !ac->tasks || !ac->nodes) {
    if (ac) {
      free(ac->order);
      free(ac->tasks);
      free(ac->nodes);
    }
    free(ac);
    return wasio__set_error(WASIO_ENOMEM, "%s: out of memory", what);
  }
  ac->self = self;
  ac->n = n;
  ac->deadline = deadline;
  for (size_t i = 0; i < n; i++) {
    wasio__task *t = target(tasks, i);
    watch_node *node = &ac->nodes[i];
    ac->tasks[i] = tasks[i];
    node->st = (watch *)(void *)ac;
    node->index = i;
    node->w.node.next = node->w.node.prev = NULL;
    node->w.notify = ac_notify;
    node->done = t->state == WASIO__TASK_DONE;
    if (node->done) {
      t->awaited = 1;
      ac_finished(ac, i);
    } else {
      wasio__waiter_add(t, &node->w);
    }
  }
  out->_state = ac;
  return 0;
}

int wasio_as_completed_next(wasio_as_completed *out, wasio_task *task) {
  const char *what = "wasio_as_completed_next";
  ac_state *ac = out ? out->_state : NULL;
  if (ac == NULL)
    return wasio__set_error(WASIO_EINVAL, "%s: not initialised", what);
  if (ac->self != wasio__current())
    return wasio__set_error(WASIO_EINVAL, "%s: used from another task", what);
  if (ac->produced == ac->n) return 0;
  wasio__task *self = ac->self;
  int rc = wasio__checkpoint(self);
  if (rc != 0) return rc;
  if (ac->produced == ac->finished) {
    if (ac->deadline != WASIO__FOREVER) {
      if (wasio__loop_clock(self->loop) >= ac->deadline)
        return wasio__set_error(WASIO_ETIMEDOUT, "%s: timed out", what);
      arm_time_limit(self, ac->deadline);
    }
    self->on_cancel = wasio__stay;
    wasio__waiting_on(self, "as_completed");
    ac->waiting = 1;
    rc = wasio__suspend();
    ac->waiting = 0;
    wasio__timer_disarm(self->loop, &self->timer);
    if (ac->produced == ac->finished) {
      if (rc == WASIO_ETIMEDOUT)
        return wasio__set_error(WASIO_ETIMEDOUT, "%s: timed out", what);
      if (rc == WASIO_ECANCELLED) return wasio__cancelled_error(self);
    }
  }
  if (task != NULL) *task = ac->tasks[ac->order[ac->produced]];
  ac->produced++;
  return 1;
}

void wasio_as_completed_close(wasio_as_completed *out) {
  ac_state *ac = out ? out->_state : NULL;
  if (ac == NULL) return;
  for (size_t i = 0; i < ac->n; i++) wasio__waiter_remove(&ac->nodes[i].w);
  free(ac->order);
  free(ac->tasks);
  free(ac->nodes);
  free(ac);
  out->_state = NULL;
}
