/* The CLI's --chart and --trace: task events collected during a run, drawn
 * afterwards as an ASCII timeline (one lane per task, like the seeds'
 * diagrams) or written as Chrome Trace Event JSON (Perfetto,
 * chrome://tracing). */
#include "timeline.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct rec {
  wasio_trace_kind kind;
  double time;
  uint32_t id;
  char task[32];
  char detail[96];
} rec;

static rec *recs;
static size_t nrecs, caprecs;
static int lost;

void timeline_collect(const wasio_trace_event *ev, void *arg) {
  (void)arg;
  if (nrecs == caprecs) {
    size_t cap = caprecs ? caprecs * 2 : 256;
    rec *r = realloc(recs, cap * sizeof *r);
    if (r == NULL) {
      lost = 1;
      return;
    }
    recs = r;
    caprecs = cap;
  }
  rec *r = &recs[nrecs++];
  r->kind = ev->kind;
  r->time = ev->time;
  r->id = ev->task_id;
  snprintf(r->task, sizeof r->task, "%s", ev->task);
  snprintf(r->detail, sizeof r->detail, "%s", ev->detail);
}

void timeline_free(void) {
  free(recs);
  recs = NULL;
  nrecs = caprecs = 0;
}

/* ------------------------------------------------------------------ chart */

#define WIDTH 60

static int column(double t, double end) {
  int c = (int)floor(t / end * (WIDTH - 1) + 1e-9);
  return c < 0 ? 0 : c >= WIDTH ? WIDTH - 1 : c;
}

/* What a column shows when several things happen in it. */
static int rank(char c) {
  switch (c) {
    case '*': case 'x': case 'c': return 4;
    case '#': return 3;
    case '-': return 2;
    case '.': return 1;
    default: return 0;
  }
}

static void paint(char *lane, int from, int to, char c) {
  for (int i = from; i <= to; i++)
    if (rank(c) > rank(lane[i])) lane[i] = c;
}

void timeline_chart(FILE *to, const char *clock) {
  if (nrecs == 0) return;
  double end = 0;
  uint32_t max_id = 0;
  for (size_t i = 0; i < nrecs; i++) {
    if (recs[i].time > end) end = recs[i].time;
    if (recs[i].id > max_id) max_id = recs[i].id;
  }
  if (end <= 0) end = 0.001;
  fprintf(to, "\ntimeline (%s clock): %.3f s, one column = %.3f s\n", clock,
          end, end / (WIDTH - 1));
  /* the time axis: round steps (1, 2 or 5 times a power of ten), about
   * six labels across */
  char axis[WIDTH + 16];
  memset(axis, ' ', sizeof axis);
  axis[sizeof axis - 1] = '\0';
  double step = pow(10, floor(log10(end / 6)));
  if (end / step > 15) step *= 5;
  else if (end / step > 6) step *= 2;
  int free_from = 0;
  for (double t = 0; t <= end + 1e-9; t += step) {
    char label[16];
    int n = snprintf(label, sizeof label, "%gs", round(t * 1e6) / 1e6);
    int c = column(t, end);
    if (c < free_from || c + n >= (int)sizeof axis) continue;
    memcpy(axis + c, label, (size_t)n);
    free_from = c + n + 1;
  }
  while (axis[0] && axis[strlen(axis) - 1] == ' ') axis[strlen(axis) - 1] = 0;
  fprintf(to, "%-14s %s\n", "", axis);
  for (uint32_t id = 1; id <= max_id; id++) {
    char lane[WIDTH + 1];
    memset(lane, ' ', WIDTH);
    lane[WIDTH] = '\0';
    const char *name = NULL;
    double since = 0;
    char state = ' ';
    for (size_t i = 0; i < nrecs; i++) {
      const rec *r = &recs[i];
      if (r->id != id) continue;
      name = r->task; /* the latest name wins */
      int c = column(r->time, end);
      if (state != ' ') paint(lane, column(since, end), c, state);
      switch (r->kind) {
        case WASIO_TRACE_CREATED: state = '.'; break;
        case WASIO_TRACE_STARTED:
        case WASIO_TRACE_RESUMED: paint(lane, c, c, '#'); state = ' '; break;
        case WASIO_TRACE_WAITING: paint(lane, c, c, '#'); state = '-'; break;
        case WASIO_TRACE_DONE: paint(lane, c, c, '*'); state = ' '; break;
        case WASIO_TRACE_ERROR: paint(lane, c, c, 'x'); state = ' '; break;
        case WASIO_TRACE_CANCELLED: paint(lane, c, c, 'c'); state = ' '; break;
        case WASIO_TRACE_TIMER:
        case WASIO_TRACE_RENAMED: break; /* the latest name wins */
      }
      since = r->time;
    }
    if (name != NULL) fprintf(to, "%-14.14s %s\n", name, lane);
  }
  fprintf(to, "%-14s # ran  - waiting  . ready  * done  x error  c cancelled\n",
          "");
  if (lost) fprintf(to, "(out of memory: some events are missing)\n");
}

/* ------------------------------------------------------------------ trace */

static void json_string(FILE *f, const char *s) {
  fputc('"', f);
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
    else if (c < 0x20) fprintf(f, "\\u%04x", c);
    else fputc(c, f);
  }
  fputc('"', f);
}

static void json_event(FILE *f, int *first, const char *name, const char *cat,
                       const char *ph, double ts, double dur, uint32_t tid) {
  fprintf(f, "%s\n{\"name\":", *first ? "" : ",");
  *first = 0;
  json_string(f, name);
  fprintf(f, ",\"cat\":\"%s\",\"ph\":\"%s\",\"ts\":%.3f", cat, ph, ts * 1e6);
  if (dur >= 0) fprintf(f, ",\"dur\":%.3f", dur * 1e6);
  if (ph[0] == 'i') fprintf(f, ",\"s\":\"t\"");
  fprintf(f, ",\"pid\":1,\"tid\":%u", (unsigned)tid);
}

int timeline_write_trace(FILE *f, const char *clock) {
  uint32_t max_id = 0;
  for (size_t i = 0; i < nrecs; i++)
    if (recs[i].id > max_id) max_id = recs[i].id;
  fprintf(f, "{\"displayTimeUnit\":\"ms\",\"otherData\":{\"clock\":\"%s\","
          "\"generator\":\"wasio " WASIO_VERSION_STRING "\"},\"traceEvents\":[",
          clock);
  int first = 1;
  for (uint32_t id = 1; id <= max_id; id++) {
    double created = -1, wait_start = -1;
    const char *name = NULL, *outcome = NULL, *error = "";
    char wait_what[96] = "";
    for (size_t i = 0; i < nrecs; i++) {
      const rec *r = &recs[i];
      if (r->id != id) continue;
      name = r->task;
      switch (r->kind) {
        case WASIO_TRACE_CREATED: created = r->time; break;
        case WASIO_TRACE_WAITING:
          wait_start = r->time;
          snprintf(wait_what, sizeof wait_what, "%s", r->detail);
          break;
        case WASIO_TRACE_RESUMED:
          if (wait_start >= 0) {
            json_event(f, &first, wait_what, "wait", "X", wait_start,
                       r->time - wait_start, id);
            fputc('}', f);
          }
          wait_start = -1;
          break;
        case WASIO_TRACE_TIMER:
          json_event(f, &first, "timer fired", "timer", "i", r->time, -1, id);
          fputc('}', f);
          break;
        case WASIO_TRACE_DONE: outcome = "done"; break;
        case WASIO_TRACE_ERROR: outcome = "error"; error = r->detail; break;
        case WASIO_TRACE_CANCELLED: outcome = "cancelled"; break;
        case WASIO_TRACE_STARTED:
        case WASIO_TRACE_RENAMED: break;
      }
      if (outcome != NULL && r->kind >= WASIO_TRACE_DONE &&
          r->kind <= WASIO_TRACE_CANCELLED) {
        if (wait_start >= 0) { /* woken only to finish (cancelled) */
          json_event(f, &first, wait_what, "wait", "X", wait_start,
                     r->time - wait_start, id);
          fputc('}', f);
          wait_start = -1;
        }
        json_event(f, &first, name, "task", "X", created, r->time - created,
                   id);
        fprintf(f, ",\"args\":{\"outcome\":\"%s\",\"error\":", outcome);
        json_string(f, error);
        fputs("}}", f);
      }
    }
    if (name == NULL) continue;
    fprintf(f, "%s\n{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,"
            "\"tid\":%u,\"args\":{\"name\":", first ? "" : ",", (unsigned)id);
    first = 0;
    json_string(f, name);
    fputs("}}", f);
  }
  fputs("\n]}\n", f);
  return ferror(f) ? -1 : 0;
}
