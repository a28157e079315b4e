/* Callbacks: loop.call_soon, call_later and call_at. A callback shares the
 * ready queue with the tasks and runs on the loop's own stack, outside any
 * task, in a copy of the task-local context in force when it was scheduled
 * (asyncio copies it too: what the scheduling code sets later is not seen,
 * and what the callback sets stays in its copy). A timed callback runs in
 * the iteration its deadline is due, after the ready batch (loop.c). */
#include "internal.h"

#include <stdlib.h>

static void callback_due(wasio__timer *timer);

static void callback_free(wasio__callback *c) {
  wasio__slot_free(c->slot);
  wasio_context_release(c->context);
  free(c);
}

/* context NULL: a copy of the current one; else the callback takes it. */
static int schedule(wasio_loop *loop, wasio_cb cb, void *arg, int timed,
                    uint64_t when, wasio_context *context, wasio_handle *out,
                    const char *what) {
  if (cb == NULL)
    return wasio__set_error(WASIO_EINVAL, "%s: cb is NULL", what);
  int rc = wasio__loop_accepts(loop, what);
  if (rc != 0) return rc;
  wasio__callback *c = calloc(1, sizeof *c);
  wasio_context *copy = NULL;
  if (context == NULL && c != NULL)
    context = copy = wasio__context_copy(wasio__context_now());
  if (c == NULL || context == NULL ||
      wasio__slot_alloc(c, WASIO__KIND_CALLBACK, &c->slot, &c->gen) != 0) {
    wasio_context_release(copy); /* a context handed in stays the caller's */
    free(c);
    return wasio__set_error(WASIO_ENOMEM, "%s: out of memory", what);
  }
  c->rq.kind = WASIO__KIND_CALLBACK;
  c->loop = loop;
  c->cb = cb;
  c->arg = arg;
  c->timer.index = WASIO__TIMER_IDLE;
  c->context = context;
  if (timed) {
    c->timer.fire = callback_due; /* due: to the ready queue */
    c->timer.kind = WASIO__TIMER_CALLBACK;
    if (wasio__timer_arm(loop, &c->timer, when) != 0) {
      callback_free(c);
      return wasio__set_error(WASIO_ENOMEM, "%s: out of memory", what);
    }
  } else {
    wasio__ready_push(loop, &c->rq);
  }
  if (out != NULL) {
    out->slot = c->slot;
    out->gen = c->gen;
  }
  return 0;
}

static void callback_due(wasio__timer *timer) {
  wasio__callback *c = WASIO__CONTAINER(timer, wasio__callback, timer);
  wasio__loop_run(c->loop, &c->rq);
}

void wasio__callback_run(wasio_loop *loop, wasio__callback *c) {
  if (!c->cancelled) {
    wasio_context **saved = wasio__context_enter(&c->context);
    c->cb(c->arg);
    wasio__context_leave(saved);
  }
  (void)loop;
  callback_free(c);
}

/* Frees the callbacks a closing loop never ran. */
void wasio__callbacks_free(wasio_loop *loop) {
  while (loop->ready_head != NULL) {
    wasio__ready *r = loop->ready_head;
    loop->ready_head = r->next;
    if (r->kind == WASIO__KIND_CALLBACK) callback_free((wasio__callback *)r);
  }
  loop->ready_tail = NULL;
  loop->ready_len = 0;
  for (size_t i = loop->timers.len; i > 0; i--) {
    wasio__timer *t = loop->timers.items[i - 1];
    if (t->fire == callback_due) {
      wasio__heap_remove(&loop->timers, t);
      callback_free(WASIO__CONTAINER(t, wasio__callback, timer));
    }
  }
}

int wasio__call_soon(wasio_loop *loop, wasio_cb cb, void *arg,
                     wasio_context *context, wasio_handle *out) {
  return schedule(loop, cb, arg, 0, 0, context, out, "wasio_call_soon");
}

static wasio_loop *running(const char *what, int *err) {
  if (wasio__running == NULL)
    *err = wasio__set_error(WASIO_ENOLOOP, "%s: no running event loop", what);
  return wasio__running;
}

int wasio_call_soon(wasio_handle *out, wasio_cb cb, void *arg) {
  int err;
  wasio_loop *loop = running("wasio_call_soon", &err);
  return loop ? schedule(loop, cb, arg, 0, 0, NULL, out, "wasio_call_soon")
              : err;
}

/* A timed callback at `at` ns (what `seconds` asked for): a time already
 * past runs as soon as possible; never is refused. */
static int call_at_ns(wasio_loop *loop, uint64_t at, double seconds,
                      wasio_cb cb, void *arg, wasio_handle *out,
                      const char *what) {
  if (at == WASIO__FOREVER) return wasio__never(seconds, what);
  return schedule(loop, cb, arg, 1, at, NULL, out, what);
}

int wasio_call_later(wasio_handle *out, double delay, wasio_cb cb, void *arg) {
  int err;
  const char *what = "wasio_call_later";
  uint64_t at;
  wasio_loop *loop = running(what, &err);
  if (loop == NULL) return err;
  if ((err = wasio__after(loop, delay, &at, what)) != 0) return err;
  return call_at_ns(loop, at, delay, cb, arg, out, what);
}

int wasio_call_at(wasio_handle *out, double when, wasio_cb cb, void *arg) {
  int err;
  const char *what = "wasio_call_at";
  uint64_t at;
  wasio_loop *loop = running(what, &err);
  if (loop == NULL) return err;
  if ((err = wasio__deadline(when, &at, what)) != 0) return err;
  return call_at_ns(loop, at, when, cb, arg, out, what);
}

int wasio_handle_cancel(wasio_handle h) {
  int err;
  wasio__callback *c = wasio__slot_get(h.slot, h.gen, WASIO__KIND_CALLBACK,
                                       &err);
  if (c == NULL) return err == WASIO_ESTALE ? 0 : err; /* ran: a no-op */
  if (c->cancelled) return 0;
  c->cancelled = 1;
  if (c->timer.index != WASIO__TIMER_IDLE) { /* not due yet: gone at once */
    wasio__timer_disarm(c->loop, &c->timer);
    callback_free(c);
  }
  return 1;
}

int wasio_loop_call_soon(wasio_loop *loop, wasio_handle *out, wasio_cb cb,
                         void *arg) {
  if (loop == NULL)
    return wasio__set_error(WASIO_EINVAL, "wasio_loop_call_soon: loop is NULL");
  return schedule(loop, cb, arg, 0, 0, NULL, out, "wasio_loop_call_soon");
}
