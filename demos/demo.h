/* The teaching demos: each one a main task the CLI, the Node runner and the
 * JS API run on the real loop. */
#ifndef WASIO_DEMO_H
#define WASIO_DEMO_H

#include "../src/wasio.h"

typedef struct demo_args {
  const char *mode;            /* one of the demo's modes; never NULL */
  const wasio_run_opts *opts;  /* the CLI's options, for plain_main's runs */
  const char *params;          /* "key=value;key=value", or NULL */
} demo_args;

/* A parameter of the run (--set key=value, or the playground's fields):
 * its value, or `fallback`. Numbers must be finite and within [min, max];
 * anything else is refused with a message naming the parameter. */
const char *demo_param(const demo_args *args, const char *key,
                       const char *fallback, char *buf, size_t len);
int demo_param_seconds(const demo_args *args, const char *key,
                       double fallback, double *out);
int demo_param_long(const demo_args *args, const char *key, long fallback,
                    long min, long max, long *out);
/* Set when a parameter was refused: the CLI then exits 2 (usage), not 1. */
extern int demo_param_error;

typedef struct wasio_demo {
  const char *name;
  const char *summary;
  const char *seed;          /* the seed document it comes from */
  const char *const *modes;  /* NULL-terminated; the first is the default */
  wasio_fn main;             /* arg: a demo_args*; NULL: plain_main only */
  /* Plain code, called from the program's main() with no loop running: for
   * the mode "node" (it spawns tasks and returns), or for every mode when
   * main is NULL (it runs loops itself: wasio_run, a Runner). */
  int (*plain_main)(const demo_args *args);
  /* Nonzero: run in debug mode, the debug lines shown as demo lines. */
  int debug_log;
  /* The parameters it reads, "key=default, ..." for --help; NULL: none. */
  const char *params;
  /* The builds it cannot run in (DEMO_ bits; 0: it runs in every one). */
  unsigned not_in;
} wasio_demo;

/* The builds, as bits. */
enum { DEMO_NATIVE = 1, DEMO_WASI = 2, DEMO_WEB = 4, DEMO_BUILDS = 7 };
/* This build's bit. */
unsigned demo_this_build(void);
/* 1 if d runs in this build (the CLI's `wasio list` and the JS list() show
 * those; starting another fails with WASIO_ENOTSUP). */
int demo_runs_here(const wasio_demo *d);
/* The builds d runs in, for people: "native, WASI, web build". */
const char *demo_builds(const wasio_demo *d);

/* Every demo, NULL-terminated. */
extern const wasio_demo *const wasio_demos[];
const wasio_demo *demo_find(const char *name);
/* 1 if `mode` is one of the demo's modes. */
int demo_has_mode(const wasio_demo *d, const char *mode);
/* 1 if the demo takes the parameter key[0..len) (its `params` names it). */
int demo_takes_param(const wasio_demo *d, const char *key, size_t len);
/* The longest parameter value a demo reads (the script demo's program
 * aside): the CLI and the JS API refuse longer ones instead of cutting. */
#define DEMO_VALUE_MAX 47

/* One event line, "[S.SSSs] text", stamped with the loop's clock. */
void demo_log(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* A line from plain code outside any loop: "[ main()] text". */
void demo_say(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* Blocks the whole loop for `seconds`, as time.sleep() or a long
 * computation would: on the virtual clock, time moves on without the loop
 * seeing it; on the real one, a busy wait (a page's thread would freeze
 * just the same). */
void demo_block(double seconds);

/* Memory the program holds, in bytes: the resident set natively, the
 * linear memory's size in wasm (which only grows). */
double demo_memory_bytes(void);
/* The monotonic clock's reading in seconds (for measuring, not the loop's
 * time). */
double demo_real_seconds(void);

/* Where demo_log lines go: stdout unless an embedder sets another sink. */
extern void (*demo_sink)(double t, const char *text);

#endif
