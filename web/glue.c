/* The Emscripten build's entry points for web/wasio.mjs: start a demo on a
 * host-driven loop, step it, interrupt it, close it. JavaScript owns the
 * waiting: it calls wasio_web_step() and schedules the next call after the
 * delay it returns. */
#include "../demos/demo.h"

#include <emscripten.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* demo_log lines become JS events: Module.onWasioEvent(t, text). */
EM_JS(void, js_event, (double t, const char *text), {
  if (Module.onWasioEvent) Module.onWasioEvent(t, UTF8ToString(text));
});

/* task events: Module.onWasioTrace(kind, t, id, task, detail, status) */
EM_JS(void, js_trace, (int kind, double t, int id, const char *task,
                       const char *detail, int status), {
  if (Module.onWasioTrace)
    Module.onWasioTrace(kind, t, id, UTF8ToString(task), UTF8ToString(detail),
                        status);
});

static void trace_event(const wasio_trace_event *ev, void *arg) {
  (void)arg;
  js_trace((int)ev->kind, ev->time, (int)ev->task_id, ev->task, ev->detail,
           ev->status);
}

/* The demos as JSON for list(): [{"name", "summary", "seed", "params",
 * "modes"}]; params is "key=default, ..." or "". */
/* A JSON string: quotes, backslashes and control characters escaped (a
 * task's name is whatever the program set). */
static void json_str(char **p, char *end, const char *s) {
  if (*p < end) *(*p)++ = '"';
  for (; *s && *p < end - 8; s++) {
    unsigned char c = (unsigned char)*s;
    if (c < 0x20) {
      *p += snprintf(*p, (size_t)(end - *p), "\\u%04x", c);
      continue;
    }
    if (c == '"' || c == '\\') *(*p)++ = '\\';
    *(*p)++ = (char)c;
  }
  if (*p < end) *(*p)++ = '"';
}

EMSCRIPTEN_KEEPALIVE const char *wasio_web_list(void) {
  static char buf[8192];
  char *p = buf, *end = buf + sizeof buf - 64;
  *p++ = '[';
  int first = 1;
  for (size_t i = 0; wasio_demos[i] != NULL && p < end; i++) {
    const wasio_demo *d = wasio_demos[i];
    if (!demo_runs_here(d)) continue;
    p += snprintf(p, (size_t)(end - p), "%s{\"name\":", first ? "" : ",");
    first = 0;
    json_str(&p, end, d->name);
    p += snprintf(p, (size_t)(end - p), ",\"summary\":");
    json_str(&p, end, d->summary);
    p += snprintf(p, (size_t)(end - p), ",\"seed\":");
    json_str(&p, end, d->seed);
    p += snprintf(p, (size_t)(end - p), ",\"params\":");
    json_str(&p, end, d->params ? d->params : "");
    p += snprintf(p, (size_t)(end - p), ",\"builds\":[");
    static const char *const builds[] = {"native", "wasi", "web"};
    for (unsigned b = 0, n = 0; b < 3; b++)
      if (!(d->not_in & (1u << b)))
        p += snprintf(p, (size_t)(end - p), "%s\"%s\"", n++ ? "," : "",
                      builds[b]);
    p += snprintf(p, (size_t)(end - p), "],\"modes\":[");
    for (size_t m = 0; d->modes[m] != NULL; m++) {
      if (m) *p++ = ',';
      json_str(&p, end, d->modes[m]);
    }
    p += snprintf(p, (size_t)(end - p), "]}");
  }
  *p++ = ']';
  *p = '\0';
  return buf;
}

/* debug lines of debug_log demos become events too */
static void debug_event(const char *line, void *arg) {
  (void)arg;
  js_event(wasio_now() >= 0 ? wasio_now() : -2, line);
}

typedef struct web_run {
  wasio_loop *loop; /* NULL: plain code that ran its loops already */
  int pace;         /* virtual clock: JS decides when time moves */
  unsigned steps;
  char params[4096];
  int plain_status;
  int implicit; /* Node style: the implicit loop, no main task */
  int interrupted;
  demo_args args;
  char mode[32];
  int virtual_time;
} web_run;

static wasio_outcome last;

/* Returns a run handle (> 0) or a negative WASIO_E... code. */
/* flags: 1 = pace: on the virtual clock, step() reports the delay and
 * leaves moving the clock to JS (wasio_web_advance), for slowed-down and
 * step-by-step runs. */
EMSCRIPTEN_KEEPALIVE intptr_t wasio_web_start(const char *demo,
                                              const char *mode,
                                              const char *params,
                                              int virtual_time, int trace,
                                              int flags) {
  memset(&last, 0, sizeof last); /* no message of an earlier run */
  const wasio_demo *d = demo_find(demo);
  if (d == NULL) return wasio_fail(WASIO_EINVAL, "unknown demo '%s'", demo);
  if (!demo_runs_here(d))
    return wasio_fail(WASIO_ENOTSUP, "demo %s does not run in the web build "
                      "(it runs in: %s)", d->name, demo_builds(d));
  if (mode == NULL || mode[0] == '\0') mode = d->modes[0];
  if (!demo_has_mode(d, mode) || strlen(mode) >= 32)
    return wasio_fail(WASIO_EINVAL, "demo %s has no mode '%s'", d->name, mode);
  web_run *run = calloc(1, sizeof *run);
  if (run == NULL) return wasio_fail(WASIO_ENOMEM, "out of memory");
  strcpy(run->mode, mode);
  run->args.mode = run->mode;
  /* every key one the demo takes, as the CLI's --set checks it ("program",
   * the script demo's, comes last and may hold ';') */
  for (const char *p = params; p != NULL && *p;) {
    const char *eq = strchr(p, '=');
    const char *semi = strchr(p, ';');
    if (eq == NULL || (semi != NULL && semi < eq) || eq == p) {
      free(run);
      return wasio_fail(WASIO_EINVAL, "parameters are KEY=VALUE;KEY=VALUE");
    }
    if (!demo_takes_param(d, p, (size_t)(eq - p))) {
      free(run);
      return wasio_fail(WASIO_EINVAL, "demo %s has no parameter '%.*s'; %s%s",
                        d->name, (int)(eq - p), p,
                        d->params ? "it takes: " : "it takes none",
                        d->params ? d->params : "");
    }
    if (eq - p == 7 && strncmp(p, "program", 7) == 0) break;
    size_t vlen = semi ? (size_t)(semi - eq - 1) : strlen(eq + 1);
    if (vlen > DEMO_VALUE_MAX) {
      free(run);
      return wasio_fail(WASIO_EINVAL, "parameter %.*s: the value is too long "
                        "(at most %d bytes)", (int)(eq - p), p,
                        DEMO_VALUE_MAX);
    }
    p = semi ? semi + 1 : NULL;
  }
  if (params != NULL && params[0] != '\0') {
    if (strlen(params) >= sizeof run->params) {
      free(run);
      return wasio_fail(WASIO_EINVAL, "the parameters are too long (at most "
                        "%zu bytes)", sizeof run->params - 1);
    }
    strcpy(run->params, params);
    run->args.params = run->params;
  }
  run->pace = flags & 1;
  run->virtual_time = virtual_time;
  static wasio_run_opts opts;
  memset(&opts, 0, sizeof opts);
  opts.clock = virtual_time ? WASIO_CLOCK_VIRTUAL : WASIO_CLOCK_REAL;
  if (d->debug_log) {
    opts.debug = 1;
    opts.log = debug_event;
  }
  if (trace) opts.trace = trace_event;
  run->args.opts = &opts;
  demo_sink = js_event;
  int rc;
  if (d->main == NULL) {
    /* plain code that runs loops itself (wasio_run, a Runner): they block,
     * so only the virtual clock can serve here; the real one reports
     * WASIO_ENOTSUP from inside */
    run->plain_status = d->plain_main(&run->args);
    if (run->plain_status != 0)
      snprintf(last.message, sizeof last.message, "%s", wasio_error_message());
    return (intptr_t)run;
  }
  if (d->plain_main != NULL && strcmp(mode, "node") == 0) {
    /* Node style: plain code spawns; the implicit loop is stepped. */
    run->implicit = 1;
    rc = wasio_implicit_init(&opts);
    if (rc == 0) rc = d->plain_main(&run->args);
    run->loop = wasio_implicit_loop();
    if (rc == 0 && run->loop == NULL)
      rc = wasio_fail(WASIO_ESTATE, "demo %s spawned nothing", d->name);
  } else {
    rc = wasio_loop_new(&run->loop, &opts);
    if (rc == 0) rc = wasio_loop_start(run->loop, d->main, &run->args);
  }
  if (rc != 0) {
    if (run->implicit) wasio_implicit_run();
    else if (run->loop) wasio_loop_close(run->loop, NULL);
    free(run);
    return rc;
  }
  return (intptr_t)run;
}

/* One step. Returns the seconds until the next step is due (0: now), -1 if
 * nothing is scheduled (a promise may still settle), -2 once the run is
 * complete, or a code <= -100 (-100 + WASIO_E...) on failure. On the
 * virtual clock the loop jumps to its next deadline here, so the answer is
 * never a real delay. */
EMSCRIPTEN_KEEPALIVE double wasio_web_step(intptr_t handle) {
  web_run *run = (web_run *)handle;
  double delay;
  if (run->loop == NULL) return -2; /* plain code: done already */
  /* Iterations go on inside one call while work is ready now and the time
   * slice lasts: a trip through the JS event loop per iteration would cost
   * more than the iteration. Paced runs take exactly one. */
  double slice_end = emscripten_get_now() + 8;
  for (;;) {
    int rc = wasio_loop_step(run->loop, &delay);
    run->steps++;
    if (rc < 0) return -100 + rc;
    if (rc == 0) return -2;
    if (run->pace) return delay;
    if (run->virtual_time && delay > 0) {
      wasio_loop_advance(run->loop, delay);
      delay = 0;
    }
    if (delay != 0 || emscripten_get_now() >= slice_end) return delay;
  }
}

/* Runs on the loop: main is the first task it has (and is named so);
 * on the implicit loop every task is cancelled. */
static void cancel_main(void *arg) {
  web_run *run = arg;
  wasio_task all[256];
  int n = wasio_all_tasks(all, 256);
  for (int i = 0; i < n && i < 256; i++) {
    int is_main = strcmp(wasio_task_name(all[i]), "main") == 0;
    if (run->implicit || is_main)
      wasio_cancel_msg(all[i], "aborted by the AbortSignal");
  }
}

/* Paced runs: moves the virtual clock on by `seconds`. */
EMSCRIPTEN_KEEPALIVE int wasio_web_advance(intptr_t handle, double seconds) {
  web_run *run = (web_run *)handle;
  return run->loop ? wasio_loop_advance(run->loop, seconds) : 0;
}

static void json_append(char **p, char *end, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(*p, (size_t)(end - *p), fmt, ap);
  va_end(ap);
  *p += n < 0 ? 0 : n < end - *p ? n : end - *p - 1;
}

/* The snapshot's JSON, written as wasio_loop_inspect visits the items:
 * the first SNAPSHOT_LISTED ready entries and timers (while the buffer
 * keeps SNAPSHOT_ROOM bytes for one more: a name escaped takes up to
 * 6 * 31). */
#define SNAPSHOT_LISTED 200
#define SNAPSHOT_ROOM 512

typedef struct snapshot {
  char *p, *end;
  unsigned steps;
  size_t ready, timers; /* listed so far */
  int in_timers;        /* the ready list is closed, the timers' opened */
} snapshot;

static void snapshot_timers(snapshot *s) {
  if (!s->in_timers) json_append(&s->p, s->end, "],\"timers\":[");
  s->in_timers = 1;
}

static int snapshot_item(const wasio_inspect_item *it, void *arg) {
  snapshot *s = arg;
  const char *who = it->task_id != 0 ? it->name : "(callback)";
  int full = s->end - s->p < SNAPSHOT_ROOM;
  switch (it->kind) {
    case WASIO_INSPECT_LOOP:
      json_append(&s->p, s->end, "{\"time\":%.9f,\"steps\":%u,\"live\":%zu,"
                  "\"phase\":\"%s\",\"counts\":{\"ready\":%zu,"
                  "\"timers\":%zu},\"ready\":[", it->time, s->steps,
                  it->tasks, it->detail, it->ready, it->timers);
      return 0;
    case WASIO_INSPECT_READY_TASK:
    case WASIO_INSPECT_READY_CALLBACK:
      if (s->ready == SNAPSHOT_LISTED || full) return 0;
      json_append(&s->p, s->end, "%s", s->ready++ ? "," : "");
      json_str(&s->p, s->end, who);
      return 0;
    case WASIO_INSPECT_TASK:
      return 1; /* tasks are not listed: the walk can end here */
    default: /* a timer */
      snapshot_timers(s);
      if (s->timers == SNAPSHOT_LISTED || full) return 0;
      json_append(&s->p, s->end, "%s{\"at\":%.9f,\"what\":\"%s\",\"task\":",
                  s->timers++ ? "," : "", it->time,
                  wasio_inspect_kind_name(it->kind));
      json_str(&s->p, s->end, who);
      json_append(&s->p, s->end, "}");
      return 0;
  }
}

/* The loop's insides between steps, as JSON: the clock, the step count,
 * the tasks not done (live), the phase, the ready queue in order and the
 * armed timers soonest first (the first 200 of each; counts says how many
 * there are in all). NULL if there is no memory to look (the message says
 * so). */
EMSCRIPTEN_KEEPALIVE const char *wasio_web_snapshot(intptr_t handle) {
  static char buf[128 * 1024];
  web_run *run = (web_run *)handle;
  if (run->loop == NULL)
    return "{\"time\":0,\"steps\":0,\"live\":0,\"phase\":\"done\","
           "\"counts\":{\"ready\":0,\"timers\":0},\"ready\":[],"
           "\"timers\":[]}";
  snapshot s = {buf, buf + sizeof buf, run->steps, 0, 0, 0};
  if (wasio_loop_inspect(run->loop, snapshot_item, &s) < 0) return NULL;
  snapshot_timers(&s);
  json_append(&s.p, s.end, "]}");
  return buf;
}

/* AbortSignal: Ctrl-C's counterpart. Cancels the main task (every task of
 * the implicit loop) so that its cleanup runs. */
EMSCRIPTEN_KEEPALIVE int wasio_web_interrupt(intptr_t handle) {
  web_run *run = (web_run *)handle;
  if (run->loop == NULL) return 0;
  run->interrupted = 1;
  return wasio_loop_call_soon(run->loop, NULL, cancel_main, run);
}

/* Closes the run; returns main's status (WASIO_EINTR if an abort cancelled
 * it). The message stays readable with wasio_web_message(). */
EMSCRIPTEN_KEEPALIVE int wasio_web_close(intptr_t handle) {
  web_run *run = (web_run *)handle;
  int status;
  if (run->loop == NULL) {
    status = run->plain_status;
    char message[sizeof last.message];
    snprintf(message, sizeof message, "%s", last.message);
    memset(&last, 0, sizeof last);
    last.status = status;
    if (status != 0) snprintf(last.message, sizeof last.message, "%s", message);
  } else if (run->implicit) {
    status = wasio_implicit_run();
    memset(&last, 0, sizeof last);
    last.status = status;
  } else {
    status = wasio_loop_close(run->loop, &last);
  }
  if (run->interrupted && (status == WASIO_ECANCELLED || status == 0)) {
    status = WASIO_EINTR;
    last.status = status;
    strcpy(last.message, "aborted: the main task was cancelled and its "
           "cleanup ran");
  }
  free(run);
  return status;
}

EMSCRIPTEN_KEEPALIVE const char *wasio_web_message(void) {
  return last.message[0] ? last.message : wasio_error_message();
}

EMSCRIPTEN_KEEPALIVE const char *wasio_web_err_name(int code) {
  return wasio_err_name(code);
}

/* C's names and numbers for web/wasio.mjs, read once when the module is
 * loaded: {"traceKinds": the names of wasio_trace_kind by value,
 * "errors": {"EINVAL": {"code": -1, "message": "invalid argument"}, ...}}. */
EMSCRIPTEN_KEEPALIVE const char *wasio_web_names(void) {
  static char buf[8192];
  char *p = buf, *end = buf + sizeof buf;
  json_append(&p, end, "{\"traceKinds\":[");
  for (int k = 0; strcmp(wasio_trace_kind_name((wasio_trace_kind)k),
                         "unknown") != 0; k++) {
    json_append(&p, end, "%s", k ? "," : "");
    json_str(&p, end, wasio_trace_kind_name((wasio_trace_kind)k));
  }
  json_append(&p, end, "],\"errors\":{");
  const char *sep = "";
#define XX(name, value, msg)                                                \
  json_append(&p, end, "%s\"%s\":{\"code\":%d,\"message\":", sep, #name, \
              WASIO_##name);                                                \
  json_str(&p, end, wasio_strerror(WASIO_##name));                          \
  json_append(&p, end, "}");                                                \
  sep = ",";
  WASIO_ERRNO_MAP(XX)
#undef XX
  json_append(&p, end, "}}");
  return buf;
}
