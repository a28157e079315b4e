/* The web build's host side in C, for web/wasio.mjs: lists a module's
 * entry points (WASIO_ENTRY), starts one on a host-driven loop, steps it,
 * interrupts it, closes it. JavaScript owns the waiting: it calls
 * wasio_web_step() and schedules the next call after the delay it returns.
 *
 * One run at a time per instance: web/wasio.mjs gives each run that
 * overlaps another an instance of its own, so the state here (the run's
 * options, the last outcome) is per instance. */
#include "../src/internal.h"

#include <emscripten.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Lines of the run: Module.onWasioEvent(t, text); t is the loop's clock,
 * or -1 (plain code, outside any loop) or -2 (wasio_run's own steps). */
EM_JS(void, js_event, (double t, const char *text), {
  if (Module.onWasioEvent) Module.onWasioEvent(t, UTF8ToString(text));
});

/* task events: Module.onWasioTrace(kind, t, id, task, detail, status,
 * fn, file, line); fn and file null when not known */
/* (fn and file are the program's string literals, which never move: read
 * once each; an empty detail is not read at all) */
EM_JS(void, js_trace, (int kind, double t, int id, const char *task,
                       const char *detail, int status, const char *fn,
                       const char *file, int line), {
  if (!Module.onWasioTrace) return;
  var literals = Module.wasioLiterals || (Module.wasioLiterals = new Map());
  function literal(ptr) {
    if (!ptr) return null;
    var text = literals.get(ptr);
    if (text === undefined) literals.set(ptr, text = UTF8ToString(ptr));
    return text;
  }
  Module.onWasioTrace(kind, t, id, UTF8ToString(task),
                      HEAPU8[detail] ? UTF8ToString(detail) : "", status,
                      literal(fn), literal(file), line);
});

/* For modules whose lines come through a sink of their own (the demos'
 * demo_log): the same event as a line of stdout. */
void wasio_web_event(double t, const char *text) { js_event(t, text); }

static void trace_event(const wasio_trace_event *ev, void *arg) {
  (void)arg;
  js_trace((int)ev->kind, ev->time, (int)ev->task_id, ev->task, ev->detail,
           ev->status, ev->fn, ev->file, ev->line);
}

/* A JSON string: quotes, backslashes and control characters escaped (a
 * task's name is whatever the program set). */
void wasio_web_json_str(char **p, char *end, const char *s) {
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
#define json_str wasio_web_json_str

static void json_append(char **p, char *end, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(*p, (size_t)(end - *p), fmt, ap);
  va_end(ap);
  *p += n < 0 ? 0 : n < end - *p ? n : end - *p - 1;
}


/* The module's entry points as JSON: [{"name", "summary", "params",
 * "modes"}]; params is "key=default, ..." or "". NULL, the message saying
 * why, if a WASIO_ENTRY declaration was refused or memory ran out. */
EMSCRIPTEN_KEEPALIVE const char *wasio_web_entries(void) {
  static char *buf;
  static size_t size = 4096;
  if (wasio_entry_error() != NULL) { /* a declaration was refused */
    wasio_fail(WASIO_EINVAL, "%s", wasio_entry_error());
    return NULL;
  }
  for (;;) {
    free(buf);
    if ((buf = malloc(size)) == NULL) {
      wasio_fail(WASIO_ENOMEM, "out of memory listing the entry points");
      return NULL;
    }
    char *p = buf, *end = buf + size - 64;
    json_append(&p, end, "[");
    for (const wasio_entry *e = wasio_entry_next(NULL); e != NULL;
         e = wasio_entry_next(e)) {
      json_append(&p, end, "%s{\"name\":", e == wasio_entry_next(NULL) ? "" : ",");
      json_str(&p, end, e->name);
      json_append(&p, end, ",\"summary\":");
      json_str(&p, end, e->summary ? e->summary : "");
      json_append(&p, end, ",\"params\":");
      json_str(&p, end, e->params ? e->params : "");
      json_append(&p, end, ",\"modes\":[");
      for (size_t m = 0; e->modes != NULL && e->modes[m] != NULL; m++) {
        json_append(&p, end, "%s", m ? "," : "");
        json_str(&p, end, e->modes[m]);
      }
      json_append(&p, end, "]}");
    }
    json_append(&p, end, "]");
    if (end - p > 16) return buf;
    size *= 2; /* it filled the buffer: once more with room */
  }
}

/* debug lines become events too */
static void debug_event(const char *line, void *arg) {
  (void)arg;
  js_event(wasio_now() >= 0 ? wasio_now() : -2, line);
}

/* The loop's clock for JavaScript, which stamps the program's stdout
 * lines with it: -1 outside a running loop. */
EMSCRIPTEN_KEEPALIVE double wasio_web_now(void) { return wasio_now(); }

typedef struct web_run {
  wasio_loop *loop; /* NULL: plain code that ran its loops already */
  int pace;         /* virtual clock: JS decides when time moves */
  unsigned steps;
  int plain_status;
  int implicit; /* Node style: the implicit loop, no main task */
  int interrupted;
  int virtual_time;
  wasio_run_opts opts;
  wasio_entry_args args;
  char *params; /* the pairs, copied */
} web_run;

static wasio_outcome last;

static void run_free(web_run *run) {
  free(run->params);
  free(run);
}

/* The entry's mode named `mode`, or NULL if it has none such. */
static const char *entry_mode(const wasio_entry *e, const char *mode) {
  if (e->modes == NULL || e->modes[0] == NULL)
    return mode[0] == '\0' ? "" : NULL;
  for (size_t m = 0; e->modes[m] != NULL; m++)
    if (strcmp(e->modes[m], mode) == 0) return e->modes[m];
  return NULL;
}

/* The bytes of the pairs "key\0value\0...\0", the final empty key's
 * included (web/demos.c reads them too). */
size_t wasio_web_pairs_len(const char *pairs) {
  const char *p = pairs;
  while (*p) {
    p += strlen(p) + 1;
    p += strlen(p) + 1;
  }
  return (size_t)(p - pairs) + 1;
}

/* What an entry's check or plain code returned, as a code: 0 or a
 * negative WASIO_E..., anything else refused (it is not one). */
static int code_of(const wasio_entry *e, const char *who, int rc) {
  if (rc <= 0) return rc;
  return wasio_fail(WASIO_EINVAL, "%s of entry %s returned %d; it returns 0 "
                    "or a negative WASIO_E... code", who, e->name, rc);
}

/* Starts entry `name`. params: "key\0value\0...\0" (the pairs end with an
 * empty key). flags: 1 = trace (task events), 2 = pace: on the virtual
 * clock, step() reports the delay and leaves moving the clock to JS
 * (wasio_web_advance), for slowed-down and step-by-step runs. Returns a
 * run handle (> 0) or a negative WASIO_E... code. */
EMSCRIPTEN_KEEPALIVE intptr_t wasio_web_start(const char *name,
                                              const char *mode,
                                              const char *params,
                                              int virtual_time, int flags) {
  memset(&last, 0, sizeof last); /* no message of an earlier run */
  wasio__set_error_msg(0, NULL);
  const wasio_entry *e = wasio_entry_find(name);
  if (e == NULL)
    return wasio_fail(WASIO_EINVAL, "this module has no entry point '%s'",
                      name);
  if (mode == NULL || mode[0] == '\0')
    mode = e->modes && e->modes[0] ? e->modes[0] : "";
  size_t len = params != NULL ? wasio_web_pairs_len(params) : 1;
  web_run *run = calloc(1, sizeof *run);
  if (run == NULL || (run->params = malloc(len)) == NULL) {
    free(run);
    return wasio_fail(WASIO_ENOMEM, "out of memory");
  }
  if (params != NULL) memcpy(run->params, params, len);
  else run->params[0] = '\0';
  run->args.entry = e;
  run->args.mode = mode;
  run->args.params = run->params;
  run->args.opts = &run->opts;
  /* the entry's own check first, in its own words (the mode as asked
   * for); then what every entry must pass: a mode it has, parameters it
   * declares */
  int rc = e->check != NULL ? code_of(e, "the check", e->check(&run->args))
                            : 0;
  /* the entry's own string: the caller's goes away after this call */
  run->args.mode = entry_mode(e, mode);
  if (rc == 0 && run->args.mode == NULL)
    rc = wasio_fail(WASIO_EINVAL, "%s has no mode '%s'", e->name, mode);
  for (const char *p = run->params; rc == 0 && *p;) {
    if (!wasio_entry_takes_param(e, p, strlen(p)))
      rc = wasio_fail(WASIO_EINVAL, "%s has no parameter '%s'; %s%s", e->name,
                      p, e->params ? "it takes: " : "it takes none",
                      e->params ? e->params : "");
    p += strlen(p) + 1;
    p += strlen(p) + 1;
  }
  if (rc != 0) {
    run_free(run);
    return rc;
  }
  run->pace = (flags & 2) != 0;
  run->virtual_time = virtual_time;
  if (e->opts != NULL) run->opts = *e->opts;
  run->opts.clock = virtual_time ? WASIO_CLOCK_VIRTUAL : WASIO_CLOCK_REAL;
  run->opts.log = debug_event;
  run->opts.log_arg = NULL;
  run->opts.trace = (flags & 1) ? trace_event : NULL;
  run->opts.trace_arg = NULL;
  if (e->main == NULL ||
      (e->plain != NULL && e->plain_mode != NULL &&
       strcmp(mode, e->plain_mode) == 0)) {
    /* plain code. Node style: the tasks it spawns go on the implicit loop,
     * stepped from here. Or it runs loops itself (wasio_run, a Runner):
     * they block, so only the virtual clock serves here; the real one
     * reports WASIO_ENOTSUP from inside. */
    rc = wasio_implicit_init(&run->opts);
    if (rc == 0) rc = code_of(e, "the plain code", e->plain(&run->args));
    run->loop = wasio_implicit_loop();
    if (run->loop != NULL) {
      run->implicit = 1;
    } else {
      run->plain_status = rc;
      if (rc != 0) /* its own message if it set one, else the code's */
        snprintf(last.message, sizeof last.message, "%s",
                 wasio__error_code() == rc ? wasio_error_message()
                                           : wasio_strerror(rc));
      return (intptr_t)run;
    }
  } else {
    rc = wasio_loop_new(&run->loop, &run->opts);
    if (rc == 0) rc = wasio_loop_start(run->loop, e->main, &run->args);
  }
  if (rc != 0) {
    if (run->implicit) wasio_implicit_run();
    else if (run->loop) wasio_loop_close(run->loop, NULL);
    run_free(run);
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

/* Runs on the loop, as Ctrl-C's handling does: cancels the main task, or
 * every task of the implicit loop, which has none. */
static void cancel_main(void *arg) {
  web_run *run = arg;
  static const char msg[] = "aborted by the AbortSignal";
  if (run->loop->main != NULL) wasio__cancel(run->loop->main, msg);
  else wasio__loop_cancel_all(run->loop, msg);
}

/* Paced runs: moves the virtual clock on by `seconds`. */
EMSCRIPTEN_KEEPALIVE int wasio_web_advance(intptr_t handle, double seconds) {
  web_run *run = (web_run *)handle;
  return run->loop ? wasio_loop_advance(run->loop, seconds) : 0;
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
    if (status != 0)
      snprintf(last.message, sizeof last.message, "%s",
               status == WASIO_EFAIL ? "a task of the implicit loop failed and "
                                       "nobody retrieved its error"
                                     : wasio_strerror(status));
  } else {
    status = wasio_loop_close(run->loop, &last);
  }
  if (run->interrupted && (status == WASIO_ECANCELLED || status == 0)) {
    status = WASIO_EINTR;
    last.status = status;
    strcpy(last.message, "aborted: the main task was cancelled and its "
           "cleanup ran");
  }
  run_free(run);
  wasio__js_forget();
  /* A line the program left without its newline comes out now, with a
   * NUL after it: Emscripten's stdout hands JavaScript what it holds at a
   * newline or a NUL (an empty string if it holds nothing). */
  fputc('\0', stdout);
  fflush(stdout);
  return status;
}

EMSCRIPTEN_KEEPALIVE const char *wasio_web_message(void) {
  if (last.message[0]) return last.message;
  /* a refused start: this call's own message, else the code's */
  return wasio_error_message();
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
