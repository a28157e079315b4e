# asyncio.Runner's runs share one context: what run 1's main sets, run 2's
# main sees; a run given its own fresh Context sees only the defaults.
import asyncio
import contextvars
from twin import VirtualLoop, err, log

var = contextvars.ContextVar("v", default=0)


async def setter():
    log("run 1 v", var.get())
    var.set(1)
    log("run 1 set v", var.get())


async def reader(name):
    log(name, "v", var.get())
    var.set(var.get() + 10)
    return var.get()


def show(runner, coro, context=None):
    try:
        result = runner.run(coro, context=context)
    except BaseException as exc:  # noqa: BLE001 - the outcome is the trace
        print("main -> error", err(exc), flush=True)
        return
    print("main ->", "ok" if result is None else f"ok {result}", flush=True)


def twin():
    with asyncio.Runner(loop_factory=VirtualLoop) as runner:
        show(runner, setter())
        show(runner, reader("run 2"))
        show(runner, reader("run 3 (fresh context)"), contextvars.Context())
        show(runner, reader("run 4"))
