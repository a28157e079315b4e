/* wasio_run() and wasio_runner: asyncio.run() and asyncio.Runner for C.
 *
 *   1. refuse to start inside a running loop (that loop is unharmed);
 *   2. create a fresh loop on the chosen host (the loop factory), lazily;
 *   3. wrap main in a task and run the loop until that task is done
 *      (a Runner does this once per run, on the same loop and context);
 *   4. cancel every task still pending and run until they have finished,
 *      so that their cleanup runs;
 *   5. shutdown hooks: close the resources still registered, newest first;
 *   6. close the loop and free everything it owned.
 *
 * wasio_run() is a Runner used once. In debug mode each step is logged as
 * it happens. Also here: the exception handler and resources. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------- exception handler */

int wasio_loop_set_exception_handler(wasio_loop *loop,
                                     wasio_exception_handler handler,
                                     void *arg) {
  if (loop == NULL)
    return wasio__set_error(WASIO_EINVAL, "wasio_loop_set_exception_handler: "
                            "loop is NULL");
  loop->handler = handler;
  loop->handler_arg = arg;
  return 0;
}

void wasio_loop_default_exception_handler(wasio_loop *loop,
                                          const wasio_exception_context *c) {
  char line[768];
  int n = snprintf(line, sizeof line, "wasio: %s", c->message);
  if (c->task && n < (int)sizeof line)
    n += snprintf(line + n, sizeof line - (size_t)n, ": task %s", c->task);
  if (c->created_at && n < (int)sizeof line)
    n += snprintf(line + n, sizeof line - (size_t)n, " (created at %s)",
                  c->created_at);
  if (c->code != 0 && n < (int)sizeof line)
    snprintf(line + n, sizeof line - (size_t)n, ": %s: %s",
             wasio_err_name(c->code),
             c->error ? c->error : wasio_strerror(c->code));
  if (loop != NULL && loop->opts.log != NULL)
    loop->opts.log(line, loop->opts.log_arg);
  else
    fprintf(stderr, "%s\n", line);
}

void wasio__report(wasio_loop *loop, const char *message, int code,
                   const char *error, const wasio__task *t) {
  char where[300];
  wasio_exception_context c = {message, code, error, NULL, NULL};
  if (t != NULL) {
    c.task = t->name;
    if (t->file != NULL) {
      snprintf(where, sizeof where, "%s:%d", t->file, t->line);
      c.created_at = where;
    }
  }
  if (loop->handler != NULL)
    loop->handler(loop, &c, loop->handler_arg);
  else
    wasio_loop_default_exception_handler(loop, &c);
}

/* --------------------------------------------------------------- resources */

int wasio_resource_register_at(wasio_resource *res, const char *name,
                               wasio_cb close, void *arg, const char *file,
                               int line) {
  const char *what = "wasio_resource_register";
  if (res == NULL || close == NULL)
    return wasio__set_error(WASIO_EINVAL, "%s: %s is NULL", what,
                            res ? "close" : "res");
  if (wasio__running == NULL)
    return wasio__set_error(WASIO_ENOLOOP, "%s: no running event loop", what);
  int rc = wasio__loop_accepts(wasio__running, what);
  if (rc != 0) return rc;
  for (wasio__list *p = wasio__running->resources.next;
       p != &wasio__running->resources; p = p->next)
    if (p == &res->_node)
      return wasio__set_error(WASIO_EINVAL, "%s: %s is already registered",
                              what, res->_name);
  res->_name = name ? name : "resource";
  res->_close = close;
  res->_arg = arg;
  res->_loop = wasio__running;
  res->_file = file;
  res->_line = line;
  res->_magic = WASIO__MAGIC_RES;
  wasio__list_push(&wasio__running->resources, &res->_node);
  return 0;
}

int wasio_resource_close(wasio_resource *res) {
  if (res == NULL)
    return wasio__set_error(WASIO_EINVAL, "wasio_resource_close: res is NULL");
  if (res->_magic == WASIO__MAGIC_DEAD)
    return wasio__set_error(WASIO_ESTATE, "wasio_resource_close: %s is "
                            "already closed", res->_name);
  if (res->_magic != WASIO__MAGIC_RES)
    return wasio__set_error(WASIO_EINVAL, "wasio_resource_close: not a "
                            "registered resource");
  wasio__list_remove(&res->_node);
  res->_magic = WASIO__MAGIC_DEAD;
  res->_close(res->_arg);
  return 0;
}

void wasio__close_resources(wasio_loop *loop) {
  size_t n = 0;
  for (wasio__list *p = loop->resources.next; p != &loop->resources; p = p->next)
    n++;
  wasio__debug(loop, "[5] shutdown hooks: closing %zu resource%s left open",
               n, n == 1 ? "" : "s");
  while (!wasio__list_empty(&loop->resources)) {
    wasio_resource *res = WASIO__CONTAINER(loop->resources.prev,
                                           wasio_resource, _node);
    if (loop->opts.debug) {
      char where[300], msg[400];
      snprintf(where, sizeof where, "%s:%d", res->_file, res->_line);
      snprintf(msg, sizeof msg, "resource %s was never closed; closed at "
               "shutdown", res->_name);
      wasio_exception_context c = {msg, 0, NULL, NULL, where};
      if (loop->handler) loop->handler(loop, &c, loop->handler_arg);
      else wasio_loop_default_exception_handler(loop, &c);
    }
    if (wasio_resource_close(res) != 0) /* not a resource: never spin */
      wasio__list_remove(&res->_node);
  }
}

/* ------------------------------------------------------------------ Runner */

/* Steps 1 to 3 in debug mode, as they happen; wasio_loop_start says them
 * too, for a host-driven loop. */
void wasio__debug_step(wasio_loop *loop, int step) {
  if (step == 1)
    wasio__debug(loop, "[1] no event loop is running in this thread");
  else if (step == 2)
    wasio__debug(loop, "[2] created a fresh event loop (%s clock, %s host)",
                 loop->host == &wasio__host_virtual ? "virtual" : "real",
                 loop->host->name);
  else
    wasio__debug(loop, "[3] running main until it completes");
}

static int runner_check(wasio_runner *r, const char *what) {
  if (r == NULL) return wasio__set_error(WASIO_EINVAL, "%s: runner is NULL", what);
  if (r->_magic != WASIO__MAGIC_RUNNER)
    return wasio__set_error(WASIO_EINVAL, "%s: the runner is not initialised",
                            what);
  if (r->_closed)
    return wasio__set_error(WASIO_ECLOSED, "%s: the runner is closed", what);
  return 0;
}

int wasio_runner_init(wasio_runner *r, const wasio_run_opts *opts) {
  if (r == NULL)
    return wasio__set_error(WASIO_EINVAL, "wasio_runner_init: runner is NULL");
  memset(r, 0, sizeof *r);
  if (opts != NULL) r->_opts = *opts;
  r->_magic = WASIO__MAGIC_RUNNER;
  return 0;
}

static int nested(const char *what) {
  (void)what;
  return wasio__set_error(WASIO_ENESTED, "wasio_run() cannot be called from "
                          "a running event loop");
}

/* Steps 1 and 2, on first use. */
static int runner_lazy_init(wasio_runner *r, const char *what) {
  if (r->_loop != NULL) return 0;
  if (wasio__running != NULL) return nested(what);
  wasio_loop *loop;
  int rc = wasio_loop_new(&loop, &r->_opts);
  if (rc != 0) return rc;
  wasio__debug_step(loop, 1);
  if (loop->host->wait == NULL) {
    wasio_loop_close(loop, NULL);
    return wasio__set_error(WASIO_ENOTSUP, "%s: the %s host cannot block; "
                            "drive the loop with wasio_loop_step()", what,
                            WASIO__HOST_REAL.name);
  }
  r->_context = wasio_context_copy();
  if (r->_context == NULL) {
    wasio_loop_close(loop, NULL);
    return wasio__set_error(WASIO_ENOMEM, "%s: out of memory", what);
  }
  wasio__debug_step(loop, 2);
  loop->phase = WASIO__PHASE_MAIN;
  loop->runner_owned = 1;
  r->_loop = loop;
  return 0;
}

static const char interrupted_msg[] =
    "interrupted by Ctrl-C (SIGINT): main was cancelled and its cleanup ran";

static int no_task_left(wasio_loop *loop, void *arg) {
  (void)arg;
  return loop->live == 0;
}

static int task_done(wasio_loop *loop, void *arg) {
  (void)loop;
  return ((wasio__task *)arg)->state == WASIO__TASK_DONE;
}

int wasio_runner_run(wasio_runner *r, wasio_fn main, void *arg,
                     wasio_context *context, wasio_outcome *out) {
  const char *what = "wasio_runner_run";
  int rc = runner_check(r, what);
  if (rc != 0) return rc;
  if (main == NULL) return wasio__set_error(WASIO_EINVAL, "%s: main is NULL", what);
  if (wasio__running != NULL) return nested(what);
  if ((rc = runner_lazy_init(r, what)) != 0) return rc;
  wasio_loop *loop = r->_loop;

  wasio__task *t;
  if ((rc = wasio__task_spawn(loop, main, arg, "main", &t)) != 0)
    return wasio__set_error(rc, "%s: out of memory", what);
  /* main runs in the runner's context itself, not in a copy */
  wasio_context_release(t->context);
  t->context = wasio__context_ref(context ? context : r->_context);
  t->owned = 1;
  wasio__task_hold(t); /* read below even if main released its handle */
  t->awaited = 1;
  loop->main = t;
  wasio__debug_step(loop, 3);
  int failure = wasio__loop_drive(loop, task_done, t, t, what);

  wasio_outcome outcome;
  if (t->state == WASIO__TASK_DONE) {
    wasio__outcome_fill(t, &outcome);
  } else { /* a deadlock that cancelling could not break */
    wasio__outcome_set(&outcome, WASIO_EDEADLK, NULL, NULL);
  }
  t->retrieved = 1;
  t->owned = 0;
  loop->main = NULL;
  wasio__task_drop(t);
  if (failure == WASIO_EINTR && outcome.status == WASIO_ECANCELLED)
    wasio__outcome_set(&outcome, WASIO_EINTR, NULL, interrupted_msg);
  if (out != NULL) *out = outcome;
  if (failure == WASIO_EDEADLK) {
    if (out != NULL)
      wasio__outcome_set(out, failure, NULL, wasio_strerror(failure));
    return wasio__set_error_msg(failure, "wasio_run: deadlock: main is "
                                "waiting and nothing can wake it");
  }
  if (outcome.status < 0) wasio__set_error_msg(outcome.status, outcome.message);
  return outcome.status;
}

int wasio_runner_get_loop(wasio_runner *r, wasio_loop **out) {
  int rc = runner_check(r, "wasio_runner_get_loop");
  if (rc == 0) rc = runner_lazy_init(r, "wasio_runner_get_loop");
  if (out != NULL) *out = rc == 0 ? r->_loop : NULL;
  return rc;
}

int wasio_runner_close(wasio_runner *r) {
  if (r == NULL) return wasio__set_error(WASIO_EINVAL, "wasio_runner_close: "
                                         "runner is NULL");
  if (r->_magic != WASIO__MAGIC_RUNNER)
    return wasio__set_error(WASIO_EINVAL, "wasio_runner_close: the runner is "
                            "not initialised");
  if (r->_closed) return 0;
  wasio_loop *loop = r->_loop;
  if (loop != NULL) {
    /* from a task or callback of this loop or any other: refused, and that
     * loop is unharmed */
    int rc = wasio__loop_shutdown(loop, "wasio_runner_close");
    if (rc == WASIO_ESTATE || rc == WASIO_ENESTED) return rc;
    loop->runner_owned = 0;
    wasio_loop_close(loop, NULL);
    r->_loop = NULL;
  }
  wasio_context_release(r->_context);
  r->_context = NULL;
  r->_closed = 1;
  return 0;
}

int wasio_run(wasio_fn main, void *arg, const wasio_run_opts *opts,
              wasio_outcome *out) {
  if (main == NULL)
    return wasio__set_error(WASIO_EINVAL, "wasio_run: main is NULL");
  if (wasio__running != NULL) return nested("wasio_run");
  wasio_runner r;
  wasio_runner_init(&r, opts);
  int rc = wasio_runner_run(&r, main, arg, NULL, out);
  /* close must not overwrite main's message */
  char message[256];
  snprintf(message, sizeof message, "%s", wasio_error_message());
  wasio_runner_close(&r);
  if (rc < 0) wasio__set_error_msg(rc, message);
  return rc;
}

/* ---------------------------------------------------------- implicit loop
 * Node style: tasks spawned from plain code run after main() returns. */

static wasio_loop *implicit;
static wasio_run_opts implicit_opts;
static int implicit_hooked;

static void implicit_at_exit(void) {
  int rc = wasio_implicit_run();
  if (rc == 0) return;
  /* exit() is already under way: only _Exit may change its status */
  fflush(NULL);
  _Exit(rc == WASIO_EINTR ? 130 : 1);
}

int wasio_implicit_init(const wasio_run_opts *opts) {
  if (implicit != NULL)
    return wasio__set_error(WASIO_ESTATE, "wasio_implicit_init: the implicit "
                            "loop already exists");
  memset(&implicit_opts, 0, sizeof implicit_opts);
  if (opts != NULL) implicit_opts = *opts;
  return 0;
}

wasio_loop *wasio_implicit_loop(void) { return implicit; }

int wasio_spawn(wasio_fn fn, void *arg) {
  if (wasio__running != NULL) return wasio_create_task(NULL, fn, arg);
  if (fn == NULL) return wasio__set_error(WASIO_EINVAL, "wasio_spawn: fn is NULL");
  if (implicit == NULL) {
    wasio_loop *loop;
    int rc = wasio_loop_new(&loop, &implicit_opts);
    if (rc != 0) return rc;
    loop->implicit = 1;
    loop->phase = WASIO__PHASE_MAIN;
    implicit = loop;
    if (!implicit_hooked && atexit(implicit_at_exit) == 0) implicit_hooked = 1;
  }
  wasio__task *t;
  if (wasio__task_spawn(implicit, fn, arg, NULL, &t) != 0)
    return wasio__set_error(WASIO_ENOMEM, "wasio_spawn: out of memory");
  t->awaited = 1; /* spawned to run on its own */
  return 0;
}

int wasio_implicit_run(void) {
  wasio_loop *loop = implicit;
  if (loop == NULL) return 0;
  if (wasio__running != NULL) return nested("wasio_implicit_run");
  implicit = NULL;
  int failure = 0;
  /* A host that cannot block was stepped from outside (or is closed early:
   * the close gives the tasks what steps they can take without waiting). */
  if (loop->phase < WASIO__PHASE_DONE && loop->host->wait != NULL) {
    wasio__debug(loop, "implicit loop: main() has returned; running while "
                 "tasks are pending");
    /* MAIN lasts until no task is left; then the shutdown has nothing to
     * cancel and closes the resources */
    failure = wasio__loop_drive(loop, no_task_left, NULL, NULL,
                                "wasio_implicit_run");
    int rc = wasio__loop_shutdown(loop, "wasio_implicit_run");
    if (failure == 0) failure = rc;
  }
  int status = wasio_loop_close(loop, NULL);
  if (failure != 0) return failure;
  return status;
}
