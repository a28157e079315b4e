/* The CLI's --chart and --trace (timeline.c). */
#ifndef WASIO_TIMELINE_H
#define WASIO_TIMELINE_H

#include "../src/wasio.h"

#include <stdio.h>

/* A wasio_trace_fn: keeps every event of the run. */
void timeline_collect(const wasio_trace_event *ev, void *arg);
/* One lane per task: ran, waiting, ready, and how it ended. */
void timeline_chart(FILE *to, const char *clock);
/* Chrome Trace Event JSON: task lifetimes and waits as spans, timers as
 * instants. 0, or -1 if writing failed. */
int timeline_write_trace(FILE *f, const char *clock);
void timeline_free(void);

#endif
