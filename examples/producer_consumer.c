/* A producer and a consumer around a bounded queue, the consumer giving up
 * once no item has come for half a second (asyncio.timeout around
 * queue.get()). Built outside wasio's own build:
 *   wasio-cc --target=native -o producer_consumer producer_consumer.c
 *   wasio-cc --target=wasi -o producer_consumer.wasm producer_consumer.c
 *   wasio-cc --target=web -o producer_consumer.mjs producer_consumer.c
 * With --virtual-time it runs on the virtual clock. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <wasio.h>

static wasio_queue queue;

static int producer(void *arg, void **result) {
  for (intptr_t i = 1; i <= 5; i++) {
    int rc = wasio_queue_put(&queue, (void *)i); /* waits while full */
    if (rc != 0) return rc;
    printf("[%.3f] put %d\n", wasio_now(), (int)i);
    if ((rc = wasio_sleep(0.1)) != 0) return rc;
  }
  return 0;
}

static int consumer(void *arg, void **result) {
  int *got = arg;
  for (;;) {
    wasio_scope timeout;
    void *item;
    int rc = wasio_timeout_enter(&timeout, 0.5);
    if (rc == 0) rc = wasio_queue_get(&queue, &item);
    rc = wasio_timeout_exit(&timeout, rc);
    if (rc == WASIO_ETIMEDOUT) {
      printf("[%.3f] nothing for 0.5 s: done after %d items\n", wasio_now(),
             *got);
      return 0;
    }
    if (rc != 0) return rc;
    (*got)++;
    printf("[%.3f] got %d\n", wasio_now(), (int)(intptr_t)item);
    if ((rc = wasio_sleep(0.25)) != 0) return rc; /* slower than the producer */
  }
}

static int main_task(void *arg, void **result) {
  int got = 0;
  wasio_task t[2];
  int rc = wasio_queue_init(&queue, WASIO_QUEUE_FIFO, 2);
  if (rc != 0) return rc;
  if ((rc = wasio_create_task(&t[0], producer, NULL)) == 0 &&
      (rc = wasio_create_task(&t[1], consumer, &got)) == 0) {
    rc = wasio_gather(t, 2, NULL);
    wasio_task_release(t[0]);
    wasio_task_release(t[1]);
  }
  wasio_queue_destroy(&queue);
  return rc != 0 ? rc : (got == 5 ? 0 : wasio_fail(WASIO_EFAIL, "lost items"));
}

WASIO_ENTRY("main", main_task, .summary = "a producer, a slower consumer");

int main(int argc, char **argv) {
  wasio_run_opts opts = {0};
  if (argc > 1 && strcmp(argv[1], "--virtual-time") == 0)
    opts.clock = WASIO_CLOCK_VIRTUAL;
  wasio_outcome out;
  int rc = wasio_run(main_task, NULL, &opts, &out);
  if (rc != 0) fprintf(stderr, "%s: %s\n", wasio_err_name(rc), out.message);
  return rc != 0;
}
