/* say_after, built outside wasio's own build: two tasks sleep at the same
 * time, so the program takes 2 s, not 3.
 *   wasio-cc --target=native -o say_after say_after.c
 *   wasio-cc --target=wasi -o say_after.wasm say_after.c
 *   wasio-cc --target=web -o say_after.mjs say_after.c
 * With --virtual-time it runs on the virtual clock: exact times, no
 * waiting. In the web build, JavaScript starts the entry point "main":
 *   const app = await load('say_after.mjs');
 *   await app.run('main', { virtualTime: true, params: { first: 'bonjour' } });
 */
#include <stdio.h>
#include <string.h>

#include <wasio.h>

typedef struct {
  double delay;
  const char *what;
} greeting;

static int say_after(void *arg, void **result) {
  const greeting *g = arg;
  int rc = wasio_sleep(g->delay); /* suspends this task only */
  if (rc != 0) return rc;         /* cancelled: pass it on */
  printf("[%.3f] %s\n", wasio_now(), g->what);
  return 0;
}

static int main_task(void *arg, void **result) {
  /* the parameters JavaScript gave, or these (arg is NULL from main()) */
  greeting hello = {1, wasio_entry_param(arg, "first", "hello")},
           world = {2, wasio_entry_param(arg, "second", "world")};
  wasio_task t[2];
  int rc = wasio_create_task(&t[0], say_after, &hello);
  if (rc == 0) rc = wasio_create_task(&t[1], say_after, &world);
  if (rc != 0) return rc;
  rc = wasio_gather(t, 2, NULL); /* asyncio.gather: waits for both */
  printf("[%.3f] finished\n", wasio_now());
  wasio_task_release(t[0]);
  wasio_task_release(t[1]);
  return rc;
}

/* the entry point JavaScript runs (the web build does not call main()) */
WASIO_ENTRY("main", main_task, .summary = "two greetings, gathered",
            .params = "first=hello, second=world");

int main(int argc, char **argv) {
  wasio_run_opts opts = {0};
  if (argc > 1 && strcmp(argv[1], "--virtual-time") == 0)
    opts.clock = WASIO_CLOCK_VIRTUAL;
  wasio_outcome out;
  int rc = wasio_run(main_task, NULL, &opts, &out); /* asyncio.run(main()) */
  if (rc != 0) fprintf(stderr, "%s: %s\n", wasio_err_name(rc), out.message);
  return rc != 0;
}
