/* The built-in demos as a web module like any other: each demo that runs
 * in the web build is an entry point (wasio_entry), which web/wasio.mjs's
 * run(name) starts through load()'s machinery. The demos read their
 * parameters as "key=value;key=value" (demo_args, as the CLI's --set
 * gives them): the entry's pairs are written that way for them, with
 * `program`, the script demo's, last, since it may hold ';'. */
#include "../demos/demo.h"

#include <emscripten.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void wasio_web_event(double t, const char *text); /* web/app.c */
void wasio_web_json_str(char **p, char *end, const char *s);
size_t wasio_web_pairs_len(const char *pairs);

/* One run at a time per instance (web/app.c): its demo_args. */
static demo_args args;
static char *params;

static const wasio_demo *demo_of(const wasio_entry_args *a) {
  return demo_find(a->entry->name);
}

/* Refuses what the CLI refuses, in its words: a mode or a parameter the
 * demo does not have, values too long for the demos' buffers, and ';' or
 * '=' where the demos' format cannot hold them. */
static int demo_check(const wasio_entry_args *a) {
  const wasio_demo *d = demo_of(a);
  if (!demo_has_mode(d, a->mode))
    return wasio_fail(WASIO_EINVAL, "demo %s has no mode '%s'", d->name,
                      a->mode);
  for (const char *p = a->params; *p;) {
    const char *value = p + strlen(p) + 1;
    if (!demo_takes_param(d, p, strlen(p)))
      return wasio_fail(WASIO_EINVAL, "demo %s has no parameter '%s'; %s%s",
                        d->name, p, d->params ? "it takes: " : "it takes none",
                        d->params ? d->params : "");
    if (strcmp(p, "program") != 0) {
      if (strpbrk(p, ";=") != NULL || strchr(value, ';') != NULL)
        return wasio_fail(WASIO_EINVAL, "parameter %s: ';' and '=' are not "
                          "allowed", p);
      if (strlen(value) > DEMO_VALUE_MAX)
        return wasio_fail(WASIO_EINVAL, "parameter %s: the value is too "
                          "long (at most %d bytes)", p, DEMO_VALUE_MAX);
    }
    p = value + strlen(value) + 1;
  }
  return 0;
}

/* The pairs as "key=value;key=value", program last. */
static int demo_args_of(const wasio_entry_args *a) {
  size_t len = wasio_web_pairs_len(a->params); /* "k\0v\0" -> "k=v;" */
  free(params);
  if ((params = malloc(len)) == NULL)
    return wasio_fail(WASIO_ENOMEM, "out of memory");
  char *out = params;
  const char *program = NULL;
  for (const char *p = a->params; *p;) {
    const char *value = p + strlen(p) + 1;
    if (strcmp(p, "program") == 0) program = value;
    else out += sprintf(out, "%s%s=%s", out == params ? "" : ";", p, value);
    p = value + strlen(value) + 1;
  }
  if (program != NULL)
    sprintf(out, "%sprogram=%s", out == params ? "" : ";", program);
  args.mode = a->mode;
  args.opts = a->opts;
  args.params = params[0] ? params : NULL;
  return 0;
}

static int demo_main(void *arg, void **result) {
  const wasio_entry_args *a = arg;
  int rc = demo_args_of(a);
  return rc != 0 ? rc : demo_of(a)->main(&args, result);
}

static int demo_plain(const wasio_entry_args *a) {
  int rc = demo_args_of(a);
  return rc != 0 ? rc : demo_of(a)->plain_main(&args);
}

static const wasio_run_opts debug_opts = {.debug = 1};

__attribute__((constructor)) static void demos_register(void) {
  static wasio_entry entries[64];
  size_t n = 0;
  for (size_t i = 0; wasio_demos[i] != NULL && n < 64; i++) {
    const wasio_demo *d = wasio_demos[i];
    if (!demo_runs_here(d)) continue;
    wasio_entry *e = &entries[n++];
    e->name = d->name;
    e->summary = d->summary;
    e->params = d->params;
    e->modes = d->modes;
    e->main = d->main ? demo_main : NULL;
    e->plain = d->plain_main ? demo_plain : NULL;
    e->plain_mode = d->main && d->plain_main ? "node" : NULL;
    e->opts = d->debug_log ? &debug_opts : NULL;
    e->check = demo_check;
    wasio_entry_register(e);
  }
  demo_sink = wasio_web_event;
}

/* What list() adds to the entries for the demos, as JSON: {"NAME":
 * {"seed", "builds", "ownLoops"}} for every demo, including those the web build does
 * not run (list() shows only what runs here; run() names the others). */
EMSCRIPTEN_KEEPALIVE const char *wasio_demos_info(void) {
  static char buf[8192];
  char *p = buf, *end = buf + sizeof buf - 64;
  *p++ = '{';
  static const char *const builds[] = {"native", "wasi", "web"};
  for (size_t i = 0; wasio_demos[i] != NULL && p < end; i++) {
    const wasio_demo *d = wasio_demos[i];
    if (i) *p++ = ',';
    wasio_web_json_str(&p, end, d->name);
    p += snprintf(p, (size_t)(end - p), ":{\"seed\":");
    wasio_web_json_str(&p, end, d->seed);
    p += snprintf(p, (size_t)(end - p), ",\"builds\":[");
    for (unsigned b = 0, k = 0; b < 3; b++)
      if (!(d->not_in & (1u << b)))
        p += snprintf(p, (size_t)(end - p), "%s\"%s\"", k++ ? "," : "",
                      builds[b]);
    /* plain code that runs its own loops (wasio_run, a Runner): in a page
     * they run to their end at once, whatever the pace asked for */
    p += snprintf(p, (size_t)(end - p), "],\"ownLoops\":%s}",
                  d->main == NULL ? "true" : "false");
  }
  *p++ = '}';
  *p = '\0';
  return buf;
}
