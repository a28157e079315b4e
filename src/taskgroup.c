/* TaskGroup: structured concurrency, asyncio.TaskGroup for C.
 *
 * The group's state lives on the heap; its scope lives in the caller's
 * wasio_taskgroup, which stays valid until exit returns, and exit returns
 * only once every child is done. The group hears of a child's end through
 * a done callback, as asyncio's does: in the next iteration, in order with
 * the child's other done callbacks (so siblings that end at the same
 * instant all finish before the first failure cancels the rest). */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
  wasio__opened opened; /* on the parent's list until exit */
  wasio_taskgroup *tg;
  wasio__task *parent;
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
static size_t group_orphan(wasio__opened *o);

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
    group_add_error(g, wasio__task_name(done), done->status, done->message);
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
  wasio__task_close(g->parent, &g->opened);
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
                            "task %s%s", what, wasio__task_name(g->parent),
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
  g->opened.abandon = group_orphan;
  wasio__task_open(g->parent, &g->opened);
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

/* The frames of the task that held the group are gone (its body returned
 * inside it, or a stack overflow abandoned it): cancel the children; the
 * group's state frees itself once they are done, and its errors are
 * reported as never retrieved, not lost. Returns the children cancelled. */
static size_t group_orphan(wasio__opened *o) {
  group_state *g = WASIO__CONTAINER(o, group_state, opened);
  size_t cancelled = 0;
  /* cancel the children; not group_abort: the group's scope lives in the
   * task's frames, which are gone */
  g->aborting = 1;
  for (group_child *c = g->children; c != NULL; c = c->next)
    if (c->task != NULL && wasio__cancel(c->task, NULL)) cancelled++;
  /* errors the group already heard of would go with it: report them */
  for (size_t i = 0; i < g->nerrors; i++)
    wasio__report(g->parent->loop, "a task group's error was never seen (its "
                  "task returned without exiting the group)",
                  g->errors[i].outcome.status, g->errors[i].outcome.message,
                  NULL);
  g->orphaned = 1;
  if (g->pending == 0) group_free(g);
  return cancelled;
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
    wasio__waiting_on(parent, "taskgroup %zu task%s", g->pending,
                      g->pending == 1 ? "" : "s");
    g->waiting = 1;
    wasio__suspend();
    g->waiting = 0;
  }
  if (body_failed) {
    group_add_error(g, wasio__task_name(parent), status, body_message);
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
