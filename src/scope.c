/* Cancellation: requests on a task, cancel scopes, timeouts, shields.
 *
 * wasio's cancellation is level-triggered, as Trio's: a task is cancelled
 * while a cancellation request on it is outstanding (Task.cancel, not yet
 * taken back by uncancel) or while one of its scopes is cancelled; a
 * shielded scope hides everything outside it. Every await point checks on
 * entry, and a cancellation that arrives while the task waits wakes it
 * through the on_cancel hook of whatever it waits on. */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int wasio__cancelled_scoped(const wasio__task *t) {
  if (t->overflowed) return 1; /* a stack overflow ends the task, shields
                                  or not (task.c) */
  for (const wasio_scope *s = t->scopes; s != NULL; s = s->_outer) {
    if (s->_cancelled) return 1;
    if (s->_shield) return 0;
  }
  return t->cancel_requests > 0;
}

void wasio__deliver(wasio__task *t) {
  if (t->state == WASIO__TASK_WAITING && !t->rq.queued &&
      t->on_cancel != NULL && wasio__cancelled(t)) {
    void (*detach)(wasio__task *) = t->on_cancel;
    detach(t);
    wasio__wake(t, t->overflowed ? WASIO_ESTACK : WASIO_ECANCELLED);
  }
}

int wasio__cancelled_error(wasio__task *t) {
  t->must_cancel = 0;
  if (t->overflowed)
    return wasio__set_error(WASIO_ESTACK, "task %s overflowed its %zu-byte "
                            "stack", wasio__task_name(t), t->coro.stack_size);
  if (t->cancel_requests > 0 && t->cancel_msg != NULL)
    return wasio__set_error_msg(WASIO_ECANCELLED, t->cancel_msg);
  return wasio__set_error(WASIO_ECANCELLED, "%s was cancelled", wasio__task_name(t));
}

int wasio__cancel(wasio__task *t, const char *msg) {
  if (t->state == WASIO__TASK_DONE) return 0;
  if (msg != NULL) {
    char *copy = wasio__strdup(msg);
    if (copy != NULL) {
      free(t->cancel_msg);
      t->cancel_msg = copy;
    }
  }
  t->cancel_requests++;
  t->must_cancel = 1;
  wasio__deliver(t);
  return 1;
}

int wasio__checkpoint_cancelled(wasio__task *t) {
  wasio__ready_push(t->loop, &t->rq);
  t->on_cancel = NULL;
  wasio__waiting_on(t, "cancelled: yield once");
  wasio__suspend();
  return wasio__cancelled(t) ? wasio__cancelled_error(t) : 0;
}

int wasio_cancel(wasio_task h) { return wasio_cancel_msg(h, NULL); }

int wasio_cancel_msg(wasio_task h, const char *msg) {
  int err = 0;
  wasio__task *t = wasio__task_get(h, &err);
  return t ? wasio__cancel(t, msg) : err;
}

/* asyncio's timeout cancels its task when it fires, and a TaskGroup its
 * parent when a child fails (unless the parent is being cancelled
 * already); each takes its request back when it exits. The scopes of the
 * task that did the same here count until they exit. */
int wasio__cancelling(const wasio__task *t) {
  int n = t->cancel_requests;
  for (const wasio_scope *s = t->scopes; s != NULL; s = s->_outer)
    n += s->_counted;
  return n;
}

int wasio_task_cancelling(wasio_task h) {
  int err = 0;
  wasio__task *t = wasio__task_get(h, &err);
  return t ? wasio__cancelling(t) : err;
}

int wasio_task_uncancel(wasio_task h) {
  int err = 0;
  wasio__task *t = wasio__task_get(h, &err);
  if (t == NULL) return err;
  if (t->cancel_requests > 0 && --t->cancel_requests == 0) {
    t->must_cancel = 0;
    free(t->cancel_msg);
    t->cancel_msg = NULL;
  }
  return t->cancel_requests;
}

/* ------------------------------------------------------------------ scopes */

static void scope_expire(wasio_scope *s) {
  s->_expired = 1;
  s->_counted = 1;
  s->_cancelled = 1;
  wasio__deliver(s->_task);
}

static void scope_fire(wasio__timer *timer) {
  scope_expire(WASIO__CONTAINER(timer, wasio_scope, _timer));
}

static void scope_soon(void *arg) {
  wasio_scope *s = arg;
  s->_soon.slot = s->_soon.gen = 0;
  scope_expire(s);
}

void wasio__scope_disarm(wasio_scope *s) {
  wasio__task *t = s->_task;
  wasio__timer_disarm(t->loop, &s->_timer);
  if (s->_soon.slot != 0) wasio_handle_cancel(s->_soon);
  s->_soon.slot = s->_soon.gen = 0;
}

static int scope_push(wasio_scope *s, const char *what) {
  int err = 0;
  if (s == NULL) return wasio__set_error(WASIO_EINVAL, "%s: scope is NULL", what);
  wasio__task *t = wasio__need_task(what, &err);
  if (t == NULL) return err;
  memset(s, 0, sizeof *s);
  s->_magic = WASIO__MAGIC_SCOPE;
  s->_task = t;
  s->_when = INFINITY;
  s->_timer.index = WASIO__TIMER_IDLE;
  s->_timer.fire = scope_fire;
  s->_timer.kind = WASIO__TIMER_SCOPE;
  s->_outer = t->scopes;
  t->scopes = s;
  t->nscopes++;
  return 0;
}

/* The scope's task, if s is an entered scope: the caller must be that task
 * (`owner`), or any code running on that task's loop. */
static wasio__task *scope_get(const wasio_scope *s, int owner,
                              const char *what, int *err) {
  if (s != NULL && s->_magic == WASIO__MAGIC_DEAD) {
    *err = wasio__set_error(WASIO_ESTATE, "%s: the scope has exited", what);
    return NULL;
  }
  if (s == NULL || s->_magic != WASIO__MAGIC_SCOPE) {
    *err = wasio__set_error(WASIO_EINVAL, "%s: not an entered scope", what);
    return NULL;
  }
  wasio__task *t = s->_task;
  if (owner ? t != wasio__current() : t->loop != wasio__running) {
    *err = wasio__set_error(WASIO_EINVAL, "%s: the scope belongs to task %s%s",
                            what, wasio__task_name(t), owner ? ", not the caller"
                                                 : " of another loop");
    return NULL;
  }
  return t;
}

/* Arms s at `at` ns (WASIO__FOREVER: no deadline), `when` being that time
 * in seconds as the caller gave it. A deadline already past expires as
 * soon as the tasks already ready have run (asyncio schedules its timeout
 * with call_soon then). */
static int scope_arm(wasio_scope *s, uint64_t at, double when,
                     const char *what) {
  wasio__task *t = s->_task;
  int rc;
  wasio__scope_disarm(s);
  s->_when = at == WASIO__FOREVER ? INFINITY : when;
  if (at == WASIO__FOREVER) return 0;
  if (at <= wasio__loop_clock(t->loop))
    rc = wasio__call_soon(t->loop, scope_soon, s, NULL, &s->_soon);
  else
    rc = wasio__timer_arm(t->loop, &s->_timer, at);
  if (rc != 0) {
    s->_when = INFINITY;
    return wasio__set_error(WASIO_ENOMEM, "%s: out of memory", what);
  }
  return 0;
}

/* Enters s with a deadline of `at` ns, `when` in seconds. */
static int scope_enter_at(wasio_scope *s, uint64_t at, double when,
                          const char *what) {
  int rc = scope_push(s, what);
  if (rc != 0) return rc;
  rc = scope_arm(s, at, when, what);
  if (rc != 0) wasio_scope_exit(s, 0);
  return rc;
}

void wasio__scopes_forget(wasio__task *t) {
  wasio_loop *loop = t->loop;
  char *lo = t->coro.stack_base, *hi = lo + t->coro.stack_size;
  /* what of the loop's still points into the frames: timers ... */
  wasio__heap_drop_range(&loop->timers, lo, hi);
  /* ... and deadlines already past, waiting in the ready queue */
  for (wasio__ready *r = loop->ready_head; r != NULL; r = r->next) {
    wasio__callback *c = (wasio__callback *)r;
    if (r->kind == WASIO__KIND_CALLBACK && c->cb == scope_soon &&
        (char *)c->arg >= lo && (char *)c->arg < hi)
      c->cancelled = 1;
  }
  t->scopes = NULL;
  t->nscopes = 0;
}

int wasio_timeout_at_enter(wasio_scope *s, double when) {
  const char *what = "wasio_timeout_at_enter";
  uint64_t at;
  int rc = wasio__deadline(when, &at, what);
  return rc != 0 ? rc : scope_enter_at(s, at, when, what);
}

int wasio__timeout_enter(wasio_scope *s, double seconds, const char *what) {
  wasio_loop *loop = wasio__running;
  uint64_t at = WASIO__FOREVER;
  /* a negative delay is a deadline already past, as in asyncio */
  int rc = loop ? wasio__after(loop, seconds, &at, what)
                : wasio__deadline(seconds, &at, what); /* refused below */
  if (rc != 0) return rc;
  double now = loop ? (double)wasio__loop_time(loop) / 1e9 : 0;
  return scope_enter_at(s, at, now + seconds, what);
}

int wasio_timeout_enter(wasio_scope *s, double seconds) {
  return wasio__timeout_enter(s, seconds, "wasio_timeout_enter");
}

int wasio_timeout_reschedule(wasio_scope *s, double when) {
  int err = 0;
  if (scope_get(s, 0, "wasio_timeout_reschedule", &err) == NULL) return err;
  if (s->_expired)
    return wasio__set_error(WASIO_ESTATE, "wasio_timeout_reschedule: the "
                            "timeout already expired");
  uint64_t at;
  int rc = wasio__deadline(when, &at, "wasio_timeout_reschedule");
  return rc != 0 ? rc : scope_arm(s, at, when, "wasio_timeout_reschedule");
}

/* Entered, now or before: when() and expired() answer after the exit. */
static int was_entered(const wasio_scope *s) {
  return s != NULL &&
         (s->_magic == WASIO__MAGIC_SCOPE || s->_magic == WASIO__MAGIC_DEAD);
}

double wasio_timeout_when(const wasio_scope *s) {
  return was_entered(s) ? s->_when : INFINITY;
}

int wasio_timeout_expired(const wasio_scope *s) {
  return was_entered(s) && s->_expired;
}

int wasio_timeout_exit(wasio_scope *s, int status) {
  return wasio_scope_exit(s, status);
}

int wasio_shield_enter(wasio_scope *s) {
  int rc = scope_push(s, "wasio_shield_enter");
  if (rc == 0) s->_shield = 1;
  return rc;
}

int wasio_scope_cancel(wasio_scope *s) {
  int err = 0;
  wasio__task *t = scope_get(s, 0, "wasio_scope_cancel", &err);
  if (t == NULL) return err;
  s->_cancelled = 1;
  wasio__deliver(t);
  return 0;
}

int wasio_scope_exit(wasio_scope *s, int status) {
  int err = 0;
  wasio__task *t = scope_get(s, 1, "wasio_scope_exit", &err);
  if (t == NULL) return err;
  if (t->scopes != s)
    return wasio__set_error(WASIO_EINVAL, "wasio_scope_exit: scopes must be "
                            "exited in the reverse order of entry");
  wasio__scope_disarm(s);
  t->scopes = s->_outer;
  t->nscopes--;
  s->_magic = WASIO__MAGIC_DEAD;
  /* This scope's own deadline caused the cancellation, and nothing outside
   * it is cancelling the task: the body timed out (asyncio.timeout). */
  if (status == WASIO_ECANCELLED && s->_expired && !wasio__cancelled(t))
    return wasio__set_error(WASIO_ETIMEDOUT, "%s timed out", wasio__task_name(t));
  return status;
}

