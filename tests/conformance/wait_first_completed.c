/* asyncio.wait(FIRST_COMPLETED): returns when the first of three tasks is
 * done; the other two keep running. */
#include "twin.h"

static int job(void *arg, void **result) {
  wasio_sleep(I(arg));
  *result = arg;
  return 0;
}

static int main_(void *arg, void **result) {
  static const int delays[] = {3, 1, 2};
  wasio_task ts[3];
  for (int i = 0; i < 3; i++) wasio_create_task(&ts[i], job, R(delays[i]));
  int done = wasio_wait(ts, 3, WASIO_FIRST_COMPLETED, -1);
  twin_log("wait -> done %d pending %d", done, 3 - done);
  twin_log("outcomes %s %s %s", outcome(ts[0]), outcome(ts[1]),
           outcome(ts[2]));
  wasio_sleep(5);
  twin_log("later %s %s %s", outcome(ts[0]), outcome(ts[1]), outcome(ts[2]));
  return 0;
}

int twin_wait_first_completed(void) { return twin_run(main_); }
