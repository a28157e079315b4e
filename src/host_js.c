/* The JS host (Emscripten build, browser and Node): host-driven. It never
 * waits: JavaScript calls wasio_loop_step(), reads the delay it returns and
 * schedules the next step with setTimeout (web/wasio.mjs). The clock is the
 * host's performance.now().
 *
 * Its outside events are JavaScript promises awaited by C tasks:
 * web/wasio.mjs gives each tracked promise an id; when it settles, JS
 * calls wasio_js_settle, which wakes the task waiting for that id. A
 * promise may settle before any task awaits it: its result is kept until
 * one does. While a task waits, the loop counts an outside event, so an
 * empty ready queue is not a deadlock: the step returns -1 and JS steps
 * again when the promise settles. */
#if defined(__EMSCRIPTEN__)
#include "internal.h"

#include <emscripten.h>
#include <stdlib.h>

static uint64_t js_now(wasio_loop *loop) {
  (void)loop;
  return (uint64_t)(emscripten_get_now() * 1e6);
}

const wasio__host_ops wasio__host_js = {.name = "js", .driven = 1,
                                       .now = js_now};
/* ------------------------------------------------------------ promises */

typedef struct js_wait {
  wasio__list node;
  int id;
  wasio__task *task; /* NULL: settled early, nobody waits yet */
  int settled, ok;
  char *value;
} js_wait;

static wasio__list waits = {&waits, &waits};

static js_wait *find(int id) {
  for (wasio__list *p = waits.next; p != &waits; p = p->next) {
    js_wait *w = WASIO__CONTAINER(p, js_wait, node);
    if (w->id == id) return w;
  }
  return NULL;
}

/* 0: never handed out; 1: not settled yet; 2: settled (its value came to
 * wasio_js_settle). */
EM_JS(int, js_issued, (int id), {
  return Module.wasioIssued ? Module.wasioIssued(id) : 0;
});

/* A promise settles once and hands its value over once: one task awaits
 * an id. */
static int awaitable(int id, const js_wait *w, const char *what) {
  if (w != NULL && w->task != NULL)
    return wasio__set_error(WASIO_EINVAL, "%s: promise %d is already awaited "
                            "by task %s", what, id, wasio__task_name(w->task));
  if (w != NULL) return 0; /* settled, its value waiting */
  int issued = id > 0 ? js_issued(id) : 0;
  if (issued == 0)
    return wasio__set_error(WASIO_EINVAL, "%s: %d is not a promise id", what,
                            id);
  if (issued == 2)
    return wasio__set_error(WASIO_EINVAL, "%s: promise %d was awaited "
                            "already", what, id);
  return 0;
}

static void js_cancel(wasio__task *t) {
  js_wait *w = t->wait_data;
  wasio__list_remove(&w->node);
  t->loop->external--;
}

int wasio_js_await(int id, char **value) {
  int err;
  const char *what = "wasio_js_await";
  if (value != NULL) *value = NULL;
  wasio__task *t = wasio__need_task(what, &err);
  if (t == NULL) return err;
  js_wait *early = find(id);
  if ((err = awaitable(id, early, what)) != 0) return err;
  if ((err = wasio__checkpoint(t)) != 0) return err;
  early = find(id); /* it may have settled while the task yielded */
  if ((err = awaitable(id, early, what)) != 0) return err;
  js_wait local = {{NULL, NULL}, id, t, 0, 0, NULL};
  js_wait *w = early;
  if (w == NULL) {
    w = &local;
    wasio__list_push(&waits, &w->node);
    t->loop->external++;
    t->on_cancel = js_cancel;
    t->wait_data = w;
    wasio__waiting_on(t, "JS promise %d", id);
    wasio__suspend();
    if (!w->settled) return wasio__cancelled_error(t);
    /* settled, then cancelled before it resumed: the value is handed over
     * (a promise settles once); the cancellation waits for the next await
     * point */
    wasio__keep(t);
  } else {
    wasio__list_remove(&w->node);
  }
  int ok = w->ok;
  char *v = w->value;
  if (w == early) free(early);
  if (!ok) {
    int rc = wasio__set_error(WASIO_EJS, "%s",
                              v && v[0] ? v : "promise rejected without a "
                                              "message");
    free(v);
    return rc;
  }
  if (value != NULL)
    *value = v;
  else
    free(v);
  return 0;
}

/* Called by JS when promise `id` settles; returns 1 if a task woke. */
EMSCRIPTEN_KEEPALIVE int wasio_js_settle(int id, int ok, const char *value) {
  char *copy = value ? wasio__strdup(value) : NULL;
  js_wait *w = find(id);
  if (w != NULL && w->task != NULL) {
    w->ok = ok;
    w->value = copy;
    w->settled = 1;
    wasio__list_remove(&w->node);
    w->task->loop->external--;
    wasio__wake(w->task, 0);
    return 1;
  }
  w = calloc(1, sizeof *w);
  if (w == NULL) {
    free(copy);
    return 0;
  }
  w->id = id;
  w->ok = ok;
  w->value = copy;
  w->settled = 1;
  wasio__list_push(&waits, &w->node);
  return 0;
}
/* The end of a run (web/app.c): values of promises that settled and that
 * no task took are dropped. No task waits any more. */
void wasio__js_forget(void) {
  while (waits.next != &waits) {
    js_wait *w = WASIO__CONTAINER(waits.next, js_wait, node);
    wasio__list_remove(&w->node);
    free(w->value);
    if (w->task == NULL) free(w);
  }
}
#endif /* __EMSCRIPTEN__ */
