/* Task events for wasio_run_opts.trace: what the CLI's --chart and --trace,
 * the JS API's onEvent and the playground draw. Nothing is formatted or
 * called unless a trace function is set. */
#include "internal.h"

#include <stdio.h>

const char *wasio_trace_kind_name(wasio_trace_kind kind) {
  static const char *const names[] = {"created", "started",   "waiting",
                                      "resumed", "done",      "error",
                                      "cancelled", "timer"};
  return WASIO__NAME(names, kind, "unknown");
}

void wasio__trace(wasio__task *t, wasio_trace_kind kind, const char *detail,
                  int status) {
  wasio_loop *loop = t->loop;
  if (!WASIO__TRACING(loop)) return;
  wasio_trace_event ev;
  ev.kind = kind;
  ev.time = (double)wasio__loop_time(loop) / 1e9;
  ev.task_id = t->id;
  ev.task = wasio__task_name(t);
  ev.detail = detail ? detail : "";
  ev.status = status;
  loop->in_hook++; /* a hook runs in the middle of a switch: no await */
  loop->opts.trace(&ev, loop->opts.trace_arg);
  loop->in_hook--;
}

void wasio__waiting_on_(wasio__task *t, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(t->loop->what, sizeof t->loop->what, fmt, ap);
  va_end(ap);
}
