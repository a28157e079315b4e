/* client (seed 003 §4.5, §7.8, §7.10): the vector-database CLI client.
 *
 * A server task holds a real in-memory vector store: 4,000 vectors of 32
 * dimensions, searched by cosine similarity. Requests reach it through a
 * queue; each one is handled by a task of its own after a simulated network
 * latency, so queries overlap. The client connects, creates a collection,
 * inserts a batch, runs three searches concurrently (gather) under a
 * timeout, and closes its connection in a finally block that runs whatever
 * happens: success, timeout, or cancellation.
 *   run      the three searches finish: results and timings
 *   timeout  one search is slow (2 s); the 1 s timeout cancels the others
 *   cancel   main cancels the client after 0.3 s */
#include "demo.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DIM 32
#define STORED 4000
#define TOP_K 3
#define LATENCY 0.05 /* one way, per request */

typedef enum { OP_CONNECT, OP_CREATE, OP_INSERT, OP_SEARCH, OP_CLOSE } op;

typedef struct hit {
  int id;
  double score;
} hit;

typedef struct request {
  op op;
  const float *query; /* OP_SEARCH */
  int slow;           /* OP_SEARCH: the server takes 2 s over it */
  int count;          /* OP_INSERT: how many vectors */
  hit hits[TOP_K];    /* the reply */
  wasio_event done;
} request;

typedef struct store {
  float *vectors; /* STORED x DIM, unit length */
  int count;
  wasio_queue requests;
  int connections;
} store;

static uint32_t rng = 12345;
static float frand(void) {
  rng = rng * 1664525u + 1013904223u;
  return (float)(rng >> 8) / 16777216.0f - 0.5f;
}

static void normalise(float *v) {
  double n = 0;
  for (int i = 0; i < DIM; i++) n += (double)v[i] * v[i];
  n = sqrt(n);
  for (int i = 0; i < DIM; i++) v[i] = (float)(v[i] / n);
}

/* Cosine similarity against every stored vector (all unit length: a dot
 * product), keeping the best TOP_K. */
static void search(const store *s, const float *q, hit *best) {
  for (int k = 0; k < TOP_K; k++) best[k] = (hit){-1, -2};
  for (int i = 0; i < s->count; i++) {
    const float *v = s->vectors + (size_t)i * DIM;
    double dot = 0;
    for (int d = 0; d < DIM; d++) dot += (double)v[d] * q[d];
    for (int k = 0; k < TOP_K; k++) {
      if (dot > best[k].score) {
        memmove(&best[k + 1], &best[k], (size_t)(TOP_K - 1 - k) * sizeof *best);
        best[k] = (hit){i, dot};
        break;
      }
    }
  }
}

typedef struct job {
  store *s;
  request *r;
} job;

static int handle(void *arg, void **result) {
  job *j = arg;
  request *r = j->r;
  store *s = j->s;
  (void)result;
  int rc = wasio_sleep(LATENCY + (r->slow ? 2.0 : 0)); /* the way there */
  if (rc == 0) {
    switch (r->op) {
      case OP_CONNECT: s->connections++; break;
      case OP_CLOSE: s->connections--; break;
      case OP_CREATE: break;
      case OP_INSERT: s->count += r->count; break;
      case OP_SEARCH: search(s, r->query, r->hits); break;
    }
    rc = wasio_sleep(LATENCY); /* and back */
  }
  wasio_event_set(&r->done);
  free(j);
  return rc;
}

static int server(void *arg, void **result) {
  store *s = arg;
  (void)result;
  for (;;) {
    void *item;
    int rc = wasio_queue_get(&s->requests, &item);
    if (rc != 0) return rc == WASIO_ECANCELLED || rc == WASIO_ESHUTDOWN ? 0 : rc;
    job *j = malloc(sizeof *j);
    if (j == NULL) return wasio_fail(WASIO_ENOMEM, "server: out of memory");
    j->s = s;
    j->r = item;
    wasio_create_task(NULL, handle, j);
  }
}

/* One round trip: send, wait for the reply. */
static int call(store *s, request *r) {
  wasio_event_init(&r->done);
  int rc = wasio_queue_put(&s->requests, r);
  if (rc == 0) rc = wasio_event_wait(&r->done);
  return rc;
}

typedef struct query_task {
  store *s;
  request r;
  float q[DIM];
  int n;
} query_task;

static int run_query(void *arg, void **result) {
  query_task *qt = arg;
  (void)result;
  qt->r.op = OP_SEARCH;
  qt->r.query = qt->q;
  double t0 = wasio_now();
  int rc = call(qt->s, &qt->r);
  if (rc != 0) {
    demo_log("query %d: %s", qt->n, wasio_err_name(rc));
    return rc;
  }
  demo_log("query %d: %.2f s; best: #%d (%.3f), #%d (%.3f), #%d (%.3f)",
           qt->n, wasio_now() - t0, qt->r.hits[0].id, qt->r.hits[0].score,
           qt->r.hits[1].id, qt->r.hits[1].score, qt->r.hits[2].id,
           qt->r.hits[2].score);
  return 0;
}

typedef struct client_args {
  store *s;
  const char *mode;
} client_args;

static int client(void *arg, void **result) {
  client_args *ca = arg;
  store *s = ca->s;
  request r = {0};
  (void)result;
  demo_log("client: connecting");
  r.op = OP_CONNECT;
  int rc = call(s, &r);
  if (rc != 0) return rc;
  /* try: */
  demo_log("client: connected; creating the collection and inserting");
  r.op = OP_CREATE;
  rc = call(s, &r);
  r.op = OP_INSERT;
  r.count = STORED;
  if (rc == 0) rc = call(s, &r);
  if (rc == 0) {
    demo_log("client: %d vectors stored; three queries at once, 1 s timeout",
             s->count);
    query_task q[3];
    wasio_task t[3];
    for (int i = 0; i < 3; i++) {
      q[i].s = s;
      q[i].n = i + 1;
      memset(&q[i].r, 0, sizeof q[i].r);
      q[i].r.slow = strcmp(ca->mode, "timeout") == 0 && i == 1;
      /* a query near a stored vector: that vector should come first */
      memcpy(q[i].q, s->vectors + (size_t)(i * 997) * DIM, sizeof q[i].q);
      for (int d = 0; d < DIM; d++) q[i].q[d] += frand() * 0.05f;
      normalise(q[i].q);
      wasio_create_task(&t[i], run_query, &q[i]);
    }
    wasio_scope timeout;
    wasio_timeout_enter(&timeout, 1.0);
    rc = wasio_gather(t, 3, NULL);
    rc = wasio_timeout_exit(&timeout, rc);
    for (int i = 0; i < 3; i++) wasio_task_release(t[i]);
    if (rc != 0) demo_log("client: the queries failed: %s", wasio_err_name(rc));
  }
  /* finally: close the connection, even when cancelled (shielded, so that
   * the close itself can await) */
  wasio_scope shield;
  wasio_shield_enter(&shield);
  demo_log("client: closing the connection");
  r.op = OP_CLOSE;
  call(s, &r);
  demo_log("client: closed (%d open connections)", s->connections);
  wasio_scope_exit(&shield, 0);
  return rc;
}

static int client_main(void *arg, void **result) {
  const demo_args *args = arg;
  (void)result;
  store s = {0};
  rng = 12345; /* the same store on every run */
  s.vectors = malloc((size_t)STORED * DIM * sizeof *s.vectors);
  if (s.vectors == NULL) return wasio_fail(WASIO_ENOMEM, "out of memory");
  for (int i = 0; i < STORED; i++) {
    for (int d = 0; d < DIM; d++) s.vectors[(size_t)i * DIM + d] = frand();
    normalise(s.vectors + (size_t)i * DIM);
  }
  wasio_queue_init(&s.requests, WASIO_QUEUE_FIFO, 0);
  wasio_task srv, cli;
  wasio_create_task(&srv, server, &s);
  client_args ca = {&s, args->mode};
  wasio_create_task(&cli, client, &ca);
  if (strcmp(args->mode, "cancel") == 0) {
    wasio_sleep(0.3);
    demo_log("main: cancelling the client");
    wasio_cancel(cli);
  }
  int rc = wasio_await(cli, NULL);
  demo_log("main: the client ended with %s", rc ? wasio_err_name(rc) : "success");
  wasio_cancel(srv);
  wasio_await(srv, NULL);
  wasio_task_release(srv);
  wasio_task_release(cli);
  wasio_queue_destroy(&s.requests);
  free(s.vectors);
  return rc == WASIO_ECANCELLED || rc == WASIO_ETIMEDOUT ? 0 : rc;
}

static const char *const modes[] = {"run", "timeout", "cancel", NULL};

const wasio_demo demo_client = {
    .name = "client",
    .summary = "a vector-database client: concurrent searches, a timeout, "
               "and a connection always closed",
    .seed = "003",
    .modes = modes,
    .main = client_main,
};
