/* gather(return_exceptions=True) as wasio_gather_outcomes: every task's
 * result or error in order, a cancelled child included; nothing raised. */
#include "twin.h"

#include <stdio.h>

typedef struct spec {
  int delay, fail;
} spec;

static int job(void *arg, void **result) {
  const spec *s = arg;
  int rc = wasio_sleep(s->delay);
  if (rc != 0) return rc;
  if (s->fail) return boom("b");
  *result = R(s->delay);
  return 0;
}

static void cancel_cb(void *arg) { wasio_cancel(*(wasio_task *)arg); }

static void show(char *b, size_t n, const wasio_outcome *o) {
  if (o->status == 0)
    snprintf(b, n, "ok_%d", I(o->result));
  else if (o->status <= WASIO_EUSER)
    snprintf(b, n, "EUSER_%s", o->message);
  else
    snprintf(b, n, "%s", wasio_err_name(o->status));
}

static int main_(void *arg, void **result) {
  static const spec specs[] = {{1, 0}, {2, 1}, {5, 0}, {3, 0}};
  wasio_task ts[4];
  wasio_outcome os[4];
  char b[4][64];
  for (int i = 0; i < 4; i++)
    wasio_create_task(&ts[i], job, (void *)&specs[i]);
  wasio_call_later(NULL, 0.5, cancel_cb, &ts[2]);
  int rc = wasio_gather_outcomes(ts, 4, os);
  if (rc != 0) {
    twin_log("gather -> %s", err(rc));
    return 0;
  }
  for (int i = 0; i < 4; i++) show(b[i], sizeof b[i], &os[i]);
  twin_log("gather -> %s %s %s %s", b[0], b[1], b[2], b[3]);
  return 0;
}

int twin_gather_return_exceptions(void) { return twin_run(main_); }
