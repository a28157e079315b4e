/* The JS host (Emscripten build, browser and Node): host-driven. It never
 * waits: JavaScript calls wasio_loop_step(), reads the delay it returns and
 * schedules the next step with setTimeout (web/wasio.mjs). The clock is the
 * host's performance.now(). */
#if defined(__EMSCRIPTEN__)
#include "internal.h"

#include <emscripten.h>

static uint64_t js_now(wasio_loop *loop) {
  (void)loop;
  return (uint64_t)(emscripten_get_now() * 1e6);
}

const wasio__host_ops wasio__host_js = {.name = "js", .driven = 1,
                                       .now = js_now};
#endif /* __EMSCRIPTEN__ */
