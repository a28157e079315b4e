/* asyncio.sleep(-1) sleeps 0; wasio_sleep refuses a negative delay. */
#include "twin.h"

static int main_(void *arg, void **result) {
  twin_log("sleep(-1) -> %s", err(wasio_sleep(-1)));
  twin_log("sleep(0) -> %s", err(wasio_sleep(0)));
  return 0;
}

int twin_sleep_negative(void) { return twin_run(main_); }
