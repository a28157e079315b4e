/* A thread's own state for its loops (the handle table, the memory
 * reserve, the last error message, the context, the poll arrays) is freed
 * when the thread exits. wasm has one thread, which never exits. */
#include "internal.h"

#if !defined(WASIO__WASM)
#include <pthread.h>

static pthread_key_t exit_key;
static pthread_once_t exit_once = PTHREAD_ONCE_INIT;
static WASIO__TLS int watched;

static void thread_exit(void *unused) {
  (void)unused;
  wasio__slots_thread_free();
  wasio__reserve_release();
  wasio__error_thread_free();
  wasio__context_thread_free();
  wasio__host_thread_free();
}

static void make_exit_key(void) { pthread_key_create(&exit_key, thread_exit); }

void wasio__thread_watch(void) {
  if (watched) return;
  watched = 1;
  pthread_once(&exit_once, make_exit_key);
  pthread_setspecific(exit_key, &watched);
}
#else
void wasio__thread_watch(void) {}
#endif
