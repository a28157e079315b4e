/* Waiting on several tasks: await, gather (both ways), shield, wait,
 * as_completed, and TaskGroup.
 *
 * One routine serves the first five: the caller puts a node on each task
 * still running and suspends until its condition holds. A node lives in
 * the caller's memory, which stays put while the caller is suspended, and
 * copies the task's outcome when the task completes, so a task may be
 * freed right after. */
#include "internal.h"

#include <math.h>
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
  int until;
  int raise;          /* return the first failure's status and message */
  int cancel_targets; /* caller cancelled: cancel the tasks, wait for them */
  double timeout;     /* < 0: none */
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

static int check_targets(const char *what, wasio__task *self,
                         const wasio_task *hs, size_t n) {
  if (n > 0 && hs == NULL)
    return wasio__set_error(WASIO_EINVAL, "%s: tasks is NULL", what);
  for (size_t i = 0; i < n; i++) {
    int err;
    wasio__task *t = wasio__task_get(hs[i], &err);
    if (t == NULL) return err;
    if (t == self)
      return wasio__set_error(WASIO_ESELF, "%s: %s cannot await itself", what,
                              self->name);
    if (t->loop != self->loop)
      return wasio__set_error(WASIO_EINVAL, "%s: %s belongs to another loop",
                              what, t->name);
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
                        const wasio_task *hs, size_t n) {
  uint32_t mark = ++self->loop->visit;
  for (size_t i = 0; i < n; i++) {
    wasio__task *t = target(hs, i);
    if (t->state != WASIO__TASK_DONE && t->watching != NULL &&
        waits_on(t, self, mark, 0))
      return wasio__set_error(WASIO_EDEADLK, "%s: %s already waits for %s; "
                              "waiting for it would never end", what,
                              t->name, self->name);
  }
  return 0;
}

/* Returns the status (raise) or how many tasks are done. */
static int watch_tasks(const char *what, const wasio_task *hs, size_t n,
                       const watch_opts *o) {
  int err;
  wasio__task *self = wasio__need_task(what, &err);
  if (self == NULL) return err;
  if ((err = check_targets(what, self, hs, n)) != 0) return err;
  if ((err = check_cycles(what, self, hs, n)) != 0) return err;

  size_t pending = 0;
  for (size_t i = 0; i < n; i++)
    if (target(hs, i)->state != WASIO__TASK_DONE) pending++;
  /* Cancelled, with nothing to cancel in turn: an await point that fails
   * (after yielding once). With tasks to cancel, the wait below does. */
  if (wasio__cancelled(self) && (!o->cancel_targets || pending == 0)) {
    int rc = wasio__checkpoint(self);
    if (rc != 0) return rc;
    /* the cancellation was taken back while it yielded: start again */
    if ((err = check_targets(what, self, hs, n)) != 0) return err;
  }

  watch st = {self, o, 0, 0, 0, 0, NULL};
  for (size_t i = 0; i < n; i++) {
    wasio__task *t = target(hs, i);
    if (t->state == WASIO__TASK_DONE)
      record(&st, i, t);
    else
      st.pending++;
  }
  int cancelled = wasio__cancelled(self);
  if (!cancelled && ((o->raise && st.failed != 0) || satisfied(&st))) {
    int status = o->raise && st.failed ? propagate(st.failed, st.message)
                                       : (o->raise ? 0 : (int)st.ndone);
    free(st.message);
    return status;
  }

  watch_node local[4];
  watch_node *nodes = n <= 4 ? local : malloc(n * sizeof *nodes);
  if (nodes == NULL) {
    free(st.message);
    return wasio__set_error(WASIO_ENOMEM, "%s: out of memory", what);
  }
  for (size_t i = 0; i < n; i++) {
    wasio__task *t = target(hs, i);
    watch_node *node = &nodes[i];
    node->st = &st;
    node->index = i;
    node->w.next = node->w.prev = NULL;
    node->w.notify = watch_notify;
    node->done = t->state == WASIO__TASK_DONE;
    if (!node->done) wasio__waiter_add(t, &node->w);
  }
  if (cancelled) /* cancelled on entry: as if it came while waiting */
    for (size_t i = 0; i < n; i++)
      if (!nodes[i].done) wasio__cancel(target(hs, i), NULL);
  int timed_out = 0;
  if (o->timeout >= 0 && !cancelled) {
    self->timer.fire = watch_timeout;
    self->timer.kind = WASIO__TIMER_WAIT;
    uint64_t now = wasio__loop_time(self->loop);
    double ns = o->timeout * 1e9;
    wasio__timer_arm(self->loop, &self->timer,
                     now + (ns > 1e18 ? (uint64_t)1e18 : (uint64_t)ns));
  }
  self->watching = hs;
  self->nwatching = n;
  while (cancelled ? st.pending > 0 : !satisfied(&st)) {
    if (WASIO__TRACING(self->loop)) {
      if (n == 1)
        wasio__waiting_on(self, "%s %s", what + 6, target(hs, 0)->name);
      else
        wasio__waiting_on(self, "%s %zu tasks", what + 6, n);
    }
    self->on_cancel = cancelled ? NULL : wasio__stay;
    int rc = wasio__suspend();
    if (rc == WASIO_ETIMEDOUT) {
      timed_out = 1;
      break;
    }
    if (rc == WASIO_ECANCELLED && !cancelled) {
      cancelled = 1;
      if (!o->cancel_targets) break;
      /* Cancelling the waiter cancels what it waits for (asyncio does the
       * same), then waits for them to finish. */
      for (size_t i = 0; i < n; i++)
        if (!nodes[i].done) wasio__cancel(target(hs, i), NULL);
    }
  }
  self->watching = NULL;
  self->nwatching = 0;
  wasio__timer_disarm(self->loop, &self->timer);
  for (size_t i = 0; i < n; i++) wasio__waiter_remove(&nodes[i].w);
  if (nodes != local) free(nodes);
  (void)timed_out; /* a timed-out wait reports what is done, as asyncio */

  int status;
  if (cancelled)
    status = wasio__cancelled_error(self);
  else if (o->raise)
    status = st.failed != 0 ? propagate(st.failed, st.message) : 0;
  else
    status = (int)st.ndone;
  free(st.message);
  return status;
}

int wasio__await_tasks(const char *what, const wasio_task *hs, size_t n,
                       void **results, int shield) {
  watch_opts o = {UNTIL_FAILURE, 1, !shield, -1, results, NULL};
  if (results != NULL)
    for (size_t i = 0; i < n; i++) results[i] = NULL;
  return watch_tasks(what, hs, n, &o);
}

int wasio_await(wasio_task t, void **result) {
  return wasio__await_tasks("wasio_await", &t, 1, result, 0);
}

int wasio_gather(const wasio_task *tasks, size_t n, void **results) {
  return wasio__await_tasks("wasio_gather", tasks, n, results, 0);
}

int wasio_gather_outcomes(const wasio_task *tasks, size_t n,
                          wasio_outcome *outcomes) {
  if (n > 0 && outcomes == NULL)
    return wasio__set_error(WASIO_EINVAL, "wasio_gather_outcomes: outcomes "
                            "is NULL");
  watch_opts o = {UNTIL_ALL, 0, 1, -1, NULL, outcomes};
  int rc = watch_tasks("wasio_gather_outcomes", tasks, n, &o);
  return rc < 0 ? rc : 0;
}

int wasio_wait(const wasio_task *tasks, size_t n, wasio_wait_mode mode,
               double timeout) {
  static const int until[] = {UNTIL_FIRST, UNTIL_EXCEPTION, UNTIL_ALL};
  if ((int)mode < 0 || mode > WASIO_ALL_COMPLETED)
    return wasio__set_error(WASIO_EINVAL, "wasio_wait: unknown mode %d",
                            (int)mode);
  if (isnan(timeout))
    return wasio__set_error(WASIO_EINVAL, "wasio_wait: timeout is NaN");
  if (n == 0 || tasks == NULL)
    return wasio__set_error(WASIO_EINVAL, "wasio_wait: no tasks to wait for "
                            "(asyncio.wait refuses an empty set too)");
  watch_opts o = {until[mode], 0, 0, timeout < 0 ? -1 : timeout, NULL, NULL};
  return watch_tasks("wasio_wait", tasks, n, &o);
}

/* ------------------------------------------------------------ as_completed */

typedef struct ac_state {
  wasio__task *self;
  size_t n, produced, finished;
  int waiting;
  uint64_t deadline; /* loop time, ns; FOREVER: none */
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
  if ((err = check_targets(what, self, tasks, n)) != 0) return err;
  if (isnan(timeout))
    return wasio__set_error(WASIO_EINVAL, "%s: timeout is NaN", what);
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
  ac->deadline = WASIO__FOREVER;
  if (timeout >= 0) {
    double ns = timeout * 1e9;
    ac->deadline = wasio__loop_time(self->loop) +
                   (ns > 1e18 ? (uint64_t)1e18 : (uint64_t)ns);
  }
  for (size_t i = 0; i < n; i++) {
    wasio__task *t = target(tasks, i);
    watch_node *node = &ac->nodes[i];
    ac->tasks[i] = tasks[i];
    node->st = (watch *)(void *)ac;
    node->index = i;
    node->w.next = node->w.prev = NULL;
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
      if (wasio__loop_time(self->loop) >= ac->deadline)
        return wasio__set_error(WASIO_ETIMEDOUT, "%s: timed out", what);
      self->timer.fire = watch_timeout;
      self->timer.kind = WASIO__TIMER_WAIT;
      wasio__timer_arm(self->loop, &self->timer, ac->deadline);
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

/* --------------------------------------------------------------- TaskGroup
 * The group's state lives on the heap; its scope lives in the caller's
 * wasio_taskgroup, which stays valid until exit returns, and exit returns
 * only once every child is done. The group hears of a child's end through
 * a done callback, as asyncio's does: in the next iteration, in order with
 * the child's other done callbacks (so siblings that end at the same
 * instant all finish before the first failure cancels the rest). */

typedef struct group_child {
  struct group_state *g;
  struct group_child *next;
  wasio__task *task; /* NULL once done */
} group_child;

typedef struct group_error {
  char task[32];
  wasio_outcome outcome;
} group_error;

/* What exit keeps for wasio_taskgroup_error: on the loop's list, so that
 * the loop frees it if the program does not enter the group again. */
typedef struct group_errors {
  wasio__list node; /* first: the loop frees the block through it */
  const wasio_taskgroup *owner;
  size_t n;
  group_error e[];
} group_errors;

/* Drops what an earlier exit of tg kept (found by owner: tg's own fields
 * are not to be trusted before the first enter). */
static void group_errors_free(wasio_loop *loop, const wasio_taskgroup *tg) {
  for (wasio__list *n = loop->group_errors.next; n != &loop->group_errors;) {
    group_errors *kept = (group_errors *)n;
    n = n->next;
    if (kept->owner == tg) {
      wasio__list_remove(&kept->node);
      free(kept);
    }
  }
}

typedef struct group_state {
  wasio_taskgroup *tg;
  wasio__task *parent;
  struct group_state *open_next; /* the parent's groups not exited yet */
  group_child *children;
  size_t pending;
  int aborting;
  int waiting;
  int orphaned; /* its task was abandoned (stack overflow): frees itself */
  group_error *errors;
  size_t nerrors, cap, lost;
} group_state;

static void group_add_error(group_state *g, const char *task, int status,
                            const char *message) {
  if (g->nerrors == g->cap) {
    size_t cap = g->cap ? g->cap * 2 : 4;
    group_error *e = realloc(g->errors, cap * sizeof *e);
    if (e == NULL) {
      g->lost++; /* the summary still counts it */
      return;
    }
    g->errors = e;
    g->cap = cap;
  }
  group_error *e = &g->errors[g->nerrors++];
  snprintf(e->task, sizeof e->task, "%s", task);
  wasio__outcome_set(&e->outcome, status, NULL, message);
}

/* The first failure: cancel every child still running, and the body. */
static void group_abort(group_state *g) {
  if (g->aborting) return;
  g->aborting = 1;
  for (group_child *c = g->children; c != NULL; c = c->next)
    if (c->task != NULL) wasio__cancel(c->task, NULL);
  if (wasio__cancelling(g->parent) == 0) g->tg->_scope._counted = 1;
  g->tg->_scope._cancelled = 1;
  wasio__deliver(g->parent);
}

static void group_free(group_state *g);

static void group_child_done(wasio_task h, void *arg) {
  group_child *c = arg;
  group_state *g = c->g;
  int err;
  wasio__task *done = wasio__task_get(h, &err); /* pinned: still there */
  c->task = NULL;
  g->pending--;
  if (g->orphaned) {
    /* Nobody will exit this group: a child's error is reported as lost
     * when the child is freed. */
    if (g->pending == 0) group_free(g);
    return;
  }
  done->awaited = 1;
  if (done->status < 0 && done->status != WASIO_ECANCELLED) {
    done->retrieved = 1;
    group_add_error(g, done->name, done->status, done->message);
    group_abort(g);
  }
  if (g->pending == 0 && g->waiting) wasio__wake(g->parent, 0);
}

static void group_free(group_state *g) {
  while (g->children != NULL) {
    group_child *c = g->children;
    g->children = c->next;
    free(c);
  }
  free(g->errors);
  free(g);
}

/* The group's state, if tg is entered: the caller must be the task that
 * entered it (`owner`), or any code running on its loop. */
/* The group is exited: off its parent's list of open groups, and freed. */
static void group_close(group_state *g) {
  for (group_state **p = (group_state **)&g->parent->open_groups; *p != NULL;
       p = &(*p)->open_next)
    if (*p == g) {
      *p = g->open_next;
      break;
    }
  group_free(g);
}

static group_state *group_of(wasio_taskgroup *tg, int owner, const char *what,
                             int *err) {
  group_state *g = tg ? tg->_state : NULL;
  if (g == NULL && tg != NULL && tg->_scope._magic == WASIO__MAGIC_DEAD) {
    *err = wasio__set_error(WASIO_ESTATE, "%s: the task group has exited",
                            what);
    return NULL;
  }
  if (g == NULL || g->tg != tg || tg->_scope._magic != WASIO__MAGIC_SCOPE) {
    *err = wasio__set_error(WASIO_EINVAL, "%s: the task group is not entered",
                            what);
    return NULL;
  }
  if (owner ? g->parent != wasio__current()
            : g->parent->loop != wasio__running) {
    *err = wasio__set_error(WASIO_EINVAL, "%s: the task group belongs to "
                            "task %s%s", what, g->parent->name,
                            owner ? "" : " of another loop");
    return NULL;
  }
  return g;
}

int wasio_taskgroup_enter(wasio_taskgroup *tg) {
  if (tg == NULL)
    return wasio__set_error(WASIO_EINVAL, "wasio_taskgroup_enter: tg is NULL");
  int err;
  if (wasio__need_task("wasio_taskgroup_enter", &err) == NULL) return err;
  /* A group entered again drops what its last exit kept. */
  group_errors_free(wasio__current()->loop, tg);
  tg->_errors = NULL;
  group_state *g = calloc(1, sizeof *g);
  if (g == NULL)
    return wasio__set_error(WASIO_ENOMEM, "wasio_taskgroup_enter: out of "
                            "memory");
  int rc = wasio_timeout_enter(&tg->_scope, INFINITY);
  if (rc != 0) {
    free(g);
    return rc;
  }
  tg->_scope._group = 1;
  g->tg = tg;
  g->parent = tg->_scope._task;
  g->open_next = g->parent->open_groups;
  g->parent->open_groups = g;
  tg->_state = g;
  return 0;
}

int wasio_taskgroup_spawn_at(wasio_taskgroup *tg, wasio_task *out,
                             wasio_fn fn, void *arg, const char *file,
                             int line) {
  int err;
  const char *what = "wasio_taskgroup_spawn";
  group_state *g = group_of(tg, 0, what, &err);
  if (g == NULL) return err;
  if (g->aborting)
    return wasio__set_error(WASIO_ESTATE, "%s: the task group is shutting "
                            "down", what);
  group_child *c = calloc(1, sizeof *c);
  if (c == NULL)
    return wasio__set_error(WASIO_ENOMEM, "%s: out of memory", what);
  wasio_task h;
  int rc = wasio_create_task_at(&h, fn, arg, file, line);
  if (rc != 0) {
    free(c);
    return rc;
  }
  wasio__task *t = wasio__task_get(h, &err);
  t->awaited = 1;
  /* the group's own callback needs no task-local context */
  if (wasio__task_on_done(t, group_child_done, c,
                          wasio__context_ref(wasio__thread_context())) != 0) {
    wasio__cancel(t, NULL);
    wasio_task_release(h);
    free(c);
    return wasio__set_error(WASIO_ENOMEM, "%s: out of memory", what);
  }
  c->g = g;
  c->task = t;
  c->next = g->children;
  g->children = c;
  g->pending++;
  if (out != NULL)
    *out = h; /* the caller owns it, as with wasio_create_task */
  else
    wasio_task_release(h);
  return 0;
}

/* The frames of t that held its open task groups are gone (its body
 * returned inside them, or a stack overflow abandoned it): cancel their
 * children; each group's state frees itself once they are done, and their
 * errors are reported as never retrieved, not lost. Returns how many
 * groups were open, and in *cancelled how many children it cancelled. */
size_t wasio__groups_orphan(wasio__task *t, size_t *cancelled) {
  size_t n = 0;
  *cancelled = 0;
  while (t->open_groups != NULL) {
    group_state *g = t->open_groups;
    t->open_groups = g->open_next;
    n++;
    /* cancel the children; not group_abort: the group's scope lives in the
     * task's frames, which are gone */
    g->aborting = 1;
    for (group_child *c = g->children; c != NULL; c = c->next)
      if (c->task != NULL && wasio__cancel(c->task, NULL)) ++*cancelled;
    /* errors the group already heard of would go with it: report them */
    for (size_t i = 0; i < g->nerrors; i++)
      wasio__report(t->loop, "a task group's error was never seen (its task "
                    "returned without exiting the group)",
                    g->errors[i].outcome.status, g->errors[i].outcome.message,
                    NULL);
    g->orphaned = 1;
    if (g->pending == 0) group_free(g);
  }
  return n;
}

static void group_exit_on_cancel(wasio__task *t) { (void)t; }

int wasio_taskgroup_exit(wasio_taskgroup *tg, int status) {
  int err;
  const char *what = "wasio_taskgroup_exit";
  group_state *g = group_of(tg, 1, what, &err);
  if (g == NULL) return err;
  wasio__task *parent = g->parent;
  /* The body failed: that counts as a child failing, listed after the
   * children's errors (as asyncio's ExceptionGroup lists them). */
  int body_failed = status < 0 && status != WASIO_ECANCELLED;
  char *body_message = NULL;
  if (body_failed) {
    body_message = wasio__strdup(wasio_error_message());
    group_abort(g);
  }
  while (g->pending > 0) {
    /* Cancelled from outside while waiting here: cancel the children and
     * keep waiting for them (asyncio does the same). */
    if (!g->aborting && wasio__cancelled(parent)) group_abort(g);
    parent->on_cancel = g->aborting ? NULL : group_exit_on_cancel;
    wasio__waiting_on(parent, "taskgroup %zu tasks", g->pending);
    g->waiting = 1;
    wasio__suspend();
    g->waiting = 0;
  }
  if (body_failed) {
    group_add_error(g, parent->name, status, body_message);
    free(body_message);
  }
  int rc = wasio_scope_exit(&tg->_scope, 0);
  if (rc != 0) return rc;

  size_t failures = g->nerrors + g->lost;
  if (failures > 0) {
    char summary[1024];
    int len = snprintf(summary, sizeof summary, "%zu task%s failed", failures,
                       failures == 1 ? "" : "s");
    for (size_t i = 0; i < g->nerrors && len < (int)sizeof summary; i++) {
      const group_error *e = &g->errors[i];
      len += snprintf(summary + len, sizeof summary - (size_t)len,
                      "%s %s: %s: %s", i == 0 ? ":" : ";", e->task,
                      wasio_err_name(e->outcome.status), e->outcome.message);
    }
    /* Keep the errors for wasio_taskgroup_error; the rest goes. */
    group_errors *kept = malloc(sizeof *kept + g->nerrors * sizeof *g->errors);
    if (kept != NULL) {
      kept->owner = tg;
      kept->n = g->nerrors;
      if (g->nerrors) memcpy(kept->e, g->errors, g->nerrors * sizeof *g->errors);
      wasio__list_push(&parent->loop->group_errors, &kept->node);
    }
    tg->_errors = kept;
    group_close(g);
    tg->_state = NULL;
    return wasio__set_error_msg(WASIO_EGROUP, summary);
  }
  group_close(g);
  tg->_state = NULL;
  if (wasio__cancelled(parent)) return wasio__cancelled_error(parent);
  return status == WASIO_ECANCELLED ? wasio__cancelled_error(parent) : status;
}

size_t wasio_taskgroup_error_count(const wasio_taskgroup *tg) {
  const group_errors *kept = tg ? tg->_errors : NULL;
  return kept ? kept->n : 0;
}

int wasio_taskgroup_error(const wasio_taskgroup *tg, size_t i,
                          wasio_outcome *out) {
  if (i >= wasio_taskgroup_error_count(tg) || out == NULL)
    return wasio__set_error(WASIO_EINVAL, "wasio_taskgroup_error: no error "
                            "%zu", i);
  *out = ((const group_errors *)tg->_errors)->e[i].outcome;
  return out->status;
}
