/* script (the playground's scenario builder): a small program of tasks and
 * their steps, run on the real loop. One task per line:
 *
 *   main: sleep 0.5; await A; print done
 *   A: sleep 1; print hello
 *   B: sleep 2; print world; cancel A
 *
 * Every task but main is created when the program starts, in order; main
 * then runs its steps, and whatever is still pending when it returns is
 * cancelled, as asyncio.run does. Steps: sleep SECONDS, print TEXT,
 * await TASK, gather TASK TASK..., wait_for TASK SECONDS, cancel TASK.
 * The program comes as the parameter "program=..." (the rest of the
 * parameters); mistakes are reported with their line. */
#include "demo.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TASKS 16
#define MAX_STEPS 32
#define MAX_TARGETS 8

typedef enum { SLEEP, PRINT, AWAIT, GATHER, WAIT_FOR, CANCEL } step_kind;

typedef struct step {
  step_kind kind;
  double seconds;
  char text[64];
  int targets[MAX_TARGETS];
  int ntargets;
} step;

typedef struct script_task {
  char name[24];
  step steps[MAX_STEPS];
  int nsteps;
} script_task;

typedef struct script {
  script_task tasks[MAX_TASKS];
  int ntasks;
  wasio_task handles[MAX_TASKS];
} script;

static const char default_program[] =
    "main: sleep 0.5; print waiting for A and B; gather A B; print done\n"
    "A: sleep 1; print hello\n"
    "B: sleep 2; print world";

/* The next piece of *s up to one of `delims` (cut there), or NULL at the
 * end: strsep, which strict C11 lacks. */
static char *piece(char **s, const char *delims) {
  char *start = *s;
  if (start == NULL) return NULL;
  char *end = start + strcspn(start, delims);
  *s = *end ? end + 1 : NULL;
  *end = '\0';
  return start;
}

static char *trim(char *s) {
  while (isspace((unsigned char)*s)) s++;
  char *e = s + strlen(s);
  while (e > s && isspace((unsigned char)e[-1])) *--e = '\0';
  return s;
}

static int find_task(const script *sc, const char *name) {
  for (int i = 0; i < sc->ntasks; i++)
    if (strcmp(sc->tasks[i].name, name) == 0) return i;
  return -1;
}

static int seconds_of(const char *word, double *out, int line) {
  char *end;
  double d = strtod(word, &end);
  if (end == word || *end != '\0' || !(d >= 0) || d > 3600)
    return wasio_fail(WASIO_EINVAL, "line %d: '%s' is not a number of seconds "
                      "from 0 to 3600", line, word);
  *out = d;
  return 0;
}

/* Pass 1 names the tasks (so steps can refer to later ones); pass 2 reads
 * the steps. */
static int parse(script *sc, char *text) {
  char *lines[MAX_TASKS + 1];
  int nlines = 0, line_no[MAX_TASKS + 1];
  int n = 0;
  for (char *rest = text, *l; (l = piece(&rest, "\n")) != NULL;) {
    n++;
    l = trim(l);
    if (*l == '\0' || *l == '#') continue;
    if (nlines == MAX_TASKS)
      return wasio_fail(WASIO_EINVAL, "line %d: at most %d tasks", n, MAX_TASKS);
    char *colon = strchr(l, ':');
    if (colon == NULL)
      return wasio_fail(WASIO_EINVAL, "line %d: expected 'NAME: step; step'", n);
    *colon = '\0';
    char *name = trim(l);
    if (*name == '\0' || strlen(name) >= sizeof sc->tasks[0].name ||
        strpbrk(name, " \t") != NULL)
      return wasio_fail(WASIO_EINVAL, "line %d: a task name is one word of "
                        "up to 23 characters", n);
    if (find_task(sc, name) >= 0)
      return wasio_fail(WASIO_EINVAL, "line %d: task %s is defined twice", n,
                        name);
    strcpy(sc->tasks[sc->ntasks++].name, name);
    lines[nlines] = colon + 1;
    line_no[nlines++] = n;
  }
  if (find_task(sc, "main") != 0)
    return wasio_fail(WASIO_EINVAL, "the first task must be 'main'");
  for (int t = 0; t < nlines; t++) {
    script_task *task = &sc->tasks[t];
    int ln = line_no[t];
    for (char *more = lines[t], *s; (s = piece(&more, ";")) != NULL;) {
      s = trim(s);
      if (*s == '\0') continue;
      if (task->nsteps == MAX_STEPS)
        return wasio_fail(WASIO_EINVAL, "line %d: at most %d steps a task", ln,
                          MAX_STEPS);
      step *st = &task->steps[task->nsteps++];
      memset(st, 0, sizeof *st);
      char *rest = s + strcspn(s, " \t");
      if (*rest) *rest++ = '\0';
      rest = trim(rest);
      int rc;
      if (strcmp(s, "print") == 0) {
        st->kind = PRINT;
        snprintf(st->text, sizeof st->text, "%s", rest);
        continue;
      }
      if (strcmp(s, "sleep") == 0) {
        st->kind = SLEEP;
        if ((rc = seconds_of(rest, &st->seconds, ln)) != 0) return rc;
        continue;
      }
      if (strcmp(s, "await") == 0) st->kind = AWAIT;
      else if (strcmp(s, "gather") == 0) st->kind = GATHER;
      else if (strcmp(s, "wait_for") == 0) st->kind = WAIT_FOR;
      else if (strcmp(s, "cancel") == 0) st->kind = CANCEL;
      else
        return wasio_fail(WASIO_EINVAL, "line %d: unknown step '%s' (sleep, "
                          "print, await, gather, wait_for, cancel)", ln, s);
      for (char *words = rest, *w; (w = piece(&words, " \t")) != NULL;) {
        if (*w == '\0') continue; /* two spaces in a row */
        if (st->kind == WAIT_FOR && st->ntargets == 1) {
          if ((rc = seconds_of(w, &st->seconds, ln)) != 0) return rc;
          st->ntargets = -1; /* the number came: nothing more */
          continue;
        }
        int target = find_task(sc, w);
        if (target < 0)
          return wasio_fail(WASIO_EINVAL, "line %d: no task named '%s'", ln, w);
        if (target == 0 || target == t)
          return wasio_fail(WASIO_EINVAL, "line %d: %s cannot %s %s", ln,
                            task->name, s, w);
        if (st->ntargets < 0 || st->ntargets == MAX_TARGETS ||
            (st->kind != GATHER && st->ntargets == 1))
          return wasio_fail(WASIO_EINVAL, "line %d: too many tasks for %s",
                            ln, s);
        st->targets[st->ntargets++] = target;
      }
      if (st->kind == WAIT_FOR && st->ntargets != -1)
        return wasio_fail(WASIO_EINVAL, "line %d: wait_for TASK SECONDS", ln);
      if (st->kind == WAIT_FOR) st->ntargets = 1;
      if (st->ntargets == 0)
        return wasio_fail(WASIO_EINVAL, "line %d: %s which task?", ln, s);
    }
  }
  return 0;
}

typedef struct run_task {
  script *sc;
  int index;
} run_task;

static run_task runners[MAX_TASKS];

static int run_steps(void *arg, void **result) {
  const run_task *rt = arg;
  script *sc = rt->sc;
  const script_task *task = &sc->tasks[rt->index];
  (void)result;
  for (int i = 0; i < task->nsteps; i++) {
    const step *st = &task->steps[i];
    wasio_task targets[MAX_TARGETS];
    for (int k = 0; k < st->ntargets; k++) targets[k] = sc->handles[st->targets[k]];
    const char *first = st->ntargets ? sc->tasks[st->targets[0]].name : "";
    int rc = 0;
    switch (st->kind) {
      case PRINT: demo_log("%s: %s", task->name, st->text); break;
      case SLEEP: rc = wasio_sleep(st->seconds); break;
      case AWAIT: rc = wasio_await(targets[0], NULL); break;
      case GATHER: rc = wasio_gather(targets, (size_t)st->ntargets, NULL); break;
      case WAIT_FOR:
        rc = wasio_wait_for(targets[0], st->seconds, NULL);
        if (rc == WASIO_ETIMEDOUT) {
          demo_log("%s: wait_for %s timed out after %g s", task->name, first,
                   st->seconds);
          rc = 0;
        }
        break;
      case CANCEL:
        demo_log("%s: cancel %s", task->name, first);
        wasio_cancel(targets[0]);
        break;
    }
    if (rc == WASIO_ECANCELLED) {
      demo_log("%s: cancelled", task->name);
      return rc;
    }
    if (rc != 0) demo_log("%s: %s: %s", task->name, wasio_err_name(rc),
                          wasio_error_message());
  }
  return 0;
}

static int script_main(void *arg, void **result) {
  const demo_args *args = arg;
  static script sc;
  memset(&sc, 0, sizeof sc);
  const char *p = args->params;
  const char *source = p && strncmp(p, "program=", 8) == 0 ? p + 8
                                                           : default_program;
  char *text = malloc(strlen(source) + 1);
  if (text == NULL) return wasio_fail(WASIO_ENOMEM, "out of memory");
  strcpy(text, source);
  int rc = parse(&sc, text);
  free(text);
  if (rc != 0) {
    demo_param_error = rc == WASIO_EINVAL; /* a bad program: a usage error */
    return rc;
  }
  for (int i = 1; i < sc.ntasks; i++) {
    runners[i] = (run_task){&sc, i};
    if ((rc = wasio_create_task(&sc.handles[i], run_steps, &runners[i])) != 0)
      return rc;
    wasio_task_set_name(sc.handles[i], sc.tasks[i].name);
  }
  runners[0] = (run_task){&sc, 0};
  rc = run_steps(&runners[0], result);
  for (int i = 1; i < sc.ntasks; i++) wasio_task_release(sc.handles[i]);
  return rc;
}

static const char *const modes[] = {"run", NULL};

const wasio_demo demo_script = {
    .name = "script",
    .summary = "the playground's scenario builder: tasks and their steps",
    .seed = "wasio: playground",
    .modes = modes,
    .main = script_main,
    .params = "program=<main: ...\\nA: ...>",
};
