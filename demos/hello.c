/* hello (seed 000, seed 003 §4.1): the smallest asyncio.run(main()).
 *   async def main():
 *       print("hello"); await asyncio.sleep(1); print("world")
 *       return "done"
 *   result = asyncio.run(main()) */
#include "demo.h"

static int hello_main(void *arg, void **result) {
  (void)arg;
  demo_log("hello");
  int rc = wasio_sleep(1);
  if (rc != 0) return rc;
  demo_log("world");
  *result = "done";
  demo_log("main returns \"done\", which the run hands back");
  return 0;
}

static const char *const modes[] = {"run", NULL};

const wasio_demo demo_hello = {
    .name = "hello",
    .summary = "the smallest asyncio.run(main()): hello, sleep 1 s, world",
    .seed = "000",
    .modes = modes,
    .main = hello_main,
};
