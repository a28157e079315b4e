/* asyncio.wait(timeout=1.5) over tasks of 1, 2 and 3 s: returns at 1.500
 * with one done, no error, nothing cancelled. */
#include "twin.h"

static int job(void *arg, void **result) {
  wasio_sleep(I(arg));
  *result = arg;
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_task ts[3];
  for (int i = 0; i < 3; i++) wasio_create_task(&ts[i], job, R(i + 1));
  int done = wasio_wait(ts, 3, WASIO_ALL_COMPLETED, 1.5);
  twin_log("wait -> done %d pending %d", done, 3 - done);
  twin_log("outcomes %s %s %s", outcome(ts[0]), outcome(ts[1]),
           outcome(ts[2]));
  wasio_sleep(2);
  twin_log("later %s %s %s", outcome(ts[0]), outcome(ts[1]), outcome(ts[2]));
  return 0;
}

int twin_wait_timeout(void) { return twin_run(main_); }
