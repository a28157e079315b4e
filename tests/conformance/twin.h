/* The C side of the twin suite (see twin.py for the trace format). Each
 * tests/conformance/NAME.c defines `int twin_NAME(void)`, which runs the
 * program (usually `return twin_run(main_fn);`) and prints its trace with
 * twin_log. Everything else in the file is static: all twins link into one
 * program, tests/conformance/main.c, run once per target. */
#ifndef WASIO_TWIN_H
#define WASIO_TWIN_H

#include "../../src/wasio.h"

#include <stdint.h>

/* "%.3f " of the loop's clock ("- " outside a loop), then the text. */
void twin_log(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* A status as the trace shows it: "ok", "ECANCELLED", "EUSER boom" (a
 * program's own error carries its message), "EGROUP a b" (the group's
 * errors, each as err() names it, spaces as underscores). The string lives
 * until the next call of err or outcome (a few buffers rotate). */
const char *err(int rc);
/* "ok R" for a status 0 with a result (R is the intptr_t in *result). */
const char *result_of(int rc, void *result);
/* How a finished task ended: "ok R", "cancelled", "error NAME"; "pending"
 * while it runs. */
const char *outcome(wasio_task t);

/* A program's own error: wasio_fail(WASIO_EUSER, msg), Python's Boom. */
int boom(const char *msg);

/* wasio_run(main) on the virtual clock, with an exception handler that
 * logs "handler TASK NAME"; prints "main -> OUTCOME". Returns 0. */
int twin_run(wasio_fn main);
/* The same without the handler (the default one writes to stderr). */
int twin_run_plain(wasio_fn main);

#define R(x) ((void *)(intptr_t)(x))
#define I(p) ((int)(intptr_t)(p))

#endif
