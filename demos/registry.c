/* The list of demos and the event log they share. */
#define _POSIX_C_SOURCE 200809L
#include "demo.h"

#include <errno.h>
#include <time.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const wasio_demo demo_hello, demo_say_after, demo_timeline,
    demo_lifecycle, demo_bad_vs_better, demo_nested, demo_structured,
    demo_concurrent, demo_errors, demo_timeout, demo_cancel, demo_debug,
    demo_client, demo_server, demo_runner, demo_styles, demo_stdin,
    demo_interrupt, demo_crowd, demo_lateness, demo_readfile, demo_script,
    demo_bench, demo_stress;

/* In the order a learner meets them: the seeds' examples first. */
const wasio_demo *const wasio_demos[] = {
    &demo_hello,      &demo_say_after, &demo_timeline,   &demo_lifecycle,
    &demo_bad_vs_better, &demo_nested, &demo_structured, &demo_concurrent,
    &demo_errors,     &demo_timeout,   &demo_cancel,     &demo_debug,
    &demo_client,     &demo_server,    &demo_runner,     &demo_styles,
    &demo_stdin,      &demo_interrupt, &demo_crowd,      &demo_lateness,
    &demo_script,     &demo_bench,      &demo_stress,
#if defined(__EMSCRIPTEN__)
    &demo_readfile, /* needs JavaScript promises */
#endif
    NULL};

const wasio_demo *demo_find(const char *name) {
  for (size_t i = 0; name != NULL && wasio_demos[i] != NULL; i++)
    if (strcmp(wasio_demos[i]->name, name) == 0) return wasio_demos[i];
  return NULL;
}

unsigned demo_this_build(void) {
#if defined(__EMSCRIPTEN__)
  return DEMO_WEB;
#elif defined(__wasi__)
  return DEMO_WASI;
#else
  return DEMO_NATIVE;
#endif
}

int demo_runs_here(const wasio_demo *d) {
  return !(d->not_in & demo_this_build());
}

const char *demo_builds(const wasio_demo *d) {
  static const char *const names[] = {"native", "WASI", "web build"};
  static char buf[64];
  buf[0] = '\0';
  for (unsigned b = 0; b < 3; b++) {
    if (d->not_in & (1u << b)) continue;
    if (buf[0]) strcat(buf, ", ");
    strcat(buf, names[b]);
  }
  return buf;
}

int demo_has_mode(const wasio_demo *d, const char *mode) {
  for (size_t i = 0; d->modes[i] != NULL; i++)
    if (strcmp(d->modes[i], mode) == 0) return 1;
  return 0;
}

static void print_line(double t, const char *text) {
  if (t == -2)
    printf("[ run() ] %s\n", text);
  else if (t < 0)
    printf("[ main()] %s\n", text);
  else
    printf("[%.3fs] %s\n", t, text);
  errno = 0;
  if (fflush(stdout) != 0 && errno == EPIPE) {
    /* Nobody reads any more (`| head -1`): stop, as a native program does
     * on SIGPIPE; WASI has no signals, so a demo would run on unheard. */
    fputs("wasio: cannot write to standard output: the reader has gone\n",
          stderr);
    _Exit(1);
  }
}

void (*demo_sink)(double t, const char *text) = print_line;

static void emit(double t, const char *fmt, va_list ap) {
  char text[512];
  vsnprintf(text, sizeof text, fmt, ap);
  demo_sink(t, text);
}

void demo_log(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  emit(wasio_now(), fmt, ap);
  va_end(ap);
}

void demo_say(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  emit(-1, fmt, ap);
  va_end(ap);
}

void demo_block(double seconds) {
  wasio_loop *loop;
  if (wasio_get_running_loop(&loop) == 0 && wasio_loop_advance(loop, seconds) == 0)
    return; /* the virtual clock: the time passes all the same */
  double until = wasio_now() + seconds;
  while (wasio_now() < until) {
  }
}

/* A key given twice: the last value counts, as with most options. */
const char *demo_param(const demo_args *args, const char *key,
                       const char *fallback, char *buf, size_t len) {
  size_t klen = strlen(key);
  const char *found = fallback;
  for (const char *p = args->params; p != NULL && *p;) {
    const char *end = strchr(p, ';');
    size_t n = end ? (size_t)(end - p) : strlen(p);
    if (n >= klen + 1 && strncmp(p, key, klen) == 0 && p[klen] == '=') {
      size_t vlen = n - klen - 1;
      if (vlen >= len) vlen = len - 1;
      memcpy(buf, p + klen + 1, vlen);
      buf[vlen] = '\0';
      found = buf;
    }
    p = end ? end + 1 : NULL;
  }
  return found;
}

int demo_param_error;

/* A number as people write it in decimal: digits, with a point and an
 * exponent when `real`. Not what strtol and strtod take besides: leading
 * spaces, hexadecimal ("0x10" is 16 to strtod), "inf", "nan". */
static int plain_decimal(const char *v, int real) {
  const char *p = v;
  int digits = 0;
  if (*p == '+' || *p == '-') p++;
  while (*p >= '0' && *p <= '9') p++, digits++;
  if (real && *p == '.')
    for (p++; *p >= '0' && *p <= '9'; p++) digits++;
  if (digits == 0) return 0;
  if (real && (*p == 'e' || *p == 'E')) {
    p++;
    if (*p == '+' || *p == '-') p++;
    if (!(*p >= '0' && *p <= '9')) return 0;
    while (*p >= '0' && *p <= '9') p++;
  }
  return *p == '\0';
}

int demo_param_long(const demo_args *args, const char *key, long fallback,
                    long min, long max, long *out) {
  char buf[64];
  const char *v = demo_param(args, key, NULL, buf, sizeof buf);
  if (v == NULL) {
    *out = fallback;
    return 0;
  }
  char *end;
  errno = 0;
  long n = strtol(v, &end, 10);
  if (!plain_decimal(v, 0) || end == v || *end != '\0' || errno != 0 ||
      n < min || n > max) {
    demo_param_error = 1;
    return wasio_fail(WASIO_EINVAL, "parameter %s: '%s' is not a whole "
                      "number from %ld to %ld", key, v, min, max);
  }
  *out = n;
  return 0;
}

int demo_param_seconds(const demo_args *args, const char *key,
                       double fallback, double *out) {
  char buf[64];
  const char *v = demo_param(args, key, NULL, buf, sizeof buf);
  if (v == NULL) {
    *out = fallback;
    return 0;
  }
  char *end;
  double d = strtod(v, &end);
  if (!plain_decimal(v, 1) || end == v || *end != '\0' || !(d >= 0) ||
      d > 3600) {
    demo_param_error = 1;
    return wasio_fail(WASIO_EINVAL, "parameter %s: '%s' is not a number of "
                      "seconds from 0 to 3600", key, v);
  }
  *out = d;
  return 0;
}

int demo_takes_param(const wasio_demo *d, const char *key, size_t len) {
  /* d->params is an entry point's declaration: "key=default, ..." */
  const wasio_entry declared = {.params = d->params};
  return wasio_entry_takes_param(&declared, key, len);
}

/* Memory the program holds: linear memory in wasm (it only grows), the
 * resident set natively. */
double demo_memory_bytes(void) {
#if defined(__wasm__)
  return (double)__builtin_wasm_memory_size(0) * 65536.0;
#else
  FILE *f = fopen("/proc/self/statm", "r");
  long pages = 0, resident = 0;
  if (f != NULL) {
    if (fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    fclose(f);
  }
  return (double)resident * 4096.0;
#endif
}

double demo_real_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
