/* asyncio.gather returns the results in the order the tasks were given,
 * not the order they finished. */
#include "twin.h"

static int job(void *arg, void **result) {
  wasio_sleep(I(arg));
  twin_log("finished %d", I(arg));
  *result = R(I(arg) * 10);
  return 0;
}

static int main_(void *arg, void **result) {
  static const int delays[] = {3, 1, 2};
  wasio_task ts[3];
  void *rs[3];
  for (int i = 0; i < 3; i++) wasio_create_task(&ts[i], job, R(delays[i]));
  int rc = wasio_gather(ts, 3, rs);
  if (rc == 0)
    twin_log("gather -> ok %d %d %d", I(rs[0]), I(rs[1]), I(rs[2]));
  else
    twin_log("gather -> %s", err(rc));
  return 0;
}

int twin_gather_results_order(void) { return twin_run(main_); }
