/* reschedule() on a timeout that has already fired (still inside the
 * scope): ESTATE; the deadline stays and the scope reports ETIMEDOUT. */
#include "twin.h"

static int main_(void *arg, void **result) {
  wasio_scope s;
  wasio_timeout_enter(&s, 1);
  int rc = wasio_sleep(2);
  if (rc == WASIO_ECANCELLED) {
    int r = wasio_timeout_reschedule(&s, wasio_now() + 10);
    twin_log("reschedule -> %s when %.3f", err(r), wasio_timeout_when(&s));
  }
  rc = wasio_timeout_exit(&s, rc);
  twin_log("scope -> %s", err(rc));
  return 0;
}

int twin_timeout_reschedule_after_expiry(void) { return twin_run(main_); }
