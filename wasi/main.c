/* The wasio command line, the same program natively and as a WASI module.
 *
 *   wasio list
 *   wasio demo NAME [--mode M] [--virtual-time] [--debug] [--trace FILE]
 *                   [--chart]
 *   wasio demo NAME --help (or wasio demo --help NAME)
 *   wasio --help | --version
 *
 * Exit codes: 0 ok, 1 the demo's main task failed (message on stderr),
 * 2 usage error (the valid choices listed), 130 interrupted by Ctrl-C. */
#include "../demos/demo.h"
#include "timeline.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2, EXIT_INTERRUPTED = 130,
       EXIT_HELP = -1 /* parse printed the help: exit 0, run nothing */ };

static void usage(FILE *to) {
  fputs("usage: wasio list\n"
        "       wasio demo NAME [--mode MODE] [--virtual-time] [--debug]\n"
        "                       [--trace FILE] [--chart] [--set KEY=VALUE]...\n"
        "       wasio demo NAME --help\n"
        "       wasio --help | --version | -V\n"
        "\n"
        "Runs the asyncio teaching demos on the wasio event loop.\n"
        "  --mode MODE      one of the demo's modes (see 'wasio list')\n"
        "  --virtual-time   the virtual clock: exact times, no waiting\n"
        "  --debug          debug mode: the loop's steps, slow callbacks and\n"
        "                   leaks, on stderr\n"
        "  --trace FILE     write the run as Chrome Trace Event JSON (open it\n"
        "                   in Perfetto or chrome://tracing)\n"
        "  --chart          draw the tasks' timeline after the run\n"
        "  --set KEY=VALUE  a demo parameter (see 'wasio demo NAME --help')\n"
        "Options take their value as the next argument or after '='\n"
        "(--mode=gather).\n"
        "Exit codes: 0 ok, 1 the demo failed, 2 usage error, 130 Ctrl-C.\n",
        to);
}

static void print_modes(FILE *to, const wasio_demo *d) {
  for (size_t m = 0; d->modes[m] != NULL; m++)
    fprintf(to, "%s%s", m ? " " : "", d->modes[m]);
}

static void list(void) {
  for (size_t i = 0; wasio_demos[i] != NULL; i++) {
    const wasio_demo *d = wasio_demos[i];
    if (!demo_runs_here(d)) continue;
    int numbered = d->seed[0] >= '0' && d->seed[0] <= '9';
    printf("%-14s %s (%s%s; modes: ", d->name, d->summary,
           numbered ? "seed " : "", d->seed);
    print_modes(stdout, d);
    printf(")\n");
  }
}

static void demo_names(FILE *to) {
  for (size_t i = 0; wasio_demos[i] != NULL; i++)
    if (demo_runs_here(wasio_demos[i])) fprintf(to, " %s", wasio_demos[i]->name);
  fputc('\n', to);
}

static const wasio_demo *find_or_complain(const char *name) {
  const wasio_demo *d = demo_find(name);
  if (d != NULL && !demo_runs_here(d)) {
    fprintf(stderr, "wasio: demo %s does not run here (it runs in: %s)\n",
            d->name, demo_builds(d));
    return NULL;
  }
  if (d == NULL) {
    fprintf(stderr, "wasio: unknown demo '%s'; choose one of:", name);
    demo_names(stderr);
  }
  return d;
}

static int demo_help(const char *name) {
  const wasio_demo *d = find_or_complain(name);
  if (d == NULL) return EXIT_USAGE;
  printf("wasio demo %s: %s\n", d->name, d->summary);
  printf("from %s%s\nmodes: ", d->seed[0] >= '0' && d->seed[0] <= '9'
                                   ? "seed " : "", d->seed);
  print_modes(stdout, d);
  printf(" (default: %s)\n", d->modes[0]);
  if (d->params != NULL) printf("parameters (--set KEY=VALUE): %s\n", d->params);
  printf("runs in: %s\n", demo_builds(d));
  printf("usage: wasio demo %s [--mode MODE] [--virtual-time] [--debug] "
         "[--trace FILE] [--chart]%s\n", d->name,
         d->params != NULL ? " [--set KEY=VALUE]..." : "");
  return EXIT_OK;
}

/* debug lines become demo lines, so that they interleave with the demo's */
static void debug_to_demo(const char *line, void *arg) {
  (void)arg;
  demo_sink(wasio_now() >= 0 ? wasio_now() : -2, line);
}

typedef struct cli {
  const wasio_demo *demo;
  demo_args args;
  wasio_run_opts opts;
  int chart;
  const char *trace_path;
  FILE *trace;
  char params[4096];
} cli;

/* "--mode=gather" is "--mode gather": *name gets "--mode" (copied into
 * buf), *value the rest; any other argument is left as it is. */
static void split_option(const char *a, char *buf, size_t len,
                         const char **name, const char **value) {
  const char *eq = a[0] == '-' && a[1] == '-' ? strchr(a, '=') : NULL;
  *name = a;
  *value = NULL;
  if (eq == NULL || (size_t)(eq - a) >= len) return;
  memcpy(buf, a, (size_t)(eq - a));
  buf[eq - a] = '\0';
  *name = buf;
  *value = eq + 1;
}

static int add_param(cli *c, const char *kv) {
  const char *eq = strchr(kv, '=');
  if (eq == NULL || eq == kv) {
    fprintf(stderr, "wasio: --set needs KEY=VALUE\n");
    return EXIT_USAGE;
  }
  size_t klen = (size_t)(eq - kv);
  int program = klen == 7 && strncmp(kv, "program", 7) == 0;
  if (!demo_takes_param(c->demo, kv, klen)) {
    fprintf(stderr, "wasio: demo %s has no parameter '%.*s'; %s%s\n",
            c->demo->name, (int)klen, kv,
            c->demo->params ? "it takes: " : "it takes none",
            c->demo->params ? c->demo->params : "");
    return EXIT_USAGE;
  }
  /* the script demo's program is its only parameter, and holds ';' */
  if (!program && strchr(eq + 1, ';') != NULL) {
    fprintf(stderr, "wasio: --set %.*s: a value cannot hold ';' (it "
            "separates parameters)\n", (int)klen, kv);
    return EXIT_USAGE;
  }
  if (strlen(eq + 1) > DEMO_VALUE_MAX && !program) {
    fprintf(stderr, "wasio: --set %.*s: the value is too long (at most "
            "%d bytes)\n", (int)klen, kv, DEMO_VALUE_MAX);
    return EXIT_USAGE;
  }
  size_t used = strlen(c->params);
  if (used + strlen(kv) + 2 > sizeof c->params) {
    fprintf(stderr, "wasio: --set: the parameters are too long (at most "
            "%zu bytes)\n", sizeof c->params - 1);
    return EXIT_USAGE;
  }
  if (used) strcat(c->params, ";");
  strcat(c->params, kv);
  c->args.params = c->params;
  return EXIT_OK;
}

/* The options of `wasio demo NAME ...`; EXIT_HELP when it printed the
 * demo's help. */
static int parse(cli *c, int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    char buf[32];
    const char *a, *value;
    split_option(argv[i], buf, sizeof buf, &a, &value);
    int takes_value = strcmp(a, "--mode") == 0 || strcmp(a, "--trace") == 0 ||
                      strcmp(a, "--set") == 0;
    if (value != NULL && !takes_value) {
      if (strcmp(a, "--virtual-time") == 0 || strcmp(a, "--debug") == 0 ||
          strcmp(a, "--chart") == 0 || strcmp(a, "--help") == 0) {
        fprintf(stderr, "wasio: %s takes no value\n", a);
        return EXIT_USAGE;
      }
      a = argv[i]; /* an unknown option, named as given */
    }
    if (takes_value && value == NULL) {
      if (i + 1 >= argc) {
        fprintf(stderr, "wasio: %s needs a value", a);
        if (a[2] == 'm') {
          fprintf(stderr, "; choose one of: ");
          print_modes(stderr, c->demo);
        } else if (a[2] == 's') {
          fprintf(stderr, ": KEY=VALUE");
        }
        fputc('\n', stderr);
        return EXIT_USAGE;
      }
      value = argv[++i];
    }
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      return demo_help(c->demo->name) == EXIT_OK ? EXIT_HELP : EXIT_USAGE;
    } else if (strcmp(a, "--trace") == 0) {
      c->trace_path = value;
    } else if (strcmp(a, "--mode") == 0) {
      c->args.mode = value;
      if (!demo_has_mode(c->demo, c->args.mode)) {
        fprintf(stderr, "wasio: demo %s has no mode '%s'; choose one of: ",
                c->demo->name, c->args.mode);
        print_modes(stderr, c->demo);
        fputc('\n', stderr);
        return EXIT_USAGE;
      }
    } else if (strcmp(a, "--set") == 0) {
      int rc = add_param(c, value);
      if (rc != EXIT_OK) return rc;
    } else if (strcmp(a, "--virtual-time") == 0) {
      c->opts.clock = WASIO_CLOCK_VIRTUAL;
    } else if (strcmp(a, "--debug") == 0) {
      c->opts.debug = 1;
    } else if (strcmp(a, "--chart") == 0) {
      c->chart = 1;
    } else {
      fprintf(stderr, "wasio: unknown option '%s' (see 'wasio demo %s "
              "--help')\n", a, c->demo->name);
      return EXIT_USAGE;
    }
  }
  return EXIT_OK;
}

/* After the run: the chart, the trace file. */
static int report(cli *c) {
  const char *clock = c->opts.clock == WASIO_CLOCK_VIRTUAL ? "virtual" : "real";
  int rc = EXIT_OK;
  if (c->chart) timeline_chart(stdout, clock);
  if (c->trace != NULL) {
    if (timeline_write_trace(c->trace, clock) != 0 || fclose(c->trace) != 0) {
      fprintf(stderr, "wasio: could not write the trace to %s\n",
              c->trace_path);
      rc = EXIT_FAILED;
    }
    c->trace = NULL;
  }
  timeline_free();
  return rc;
}

static cli node_style; /* for the exit hook of a Node-style run */

static void report_at_exit(void) { report(&node_style); }

static int run_demo(int argc, char **argv) {
  if (argc < 1) {
    fputs("wasio: demo: missing demo name; choose one of:", stderr);
    demo_names(stderr);
    return EXIT_USAGE;
  }
  if (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0) {
    if (argc < 2) {
      fputs("wasio: demo --help: which demo? choose one of:", stderr);
      demo_names(stderr);
      return EXIT_USAGE;
    }
    return demo_help(argv[1]);
  }
  cli c;
  memset(&c, 0, sizeof c);
  c.demo = find_or_complain(argv[0]);
  if (c.demo == NULL) return EXIT_USAGE;
  c.args.mode = c.demo->modes[0];
  c.opts.clock = WASIO_CLOCK_REAL;
  int rc = parse(&c, argc, argv);
  if (rc == EXIT_HELP) return EXIT_OK;
  if (rc != EXIT_OK) return rc;
  c.args.opts = &c.opts;
  if (c.demo->debug_log) {
    c.opts.debug = 1;
    c.opts.log = debug_to_demo;
  }
  if (c.chart || c.trace_path != NULL) c.opts.trace = timeline_collect;
  if (c.trace_path != NULL) {
    /* open it now: a path that cannot be written fails before the run */
    c.trace = fopen(c.trace_path, "w");
    if (c.trace == NULL) {
      fprintf(stderr, "wasio: cannot write the trace to %s: %s%s\n",
              c.trace_path, strerror(errno),
#if defined(__wasi__)
              " (under WASI the directory must be preopened: "
              "wasmtime run --dir=. ...)"
#else
              ""
#endif
      );
      return EXIT_USAGE;
    }
  }
  const wasio_demo *d = c.demo;
  int node = d->plain_main != NULL && strcmp(c.args.mode, "node") == 0;
  if (d->main == NULL || node) {
    /* plain code: it runs loops itself (wasio_run, a Runner), or spawns
     * Node style and returns, and the implicit loop runs after main(). */
    if (node) {
      wasio_implicit_init(&c.opts);
      /* exit hooks run newest first: registered before the loop's own
       * (made by the first spawn), the report comes after the loop ran */
      node_style = c;
      atexit(report_at_exit);
    }
    rc = d->plain_main(&c.args);
    if (rc == WASIO_EINTR) { /* Ctrl-C, as for any demo */
      fprintf(stderr, "wasio: %s\n", wasio_error_message());
      if (!node) report(&c);
      return EXIT_INTERRUPTED;
    }
    if (rc != 0) {
      fprintf(stderr, "wasio: demo %s failed: %s: %s\n", d->name,
              wasio_err_name(rc), wasio_error_message());
      if (!node) report(&c);
      return demo_param_error ? EXIT_USAGE : EXIT_FAILED;
    }
    return node ? EXIT_OK : report(&c);
  }
  wasio_outcome out;
  rc = wasio_run(d->main, &c.args, &c.opts, &out);
  int reported = report(&c);
  if (rc == WASIO_EINTR) {
    fprintf(stderr, "wasio: %s\n", out.message);
    return EXIT_INTERRUPTED;
  }
  if (rc != 0) {
    fprintf(stderr, "wasio: demo %s failed: %s: %s\n", d->name,
            wasio_err_name(rc), out.message[0] ? out.message
                                               : wasio_strerror(rc));
    return demo_param_error ? EXIT_USAGE : EXIT_FAILED;
  }
  return reported;
}

/* Output that could not be written is a failure, not a silent loss: a full
 * disk, a closed stdout. Checked when main returns and, for what Node-style
 * runs print after it, once more at exit. */
static int output_failed(void) {
  static int said;
  errno = 0;
  int flushed = fflush(stdout);
  int why = errno;
  if (flushed == 0 && !ferror(stdout)) return 0;
  if (!said++)
    fprintf(stderr, "wasio: cannot write to standard output%s%s\n",
            why ? ": " : "", why ? strerror(why) : "");
  return 1;
}

static void check_output_at_exit(void) {
  if (output_failed()) _Exit(EXIT_FAILED);
}

static int dispatch(int argc, char **argv);

int main(int argc, char **argv) {
  atexit(check_output_at_exit); /* registered first: runs last */
  int rc = dispatch(argc, argv);
  if (output_failed()) return rc == EXIT_OK ? EXIT_FAILED : rc;
  return rc;
}

static int dispatch(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
      strcmp(cmd, "help") == 0) {
    usage(stdout);
    return EXIT_OK;
  }
  if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
    printf("wasio %s\n", WASIO_VERSION_STRING);
    return EXIT_OK;
  }
  if (strcmp(cmd, "list") == 0) {
    list();
    return EXIT_OK;
  }
  if (strcmp(cmd, "demo") == 0) return run_demo(argc - 2, argv + 2);
  fprintf(stderr, "wasio: unknown command '%s' (see 'wasio --help')\n", cmd);
  return EXIT_USAGE;
}
