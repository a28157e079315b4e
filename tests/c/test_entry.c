/* Entry points (WASIO_ENTRY): the registry a host starts tasks from by
 * name, and the parameters a run hands them. */
#include "test.h"

static int plain_code_is_not_a_task_but_the_name_is_taken(void *arg,
                                                          void **result) {
  return 0;
}

static int greet(void *arg, void **result) {
  const wasio_entry_args *a = arg;
  *result = (void *)wasio_entry_param(a, "who", "nobody");
  return 0;
}
WASIO_ENTRY("test_greet", greet, .summary = "greets", .params = "who=nobody");

static int plain_code(const wasio_entry_args *args) { return args != NULL; }
WASIO_ENTRY_PLAIN("test_plain", plain_code);
/* one function may back two entries; a name may not be given twice (the
 * second declaration is refused, and wasio_entry_error keeps why) */
WASIO_ENTRY("test_greet_too", greet);
WASIO_ENTRY("test_greet", plain_code_is_not_a_task_but_the_name_is_taken,
            .plain = plain_code);

TEST(entries_are_registered_before_main_in_order) {
  const wasio_entry *e = wasio_entry_find("test_greet");
  CHECK(e != NULL);
  CHECK_STR(e->name, "test_greet");
  CHECK(e->main == greet);
  CHECK_STR(e->summary, "greets");
  CHECK_STR(e->params, "who=nobody");
  const wasio_entry *p = wasio_entry_find("test_plain");
  CHECK(p != NULL && p->main == NULL && p->plain == plain_code);
  /* both in the walk, each once */
  int greet_seen = 0, plain_seen = 0;
  for (const wasio_entry *it = wasio_entry_next(NULL); it != NULL;
       it = wasio_entry_next(it)) {
    greet_seen += it == e;
    plain_seen += it == p;
  }
  CHECK_INT(greet_seen, 1);
  CHECK_INT(plain_seen, 1);
  CHECK(wasio_entry_find("nope") == NULL);
  CHECK(wasio_entry_find(NULL) == NULL);
  CHECK(wasio_entry_find("test_greet_too")->main == greet);
  /* the second "test_greet" was refused, the first kept */
  CHECK_STR(wasio_entry_error(),
            "wasio_entry_register: two entries are named test_greet");
}

TEST(entry_registration_refuses_bad_entries) {
  CHECK_RC(wasio_entry_register(NULL), WASIO_EINVAL);
  wasio_entry unnamed = {.main = greet};
  CHECK_RC(wasio_entry_register(&unnamed), WASIO_EINVAL);
  wasio_entry empty = {.name = "", .main = greet};
  CHECK_RC(wasio_entry_register(&empty), WASIO_EINVAL);
  wasio_entry long_name = {.name = "a_name_that_is_longer_than_sixty_three_"
                                   "bytes_which_no_listing_wants_",
                           .main = greet};
  CHECK_RC(wasio_entry_register(&long_name), WASIO_EINVAL);
  wasio_entry nothing = {.name = "test_nothing"};
  CHECK_RC(wasio_entry_register(&nothing), WASIO_EINVAL);
  CHECK_STR(wasio_error_message(),
            "wasio_entry_register: entry test_nothing has neither main nor "
            "plain");
  wasio_entry moodless = {.name = "test_moodless", .main = greet,
                         .plain = plain_code, .plain_mode = "fast"};
  CHECK_RC(wasio_entry_register(&moodless), WASIO_EINVAL);
  CHECK_STR(wasio_error_message(), "wasio_entry_register: entry "
            "test_moodless: plain_mode fast is not one of its modes");
  wasio_entry twin = {.name = "test_greet", .main = greet};
  CHECK_RC(wasio_entry_register(&twin), WASIO_EINVAL);
  CHECK_STR(wasio_error_message(),
            "wasio_entry_register: two entries are named test_greet");
  /* the registered one again: the list is not corrupted into a cycle */
  CHECK_RC(wasio_entry_register((wasio_entry *)wasio_entry_find("test_plain")),
           WASIO_ESTATE);
  CHECK(wasio_entry_find("test_nothing") == NULL);
  int n = 0;
  for (const wasio_entry *it = wasio_entry_next(NULL); it != NULL && n < 1000;
       it = wasio_entry_next(it))
    n++;
  CHECK(n < 1000);
}

TEST(entry_declared_params_are_known) {
  wasio_entry e = {.name = "decl", .main = greet,
                   .params = "who=world,  n = 3 , eq=a=b,"};
  CHECK_INT(wasio_entry_takes_param(&e, "who", 3), 1);
  CHECK_INT(wasio_entry_takes_param(&e, "n", 1), 1);    /* spaces around */
  CHECK_INT(wasio_entry_takes_param(&e, "eq", 2), 1);   /* '=' in a default */
  CHECK_INT(wasio_entry_takes_param(&e, "wh", 2), 0);   /* a prefix is not */
  CHECK_INT(wasio_entry_takes_param(&e, "a", 1), 0);    /* a default is not */
  CHECK_INT(wasio_entry_takes_param(&e, "", 0), 0);
  CHECK_INT(wasio_entry_takes_param(&e, NULL, 3), 0);
  CHECK_INT(wasio_entry_takes_param(NULL, "who", 3), 0);
  wasio_entry none = {.name = "none", .main = greet};
  CHECK_INT(wasio_entry_takes_param(&none, "who", 3), 0);
}

TEST(entry_params_are_read_from_the_pairs) {
  static const char pairs[] = "who\0world\0n\0\0who\0again\0";
  wasio_entry_args args = {.entry = wasio_entry_find("test_greet"), .mode = "",
                          .params = pairs};
  /* the last value given wins; an empty one is a value */
  CHECK_STR(wasio_entry_param(&args, "who", "x"), "again");
  CHECK_STR(wasio_entry_param(&args, "n", "x"), "");
  CHECK_STR(wasio_entry_param(&args, "missing", "fallback"), "fallback");
  CHECK(wasio_entry_param(&args, "missing", NULL) == NULL);
  /* no run (a program's own main() calls the entry's function) */
  CHECK_STR(wasio_entry_param(NULL, "who", "fallback"), "fallback");
  wasio_entry_args none = {.mode = ""};
  CHECK_STR(wasio_entry_param(&none, "who", "fallback"), "fallback");
  CHECK_STR(wasio_entry_param(&args, NULL, "fallback"), "fallback");
  /* the entry's function runs as a main task with them */
  wasio_outcome out;
  CHECK_RC(run_virtual(greet, &args, &out), 0);
  CHECK_STR((const char *)out.result, "again");
}
