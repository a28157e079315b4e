/* Tasks: life cycle, suspension, parking, sleep, names, done callbacks.
 *
 * A task is born CREATED in the ready queue, becomes RUNNING when the loop
 * switches to it, WAITING each time it suspends, and DONE when its body
 * returns. The loop completes a task (wakes its waiters, frees its stack)
 * after the switch back, never on the task's own stack. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

wasio__task *wasio__task_get(wasio_task h, int *err) {
  return wasio__slot_get(h.slot, h.gen, WASIO__KIND_TASK, err);
}

wasio_task wasio__task_handle(const wasio__task *t) {
  wasio_task h = {t->slot, t->gen};
  return h;
}

wasio__task *wasio__current(void) {
  wasio_loop *loop = wasio__running;
  return loop ? loop->current : NULL;
}

wasio__task *wasio__need_task_slow(const char *what, int *err) {
  wasio__task *t = wasio__current();
  if (t == NULL) {
    *err = wasio__set_error(WASIO_ENOLOOP, "%s: not called from a task of a "
                            "running event loop", what);
  } else if (t->loop->in_hook) {
    *err = wasio__set_error(WASIO_ESTATE, "%s: called from a trace hook "
                            "or an inspect visitor, which must not suspend",
                            what);
    t = NULL;
  } else if (t->is_step) {
    *err = wasio__set_error(WASIO_ESTATE, "%s: %s is a step task, which has "
                            "no stack to suspend; arm a wait with "
                            "wasio_step_sleep, wasio_step_event_wait or "
                            "wasio_step_await and return WASIO_PENDING",
                            what, wasio__task_name(t));
    t = NULL;
  }
  return t;
}

/* -------------------------------------------------------------- life cycle */

/* A task's body returned `status` (and `result`): what it ends with. */
static void body_returned(wasio__task *t, int status, void *result) {
  if (status > 0) {
    wasio__set_error(WASIO_EINVAL,
                     "task %s returned %d; a task body returns 0 or a "
                     "negative error code",
                     wasio__task_name(t), status);
    status = WASIO_EINVAL;
  }
  if (status == 0 && t->must_cancel && t->cancel_requests > 0) {
    /* cancelled, and returned before any await point could say so: it
     * ends cancelled (asyncio's _must_cancel at StopIteration) */
    status = WASIO_ECANCELLED;
    result = NULL;
  }
  t->status = status;
  t->result = status == 0 ? result : NULL;
  t->finished = 1;
}

void wasio__coro_body(wasio__coro *c, float key) {
  (void)key;
  wasio__task *t = WASIO__CONTAINER(c, wasio__task, coro);
  void *result = NULL;
  int status = t->fn(t->arg, &result);
  body_returned(t, status, result);
}

/* Memory held back for the tasks already running. Suspending a task can
 * need memory (wasm: its frames are copied out), and running out there
 * would leave no good way on. So task creation keeps this reserve
 * allocated, and refuses (WASIO_ENOMEM) while it cannot: memory runs out
 * at wasio_create_task, where the caller can handle it, and the reserve
 * carries the tasks already created through their suspensions. */
#define RESERVE_SIZE (256 * 1024)
static WASIO__TLS void *reserve;

int wasio__reserve_release(void) {
  if (reserve == NULL) return 0;
  free(reserve);
  reserve = NULL;
  return 1;
}

static int reserve_held(void) {
  if (reserve == NULL) {
    static const wasio__coro_hooks hooks = {wasio__reserve_release};
    wasio__coro_set_hooks(&hooks);
    reserve = malloc(RESERVE_SIZE);
  }
  return reserve != NULL;
}

int wasio__stack_trap_report(char *buf, size_t len) {
#if defined(WASIO__WASM)
  wasio__coro *c = wasio__coro_trapped();
  if (c == NULL) return 0;
  const wasio__task *t = WASIO__CONTAINER(c, wasio__task, coro);
  snprintf(buf, len, "task %s overflowed its %zu-byte stack (%s); raise "
           "wasio_run_opts.stack_size", wasio__task_name(t), c->stack_size,
           wasio_err_name(WASIO_ESTACK));
  return 1;
#else
  (void)buf;
  (void)len;
  return 0; /* natively, the guard page's fault handler ends the task */
#endif
}

/* Task records. In wasm they come from slabs and go back to a free list of
 * their size (plain or step), as task stacks do (wasio__slab_take): memory
 * never shrinks there anyway, and growing it a malloc at a time is slow on
 * V8 (200,000 step tasks spawned at half the speed of ordinary ones, whose
 * stacks came in slabs). Natively malloc is fast and gives memory back. */
#if defined(WASIO__WASM)
static WASIO__TLS wasio__slab_class records[2] = {
    {sizeof(wasio__task), NULL, NULL, NULL, 0},
    {sizeof(wasio__task) + sizeof(wasio__step), NULL, NULL, NULL, 0}};

static wasio__task *record_alloc(int step) {
  void *mem = wasio__slab_take(&records[step]);
  return mem ? memset(mem, 0, records[step].size) : NULL;
}

static void record_release(wasio__task *t) {
  wasio__slab_give(&records[t->is_step], t);
}
#else
static wasio__task *record_alloc(int step) {
  return calloc(1, sizeof(wasio__task) + (step ? sizeof(wasio__step) : 0));
}
static void record_release(wasio__task *t) { free(t); }
#endif

/* A task, with its step part when `step` is set (fn is then unused);
 * file and line: where the program created it (NULL: wasio itself). */
static int task_new(wasio_loop *loop, wasio_fn fn, wasio_step_fn step,
                    void *arg, const char *name, const char *file, int line,
                    wasio__task **out) {
  if (!reserve_held()) return WASIO_ENOMEM;
  wasio__task *t = record_alloc(step != NULL);
  if (t == NULL) return WASIO_ENOMEM;
  if (step != NULL) {
    t->is_step = 1;
    WASIO__TASK_STEP(t)->fn = step;
  }
  wasio_context *from = wasio__context_now();
  t->context = from ? wasio__context_copy(from) : NULL;
  if (t->context == NULL ||
      wasio__slot_alloc(t, WASIO__KIND_TASK, &t->slot, &t->gen) != 0) {
    wasio_context_release(t->context);
    record_release(t);
    return WASIO_ENOMEM;
  }
  t->rq.kind = WASIO__KIND_TASK;
  t->loop = loop;
  t->fn = fn;
  t->arg = arg;
  t->id = ++loop->next_id;
  t->file = file;
  t->line = line;
  t->state = WASIO__TASK_CREATED;
  t->timer.index = WASIO__TIMER_IDLE;
  wasio__list_init(&t->waiters);
  if (name != NULL) {
    snprintf(t->name, sizeof t->name, "%s", name);
    t->named = 1;
  }
  /* every task is on the loop's list from birth until it is freed */
  t->next_all = &loop->all;
  t->prev_all = loop->all.prev_all;
  loop->all.prev_all->next_all = t;
  loop->all.prev_all = t;
  loop->live++;
  wasio__ready_push(loop, &t->rq);
  *out = t;
  wasio__trace(t, WASIO_TRACE_CREATED, NULL, 0);
  return 0;
}

int wasio__task_spawn(wasio_loop *loop, wasio_fn fn, void *arg,
                      const char *name, wasio__task **out) {
  return task_new(loop, fn, NULL, arg, name, NULL, 0, out);
}

static void done_callback_free(wasio__done_cb *d) {
  wasio_context_release(d->context);
  free(d);
}

static void task_free(wasio__task *t) {
  wasio_loop *loop = t->loop;
  if (t->status < 0 && t->status != WASIO_ECANCELLED && !t->retrieved) {
    loop->lost_errors++;
    wasio__report(loop, "task exception was never retrieved", t->status,
                  t->message, t);
  } else if (loop->opts.debug && !t->awaited && t->state == WASIO__TASK_DONE &&
             t->status != WASIO_ECANCELLED) {
    wasio__report(loop, "task was never awaited", 0, NULL, t);
  }
  t->prev_all->next_all = t->next_all;
  t->next_all->prev_all = t->prev_all;
  if (t->coro.stack_base != NULL) {
    wasio__coro_release(&t->coro);
    wasio__stack_free(t->coro.stack_base, t->coro.stack_size);
  }
  while (t->done_cbs != NULL) {
    wasio__done_cb *d = t->done_cbs;
    t->done_cbs = d->next;
    done_callback_free(d);
  }
  wasio__slot_free(t->slot);
  wasio_context_release(t->context);
  if (t->is_step) free(WASIO__TASK_STEP(t)->awaited_message);
  free(t->cancel_msg);
  free(t->message);
  free(t->err_message);
  record_release(t);
}

static void stack_put(wasio_loop *loop, wasio__task *t) {
  wasio__coro_release(&t->coro);
  if (t->coro.stack_size == loop->stack_size && loop->stack_cache_len < 64) {
    loop->stack_cache[loop->stack_cache_len++] = t->coro.stack_base;
  } else {
    wasio__stack_free(t->coro.stack_base, t->coro.stack_size);
  }
  t->coro.stack_base = NULL;
}

static int stack_get(wasio_loop *loop, wasio__task *t) {
  void *base;
  if (loop->stack_cache_len > 0) {
    base = loop->stack_cache[--loop->stack_cache_len];
  } else {
    int rc = wasio__stack_alloc(loop->stack_size, &base);
    if (rc != 0) return rc;
  }
  wasio__coro_init(&t->coro, base, loop->stack_size);
  return 0;
}

/* A done callback, run by the loop: hands the task's handle over. */
typedef struct done_call {
  wasio_task task;
  wasio_done_cb cb;
  void *arg;
} done_call;

static void task_unpin(wasio_task h) {
  int err;
  wasio__task *t = wasio__task_get(h, &err);
  if (t != NULL) wasio__task_drop(t);
}

static void run_done_callback(void *p) {
  done_call *call = p;
  call->cb(call->task, call->arg);
  task_unpin(call->task);
  free(call);
}

/* Schedules the first of t's done callbacks, in the context it was added
 * in. */
static void schedule_done_callback(wasio_loop *loop, wasio__task *t) {
  wasio__done_cb *d = t->done_cbs;
  t->done_cbs = d->next;
  done_call *call = malloc(sizeof *call);
  if (call != NULL) {
    call->task = wasio__task_handle(t);
    call->cb = d->cb;
    call->arg = d->arg;
    if (wasio__call_soon(loop, run_done_callback, call, d->context, NULL) ==
        0) {
      d->context = NULL; /* the callback has it now */
    } else {
      free(call);
      call = NULL;
    }
  }
  if (call == NULL)
    wasio__report(loop, "no memory to schedule a done callback",
                  WASIO_ENOMEM, NULL, t);
  else
    t->pins++; /* the task stays until the callback has seen it */
  done_callback_free(d);
}

/* The task is done: record it, wake whoever waits for it, free what can be
 * freed. Runs on the loop's stack. */
static void task_complete(wasio_loop *loop, wasio__task *t, int status) {
  if (t->overflowed) {
    /* whatever the body made of it, the task ends with the overflow */
    status = wasio__cancelled_error(t);
    t->err_code = status;
    free(t->err_message);
    t->err_message = wasio__strdup(wasio_error_message());
  }
  t->state = WASIO__TASK_DONE;
  t->status = status;
  if (status == WASIO_ECANCELLED) {
    free(t->message);
    t->message = t->cancel_msg;
    t->cancel_msg = NULL;
  } else if (status < 0 && t->err_code == status && t->err_message != NULL) {
    free(t->message);
    t->message = t->err_message;
    t->err_message = NULL;
  }
  loop->live--;
  if (WASIO__TRACING(loop))
    wasio__trace(t, status == 0 ? WASIO_TRACE_DONE
                    : status == WASIO_ECANCELLED ? WASIO_TRACE_CANCELLED
                                                 : WASIO_TRACE_ERROR,
                 status == 0 ? NULL : t->message ? t->message
                                                 : wasio_strerror(status),
                 status);
  if (t->coro.stack_base != NULL) stack_put(loop, t);
  if (t == loop->main) {
    wasio__outcome_fill(t, &loop->main_outcome);
    t->retrieved = 1;
  }
  /* Awaiters and done callbacks are told in the order they registered:
   * in asyncio an awaiter's wake-up is one of the done callbacks. */
  for (;;) {
    wasio__list *first = wasio__list_first(&t->waiters);
    wasio__waiter *w = first ? WASIO__CONTAINER(first, wasio__waiter, node)
                             : NULL;
    if (t->done_cbs != NULL && (w == NULL || t->done_cbs->order < w->order)) {
      schedule_done_callback(loop, t);
    } else if (w != NULL) {
      wasio__waiter_remove(w);
      w->notify(w, t);
    } else {
      break;
    }
  }
  if (!t->owned && !t->pins) task_free(t);
}

/* The body returned inside scopes it never exited: their structs were in
 * its frames, which are gone. What the loop holds of them goes (timers,
 * the children of task groups, cancelled: their errors are reported, not
 * lost), and the task fails with WASIO_ESTATE saying so. */
/* The frames that held t's open scopes are gone: the loop lets go of what
 * it held of them (deadlines, task groups). Returns the groups, and in
 * *cancelled their children it cancelled. */
static size_t scopes_let_go(wasio__task *t, size_t *cancelled) {
  size_t groups = 0;
  wasio__scopes_forget(t);
  *cancelled = 0;
  while (t->opened != NULL) {
    wasio__opened *o = t->opened;
    t->opened = o->next;
    *cancelled += o->abandon(o);
    groups++;
  }
  return groups;
}

void wasio__task_open(wasio__task *t, wasio__opened *o) {
  o->next = t->opened;
  t->opened = o;
}

void wasio__task_close(wasio__task *t, wasio__opened *o) {
  for (wasio__opened **p = &t->opened; *p != NULL; p = &(*p)->next)
    if (*p == o) {
      *p = o->next;
      return;
    }
}

static void scopes_left_open(wasio__task *t) {
  size_t scopes = t->nscopes, cancelled;
  size_t groups = scopes_let_go(t, &cancelled);
  char message[256];
  snprintf(message, sizeof message,
           "task %s returned inside %zu scope%s it never exited (%zu of them "
           "task group%s, whose %zu running task%s cancelled); exit "
           "every scope before returning", wasio__task_name(t), scopes,
           scopes == 1 ? "" : "s", groups, groups == 1 ? "" : "s", cancelled,
           cancelled == 1 ? " was" : "s were");
  t->status = WASIO_ESTATE;
  t->result = NULL;
  t->err_code = WASIO_ESTATE;
  free(t->err_message);
  t->err_message = wasio__strdup(message);
}

/* The switch found t's stack overflowed (see wasio__coro_check). */
static void stack_overflowed(wasio__task *t, int how) {
  if (how == WASIO__STACK_DAMAGED) {
    /* Past the spare room below the stack: memory beyond it may be damaged,
     * so this is not an error a program can carry on from. */
    fprintf(stderr,
            "wasio: fatal: task %s overflowed its %zu-byte stack and wrote "
            "past it; raise wasio_run_opts.stack_size\n",
            wasio__task_name(t), t->coro.stack_size);
    abort();
  }
  t->overflowed = (uint8_t)how;
  if (how == WASIO__STACK_ABANDONED) {
    /* Its frames are gone: nothing of it runs again, and task_complete
     * gives it its WASIO_ESTACK outcome. What its scopes held on the loop
     * is let go; its stack is never reused (something may still point
     * into it) and is left mapped. */
    size_t cancelled;
    scopes_let_go(t, &cancelled);
    t->coro.stack_base = NULL;
    wasio__coro_release(&t->coro);
    t->finished = 1;
    return;
  }
  /* It came back within its spare room: tell it, as a cancellation would
   * (wasio__cancelled counts the overflow), so that it unwinds through its
   * own code, cleanup included. */
  wasio__deliver(t);
}

/* Out of line: inlined, it would weigh on the ordinary task's switch. */
static WASIO__NOINLINE void step_run(wasio_loop *loop, wasio__task *t);

void wasio__task_run(wasio_loop *loop, wasio__task *t) {
  if (t->is_step) {
    step_run(loop, t);
    return;
  }
  if (t->state == WASIO__TASK_CREATED) {
    if (wasio__cancelled(t)) { /* cancelled before it ran: body never runs */
      task_complete(loop, t, WASIO_ECANCELLED);
      return;
    }
    int rc = stack_get(loop, t);
    if (rc != 0) {
      t->err_code = rc;
      t->err_message = wasio__strdup("no memory for the task's stack");
      task_complete(loop, t, rc);
      return;
    }
  }
  if (WASIO__TRACING(loop)) {
    loop->what[0] = '\0'; /* a wait described and then not made */
    wasio__trace(t, t->coro.started ? WASIO_TRACE_RESUMED : WASIO_TRACE_STARTED,
                 NULL, 0);
  }
  t->state = WASIO__TASK_RUNNING;
  loop->current = t;
  wasio_context **saved = wasio__context_enter(&t->context);
  wasio__coro_resume(&t->coro);
  wasio__context_leave(saved);
  loop->current = NULL;
  if (WASIO__CORO_CHECKED(&t->coro)) {
    int stack = wasio__coro_check(&t->coro);
    if (stack != WASIO__STACK_OK) stack_overflowed(t, stack);
  }
  if (t->finished && t->nscopes > 0 && t->coro.stack_base != NULL)
    scopes_left_open(t);
  if (t->finished) task_complete(loop, t, t->status);
}

void wasio__task_hold(wasio__task *t) { t->pins++; }

void wasio__task_drop(wasio__task *t) {
  if (--t->pins == 0 && !t->owned && t->state == WASIO__TASK_DONE)
    task_free(t);
}

void wasio__task_free_all(wasio_loop *loop) {
  while (loop->all.next_all != &loop->all) {
    wasio__task *t = loop->all.next_all;
    if (t->state != WASIO__TASK_DONE) {
      /* Only a loop closed early gets here: the task never finished. It
       * leaves nothing behind in what it waited on (an Event or Lock may
       * outlive the loop). */
      if (t->on_cancel != NULL) t->on_cancel(t);
      if (t->drop_node != NULL) wasio__list_remove(t->drop_node);
      t->on_cancel = NULL;
      t->drop_node = NULL;
      wasio__report(loop, "task was still waiting when the loop closed; "
                    "dropped", 0, NULL, t);
      loop->live--;
      t->retrieved = 1; /* reported just above */
    }
    /* A task that failed and whose handle was kept but never awaited is
     * reported here, as asyncio reports it when the task is collected. */
    task_free(t);
  }
}

/* -------------------------------------------------------------- suspension */

static void suspend_begin(wasio__task *t) {
  wasio_loop *loop = t->loop;
  if (WASIO__TRACING(loop)) {
    wasio__trace(t, WASIO_TRACE_WAITING, loop->what[0] ? loop->what : "wait",
                 0);
    loop->what[0] = '\0';
  }
  t->state = WASIO__TASK_WAITING;
  t->wake_status = 0;
}

/* The task runs again: what its wait returns. */
static int suspend_end(wasio__task *t, int cancellable) {
  t->state = WASIO__TASK_RUNNING;
  t->on_cancel = NULL;
  t->wait_data = NULL;
  /* Cancelled after the wake, while ready to resume: delivered now,
   * whatever woke it, a timeout of the wait included (asyncio's
   * _must_cancel at the next step). */
  if ((t->wake_status == 0 || t->wake_status == WASIO_ETIMEDOUT) &&
      cancellable && wasio__cancelled(t))
    return t->overflowed ? WASIO_ESTACK : WASIO_ECANCELLED;
  return t->wake_status;
}

/* Inlined into wasio_sleep, the switch's own path: in wasm every frame
 * between the task's body and the yield is unwound and rewound at each
 * switch, so one frame less is a cheaper switch. */
static inline __attribute__((always_inline)) int suspend(wasio__task *t) {
  suspend_begin(t);
  int cancellable = t->on_cancel != NULL;
  wasio__coro_yield(&t->coro);
  return suspend_end(t, cancellable);
}

int wasio__suspend(void) { return suspend(wasio__running->current); }

void wasio__stay(wasio__task *t) { (void)t; }

void wasio__wake(wasio__task *t, int status) {
  if (t->rq.queued || t->state == WASIO__TASK_DONE) return;
  t->wake_status = status;
  t->on_cancel = NULL;
  wasio__ready_push(t->loop, &t->rq);
}

void wasio__waiter_add(wasio__task *target, wasio__waiter *w) {
  w->order = target->order++;
  wasio__list_push(&target->waiters, &w->node);
}

void wasio__waiter_remove(wasio__waiter *w) { wasio__list_remove(&w->node); }

static void park_cancel(wasio__task *t) {
  wasio__list_remove(&((wasio__parked *)t->wait_data)->node);
}

static wasio__task *park_begin(wasio__list *queue, wasio__parked *p) {
  wasio__task *t = wasio__running->current;
  p->task = t;
  p->served = 0;
  p->data = 0;
  wasio__list_push(queue, &p->node);
  if (WASIO__TRACING(t->loop) && !t->loop->what[0])
    wasio__waiting_on(t, "wait");
  return t;
}

void wasio__park_step(wasio__list *queue, wasio__parked *p) {
  wasio__task *t = park_begin(queue, p);
  t->on_cancel = park_cancel;
  t->wait_data = p;
}

int wasio__park(wasio__list *queue, wasio__parked *p) {
  wasio__park_step(queue, p);
  int rc = wasio__suspend();
  if (!p->served) return rc;
  return rc == 0 ? 0 : WASIO__SERVED_CANCELLED;
}

void wasio__park_shielded(wasio__list *queue, wasio__parked *p) {
  wasio__task *t = park_begin(queue, p);
  t->drop_node = &p->node; /* a loop closed meanwhile unlinks it */
  while (!p->served) wasio__suspend(); /* no on_cancel: not cancellable */
  t->drop_node = NULL;
}

void wasio__keep(wasio__task *t) { t->must_cancel = 0; }

void wasio__unpark(wasio__parked *p, intptr_t data) {
  wasio__list_remove(&p->node);
  p->served = 1;
  p->data = data;
  wasio__wake(p->task, 0);
}

int wasio__unpark_first(wasio__list *queue, intptr_t data) {
  wasio__list *node = wasio__list_first(queue);
  if (node == NULL) return 0;
  wasio__unpark(WASIO__CONTAINER(node, wasio__parked, node), data);
  return 1;
}

/* ---------------------------------------------------------------- outcomes */

void wasio__outcome_set(wasio_outcome *out, int status, void *result,
                        const char *message) {
  out->status = status;
  out->result = result;
  const char *msg = status == 0 ? "" : message ? message
                                               : wasio_strerror(status);
  size_t n = strlen(msg);
  if (n < sizeof out->message) {
    memcpy(out->message, msg, n + 1);
  } else {
    size_t keep = sizeof out->message - 4;
    memcpy(out->message, msg, keep);
    memcpy(out->message + keep, "...", 4);
  }
}

void wasio__outcome_fill(const wasio__task *t, wasio_outcome *out) {
  wasio__outcome_set(out, t->status, t->result, t->message);
}

/* -------------------------------------------------------------- public API */

static int create_task(wasio_task *out, wasio_fn fn, wasio_step_fn step,
                       void *arg, const char *file, int line,
                       const char *what) {
  wasio_loop *loop = wasio__running;
  if (loop == NULL)
    return wasio__set_error(WASIO_ENOLOOP, "%s: no running event loop", what);
  if (fn == NULL && step == NULL)
    return wasio__set_error(WASIO_EINVAL, "%s: fn is NULL", what);
  int rc = wasio__loop_accepts(loop, what);
  if (rc != 0) return rc;
  wasio__task *t;
  rc = task_new(loop, fn, step, arg, NULL, file, line, &t);
  if (rc != 0) return wasio__set_error(rc, "%s: out of memory", what);
  if (out != NULL) {
    t->owned = 1;
    *out = wasio__task_handle(t);
  } else {
    t->awaited = 1; /* detached on purpose: fire and forget */
  }
  return 0;
}

int wasio_create_task_at(wasio_task *out, wasio_fn fn, void *arg,
                         const char *file, int line) {
  return create_task(out, fn, NULL, arg, file, line, "wasio_create_task");
}

wasio_task wasio_current_task(void) {
  wasio__task *t = wasio__current();
  wasio_task none = {0, 0};
  return t ? wasio__task_handle(t) : none;
}

int wasio_all_tasks(wasio_task *out, size_t cap) {
  wasio_loop *loop = wasio__running;
  if (loop == NULL)
    return wasio__set_error(WASIO_ENOLOOP, "wasio_all_tasks: no running "
                            "event loop");
  if (out == NULL && cap > 0)
    return wasio__set_error(WASIO_EINVAL, "wasio_all_tasks: out is NULL");
  size_t n = 0;
  for (wasio__task *t = loop->all.next_all; t != &loop->all; t = t->next_all) {
    if (t->state == WASIO__TASK_DONE) continue;
    if (n < cap) out[n] = wasio__task_handle(t);
    n++;
  }
  return (int)n;
}

int wasio_task_state(wasio_task h) {
  int err;
  wasio__task *t = wasio__task_get(h, &err);
  if (t == NULL) return err;
  switch (t->state) {
    case WASIO__TASK_CREATED: return WASIO_TASK_PENDING;
    case WASIO__TASK_RUNNING: return WASIO_TASK_RUNNING;
    case WASIO__TASK_WAITING: return WASIO_TASK_WAITING;
    default: return WASIO_TASK_DONE;
  }
}

int wasio_task_outcome(wasio_task h, wasio_outcome *out) {
  int err;
  wasio__task *t = wasio__task_get(h, &err);
  if (t == NULL) return err;
  if (t->state != WASIO__TASK_DONE)
    return wasio__set_error(WASIO_ESTATE,
                            "wasio_task_outcome: %s is not done yet", wasio__task_name(t));
  t->retrieved = t->awaited = 1;
  if (out != NULL) wasio__outcome_fill(t, out);
  return t->status;
}

/* "Task-<id>" is written out the first time someone asks: most tasks are
 * never named in a message or a trace, and formatting at creation was a
 * tenth of a spawn. */
const char *wasio__task_name(const wasio__task *task) {
  wasio__task *t = (wasio__task *)task; /* the name is a cache */
  if (!t->named) {
    char digits[10];
    int n = 0;
    for (uint32_t id = t->id; id != 0 || n == 0; id /= 10)
      digits[n++] = (char)('0' + id % 10);
    memcpy(t->name, "Task-", 5);
    for (int i = 0; i < n; i++) t->name[5 + i] = digits[n - 1 - i];
    t->name[5 + n] = '\0';
    t->named = 1;
  }
  return t->name;
}

const char *wasio_task_name(wasio_task h) {
  int err;
  wasio__task *t = wasio__task_get(h, &err);
  return t ? wasio__task_name(t) : NULL;
}

int wasio_task_set_name(wasio_task h, const char *name) {
  int err;
  wasio__task *t = wasio__task_get(h, &err);
  if (t == NULL) return err;
  if (name == NULL)
    return wasio__set_error(WASIO_EINVAL, "wasio_task_set_name: name is NULL");
  /* the old name only for a trace (asking for it writes "Task-N" out) */
  char old[sizeof t->name] = "";
  int traced = WASIO__TRACING(t->loop) && t->state != WASIO__TASK_DONE;
  if (traced) snprintf(old, sizeof old, "%s", wasio__task_name(t));
  snprintf(t->name, sizeof t->name, "%s", name);
  t->named = 1;
  if (traced && strcmp(old, t->name) != 0)
    wasio__trace(t, WASIO_TRACE_RENAMED, old, 0);
  return 0;
}

int wasio_task_release(wasio_task h) {
  int err;
  wasio__task *t = wasio__task_get(h, &err);
  if (t == NULL) return err;
  if (!t->owned)
    return wasio__set_error(WASIO_ESTATE, "wasio_task_release: %s was "
                            "already released", wasio__task_name(t));
  t->owned = 0;
  if (!t->pins && t->state == WASIO__TASK_DONE) task_free(t);
  return 0;
}

int wasio__task_on_done(wasio__task *t, wasio_done_cb cb, void *arg,
                        wasio_context *context) {
  wasio__done_cb *d = malloc(sizeof *d);
  if (d == NULL || context == NULL) {
    free(d);
    wasio_context_release(context);
    return WASIO_ENOMEM;
  }
  d->cb = cb;
  d->arg = arg;
  d->next = NULL;
  d->order = t->order++;
  d->context = context;
  wasio__done_cb **tail = &t->done_cbs;
  while (*tail != NULL) tail = &(*tail)->next;
  *tail = d;
  if (t->state == WASIO__TASK_DONE)
    while (t->done_cbs != NULL) schedule_done_callback(t->loop, t);
  return 0;
}

int wasio_task_add_done_callback(wasio_task h, wasio_done_cb cb, void *arg) {
  int err;
  wasio__task *t = wasio__task_get(h, &err);
  if (t == NULL) return err;
  if (cb == NULL)
    return wasio__set_error(WASIO_EINVAL, "wasio_task_add_done_callback: cb "
                            "is NULL");
  t->retrieved = t->awaited = 1; /* the callback sees the outcome */
  wasio_context *context = wasio__context_copy(
      wasio__context_now());
  if (wasio__task_on_done(t, cb, arg, context) != 0)
    return wasio__set_error(WASIO_ENOMEM, "wasio_task_add_done_callback: out "
                            "of memory");
  return 0;
}

int wasio_task_remove_done_callback(wasio_task h, wasio_done_cb cb,
                                    void *arg) {
  int err;
  wasio__task *t = wasio__task_get(h, &err);
  if (t == NULL) return err;
  int removed = 0;
  for (wasio__done_cb **p = &t->done_cbs; *p != NULL;) {
    if ((*p)->cb == cb && (*p)->arg == arg) {
      wasio__done_cb *d = *p;
      *p = d->next;
      done_callback_free(d);
      removed++;
    } else {
      p = &(*p)->next;
    }
  }
  return removed;
}

/* -------------------------------------------------------------- step tasks
 * A step task runs on the loop's stack: its step function is called, and
 * returns, inside step_run. When it returns WASIO_PENDING with a wait
 * requested, step_run arms the wait and the task waits as any does (the
 * same wake, cancellation and trace); when the wait ends, the next
 * step_run turns the wake status into the wait's outcome and calls the
 * step again. */

int wasio__step_wait(wasio__task *t, int finish) {
  WASIO__TASK_STEP(t)->finish = (uint8_t)finish;
  WASIO__TASK_STEP(t)->cancellable = t->on_cancel != NULL;
  suspend_begin(t);
  return WASIO_PENDING;
}

/* A cancelled step task's wait yields once, then fails; if the
 * cancellation was taken back meanwhile, the wait is armed after all. */
static int yield_once_finish(wasio__task *t, int rc) {
  (void)rc;
  if (wasio__cancelled(t)) return wasio__cancelled_error(t);
  return WASIO__TASK_STEP(t)->request(t);
}

static int yield_once(wasio__task *t) {
  wasio__ready_push(t->loop, &t->rq);
  wasio__waiting_on(t, "cancelled: yield once");
  return wasio__step_wait(t, WASIO__FINISH_YIELD_ONCE);
}

static int step_finish(wasio__task *t, int rc) {
  switch (WASIO__TASK_STEP(t)->finish) {
    case WASIO__FINISH_YIELD_ONCE: return yield_once_finish(t, rc);
    case WASIO__FINISH_AWAIT: return wasio__step_await_finish(t, rc);
    default: return wasio__woken(t, rc);
  }
}

static WASIO__NOINLINE void step_run(wasio_loop *loop, wasio__task *t) {
  wasio__step *s = WASIO__TASK_STEP(t);
  int resumed = t->state != WASIO__TASK_CREATED;
  if (!resumed && wasio__cancelled(t)) { /* the body never runs */
    task_complete(loop, t, WASIO_ECANCELLED);
    return;
  }
  if (WASIO__TRACING(loop)) {
    loop->what[0] = '\0'; /* a wait described and then not made */
    wasio__trace(t, resumed ? WASIO_TRACE_RESUMED : WASIO_TRACE_STARTED,
                 NULL, 0);
  }
  t->state = WASIO__TASK_RUNNING;
  loop->current = t;
  wasio_context **saved = wasio__context_enter(&t->context);
  int rc = resumed ? step_finish(t, suspend_end(t, s->cancellable)) : 0;
  while (rc != WASIO_PENDING) {
    s->pub.status = rc;
    s->request = NULL;
    void *result = NULL;
    int status = s->fn(&s->pub, t->arg, &result);
    if (status != WASIO_PENDING || s->request == NULL) {
      if (status == WASIO_PENDING)
        status = wasio__set_error(WASIO_ESTATE, "step task %s returned "
                                  "WASIO_PENDING without arming a wait",
                                  wasio__task_name(t));
      else if (s->request != NULL)
        status = wasio__set_error(WASIO_ESTATE, "step task %s armed a wait "
                                  "and returned %d instead of "
                                  "WASIO_PENDING", wasio__task_name(t), status);
      body_returned(t, status, result);
      break;
    }
    rc = wasio__cancelled(t) ? yield_once(t) : s->request(t);
  }
  wasio__context_leave(saved);
  loop->current = NULL;
  if (t->finished) task_complete(loop, t, t->status);
}

wasio__task *wasio__step_arming(wasio_step *ps, const char *what, int *err) {
  wasio_loop *loop = wasio__running;
  wasio__task *t = loop ? loop->current : NULL;
  if (t == NULL || loop->in_hook) {
    wasio__need_task_slow(what, err);
    return NULL;
  }
  if (!t->is_step || ps != &WASIO__TASK_STEP(t)->pub) {
    *err = wasio__set_error(WASIO_ESTATE, "%s: not called from the step "
                            "task whose wasio_step this is (the caller is "
                            "%s)", what, wasio__task_name(t));
    return NULL;
  }
  if (WASIO__TASK_STEP(t)->request != NULL) {
    *err = wasio__set_error(WASIO_ESTATE, "%s: %s already armed a wait in "
                            "this step; a step task waits on one thing at "
                            "a time", what, wasio__task_name(t));
    return NULL;
  }
  return t;
}

int wasio_create_step_task_at(wasio_task *out, wasio_step_fn fn, void *arg,
                              const char *file, int line) {
  return create_task(out, NULL, fn, arg, file, line,
                     "wasio_create_step_task");
}

/* ------------------------------------------------------------------- sleep */

static void sleep_fire(wasio__timer *timer) {
  wasio__task *t = WASIO__CONTAINER(timer, wasio__task, timer);
  wasio__trace(t, WASIO_TRACE_TIMER, "sleep", 0);
  wasio__wake(t, 0);
}

static void sleep_cancel(wasio__task *t) {
  wasio__timer_disarm(t->loop, &t->timer);
}

/* A sleep's delay, checked: 0 converts nothing (sleep(0) is the switch's
 * own path). */
static int sleep_delay(double seconds, uint64_t *ns, const char *what) {
  *ns = 0;
  if (!(seconds >= 0)) /* NaN too */
    return wasio__set_error(WASIO_EINVAL, "%s: delay must be a number >= 0 "
                            "(got %g)", what, seconds);
  if (seconds == 0) return 0;
  int err = wasio__duration(seconds, ns, what);
  if (err != 0) return err;
  return *ns == WASIO__FOREVER ? wasio__never(seconds, what) : 0;
}

/* The sleep armed: the task is woken at the deadline, or at the back of
 * the ready queue for 0 (asyncio's sleep(0): no timer). */
static inline void yield_arm(wasio__task *t) {
  wasio__waiting_on(t, "sleep 0 (yield)");
  wasio__ready_push(t->loop, &t->rq);
  t->on_cancel = wasio__stay;
}

static int sleep_arm(wasio__task *t, double seconds, uint64_t ns,
                     const char *what) {
  wasio_loop *loop = t->loop;
  if (seconds == 0) {
    yield_arm(t);
    return 0;
  }
  uint64_t at = wasio__from_now(loop, ns);
  if (at == WASIO__FOREVER) return wasio__never(seconds, what);
  t->timer.fire = sleep_fire;
  t->timer.kind = WASIO__TIMER_TASK;
  if (wasio__timer_arm(loop, &t->timer, at) != 0)
    return wasio__set_error(WASIO_ENOMEM, "%s: out of memory", what);
  t->on_cancel = sleep_cancel;
  wasio__waiting_on(t, "sleep %.3fs", seconds);
  return 0;
}

int wasio__woken(wasio__task *t, int rc) {
  return rc == 0 ? 0 : wasio__cancelled_error(t);
}

int wasio_sleep(double seconds) {
  int err;
  wasio__task *t = wasio__need_task("wasio_sleep", &err);
  if (t == NULL) return err;
  int rc;
  if (seconds == 0) { /* the switch's own path: no conversion, no calls */
    if ((rc = wasio__checkpoint(t)) != 0) return rc;
    yield_arm(t);
    return wasio__woken(t, suspend(t));
  }
  uint64_t ns;
  if ((err = sleep_delay(seconds, &ns, "wasio_sleep")) != 0) return err;
  if ((rc = wasio__checkpoint(t)) != 0) return rc;
  if ((rc = sleep_arm(t, seconds, ns, "wasio_sleep")) != 0) return rc;
  return wasio__woken(t, suspend(t));
}

static int step_sleep_request(wasio__task *t) {
  wasio__step *s = WASIO__TASK_STEP(t);
  int rc = sleep_arm(t, s->seconds, s->ns, "wasio_step_sleep");
  return rc != 0 ? rc : wasio__step_wait(t, WASIO__FINISH_WOKEN);
}

int wasio_step_sleep(wasio_step *ps, double seconds) {
  int err;
  wasio__task *t = wasio__step_arming(ps, "wasio_step_sleep", &err);
  if (t == NULL) return err;
  uint64_t ns;
  if ((err = sleep_delay(seconds, &ns, "wasio_step_sleep")) != 0) return err;
  WASIO__TASK_STEP(t)->seconds = seconds;
  WASIO__TASK_STEP(t)->ns = ns;
  WASIO__TASK_STEP(t)->request = step_sleep_request;
  return WASIO_PENDING;
}
