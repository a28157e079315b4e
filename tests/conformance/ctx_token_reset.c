/* wasio_contextvar_reset(token): restores the old value; a token used twice
 * is refused (ESTATE), and so is a token from another context, here main's
 * token reset inside a task (EINVAL). */
#include "twin.h"

static wasio_contextvar var = WASIO_CONTEXTVAR("v", R(0));

static void try_reset(const char *who, wasio_token *token) {
  int rc = wasio_contextvar_reset(&var, token);
  if (rc == 0)
    twin_log("%s reset -> ok v %d", who, I(wasio_contextvar_get(&var)));
  else
    twin_log("%s reset -> %s v %d", who, err(rc),
             I(wasio_contextvar_get(&var)));
}

static int child(void *arg, void **result) {
  try_reset("T", arg);
  return 0;
}

static int main_(void *arg, void **result) {
  wasio_token tok, tok2;
  wasio_task t;
  wasio_contextvar_set(&var, R(1), &tok);
  twin_log("main set v %d", I(wasio_contextvar_get(&var)));
  try_reset("main", &tok);
  try_reset("main again", &tok);
  wasio_contextvar_set(&var, R(5), &tok2);
  wasio_create_task(&t, child, &tok2);
  wasio_await(t, NULL);
  twin_log("main v %d", I(wasio_contextvar_get(&var)));
  try_reset("main", &tok2);
  return 0;
}

int twin_ctx_token_reset(void) { return twin_run(main_); }
