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
 * it happens. Also here: the implicit loop of the Node style. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ Runner */

static int runner_check(wasio_runner *r, const char *what) {
  WASIO__CHECK_INIT(r, WASIO__MAGIC_RUNNER, what);
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
  if (loop->host->driven) {
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

/* A run refused before main started: its outcome says why too. */
static int refused(wasio_outcome *out, int rc) {
  if (out != NULL) wasio__outcome_set(out, rc, NULL, wasio_error_message());
  return rc;
}

int wasio_runner_run(wasio_runner *r, wasio_fn main, void *arg,
                     wasio_context *context, wasio_outcome *out) {
  const char *what = "wasio_runner_run";
  int rc = runner_check(r, what);
  if (rc != 0) return refused(out, rc);
  if (main == NULL)
    return refused(out, wasio__set_error(WASIO_EINVAL, "%s: main is NULL",
                                         what));
  if (wasio__running != NULL) return refused(out, nested(what));
  if ((rc = runner_lazy_init(r, what)) != 0) return refused(out, rc);
  wasio_loop *loop = r->_loop;

  wasio__task *t;
  if ((rc = wasio__task_spawn(loop, main, arg, "main", &t)) != 0)
    return refused(out, wasio__set_error(rc, "%s: out of memory", what));
  /* main runs in the runner's context itself, not in a copy */
  wasio_context_release(t->context);
  t->context = wasio__context_ref(context ? context : r->_context);
  t->owned = 1;
  wasio__task_hold(t); /* read below even if main released its handle */
  t->awaited = 1;
  loop->main = t;
  wasio__debug_step(loop, 3);
  int failure = wasio__loop_drive(loop, t, what);

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
  if (failure != 0 && failure != WASIO_EINTR) {
    /* the host could not wait (its message is the last error) */
    if (out != NULL)
      wasio__outcome_set(out, failure, NULL, wasio_error_message());
    return failure;
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
  WASIO__CHECK_INIT(r, WASIO__MAGIC_RUNNER, "wasio_runner_close");
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
    return refused(out, wasio__set_error(WASIO_EINVAL, "wasio_run: main is "
                                         "NULL"));
  if (wasio__running != NULL) return refused(out, nested("wasio_run"));
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
  if (loop->phase < WASIO__PHASE_DONE && !loop->host->driven) {
    wasio__debug(loop, "implicit loop: main() has returned; running while "
                 "tasks are pending");
    /* MAIN lasts until no task is left; then the shutdown has nothing to
     * cancel and closes the resources */
    failure = wasio__loop_drive(loop, NULL, "wasio_implicit_run");
    int rc = wasio__loop_shutdown(loop, "wasio_implicit_run");
    if (failure == 0) failure = rc;
  }
  int status = wasio_loop_close(loop, NULL);
  if (failure != 0) return failure;
  return status;
}
