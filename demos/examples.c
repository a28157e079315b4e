/* The practical examples of seed 003 §4 and §7, one demo each:
 *   structured   fetch a user, then their posts, then process (§4.2, §7.2)
 *   concurrent   tasks A 0.3 s, B 0.2 s, C 0.1 s gathered: 0.3 s (§7.3)
 *   server       five concurrent requests of 0.1 s each: 0.1 s (§7.9) */
#include "demo.h"

#include <stdint.h>

/* ------------------------------------------------------------- structured */

static int fetch_user(void *arg, void **result) {
  int rc = wasio_sleep(0.1);
  *result = arg;
  return rc;
}

static int fetch_posts(void *arg, void **result) {
  (void)arg;
  int rc = wasio_sleep(0.1);
  *result = (void *)(intptr_t)3;
  return rc;
}

static int structured_main(void *arg, void **result) {
  void *user, *posts;
  (void)arg;
  demo_log("fetching the user...");
  int rc = fetch_user("User_1", &user); /* await fetch_user(1) */
  if (rc != 0) return rc;
  demo_log("user: %s", (const char *)user);
  demo_log("fetching their posts...");
  if ((rc = fetch_posts(user, &posts)) != 0) return rc;
  demo_log("posts: %d", (int)(intptr_t)posts);
  *result = user;
  return 0;
}

static const char *const one_mode[] = {"run", NULL};

const wasio_demo demo_structured = {
    .name = "structured",
    .summary = "the standard program shape: await one step after another",
    .seed = "003",
    .modes = one_mode,
    .main = structured_main,
};

/* ------------------------------------------------------------- concurrent */

typedef struct named {
  const char *name;
  double delay;
} named;

static int task(void *arg, void **result) {
  const named *n = arg;
  demo_log("[%s] start", n->name);
  int rc = wasio_sleep(n->delay);
  if (rc != 0) return rc;
  demo_log("[%s] done", n->name);
  *result = (void *)n->name;
  return 0;
}

static int concurrent_main(void *arg, void **result) {
  named jobs[3] = {{"A", 0.3}, {"B", 0.2}, {"C", 0.1}};
  wasio_task t[3];
  void *r[3];
  (void)arg;
  (void)result;
  double t0 = wasio_now();
  for (int i = 0; i < 3; i++) wasio_create_task(&t[i], task, &jobs[i]);
  int rc = wasio_gather(t, 3, r);
  for (int i = 0; i < 3; i++) wasio_task_release(t[i]);
  if (rc != 0) return rc;
  demo_log("total %.2f s; results in order: %s_result %s_result %s_result",
           wasio_now() - t0, (char *)r[0], (char *)r[1], (char *)r[2]);
  return 0;
}

const wasio_demo demo_concurrent = {
    .name = "concurrent",
    .summary = "A 0.3 s, B 0.2 s, C 0.1 s gathered: 0.3 s, results in order",
    .seed = "003",
    .modes = one_mode,
    .main = concurrent_main,
};

/* ----------------------------------------------------------------- server */

static int handle_request(void *arg, void **result) {
  int rc = wasio_sleep(0.1);
  *result = arg;
  return rc;
}

static int server_main(void *arg, void **result) {
  wasio_task t[5];
  (void)arg;
  (void)result;
  demo_log("server: started; 5 requests arrive at once");
  double t0 = wasio_now();
  for (intptr_t i = 0; i < 5; i++)
    wasio_create_task(&t[i], handle_request, (void *)i);
  int rc = wasio_gather(t, 5, NULL);
  for (int i = 0; i < 5; i++) wasio_task_release(t[i]);
  if (rc != 0) return rc;
  demo_log("server: handled 5 requests in %.2f s", wasio_now() - t0);
  return 0;
}

const wasio_demo demo_server = {
    .name = "server",
    .summary = "five concurrent requests of 0.1 s each take 0.1 s",
    .seed = "003",
    .modes = one_mode,
    .main = server_main,
};
