/* say_after (seed 004), the example that opens asyncio's documentation:
 * two tasks sleep at the same time, so the program takes 2 s, not 3. */
#include <stdio.h>

#include "wasio.h" /* src/wasio.h: the whole API, each function documented */

typedef struct {
  double delay;
  const char *what;
} greeting;

static int say_after(void *arg, void **result) {
  const greeting *g = arg;
  int rc = wasio_sleep(g->delay); /* suspends this task only */
  if (rc != 0) return rc;         /* cancelled: pass it on */
  printf("%s\n", g->what);
  return 0;
}

static int main_task(void *arg, void **result) {
  greeting hello = {1, "hello"}, world = {2, "world"};
  wasio_task t[2];
  int rc = wasio_create_task(&t[0], say_after, &hello);
  if (rc == 0) rc = wasio_create_task(&t[1], say_after, &world);
  if (rc != 0) return rc;
  rc = wasio_gather(t, 2, NULL); /* like asyncio.gather: waits for both */
  printf("finished after %.0f s\n", wasio_now());
  return rc;
}

int main(void) {
  wasio_outcome out;
  int rc = wasio_run(main_task, NULL, NULL, &out); /* asyncio.run(main()) */
  if (rc != 0) fprintf(stderr, "%s: %s\n", wasio_err_name(rc), out.message);
  return rc != 0;
}
