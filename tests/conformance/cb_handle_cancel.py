# handle.cancel() before the callback runs: it never runs. That holds for a
# call_soon handle, a call_later one, and one already due in the same
# iteration, cancelled by an earlier callback of that iteration.
import asyncio
from twin import log

handles = {}


def cb(name):
    log("cb", name)


def canceller(name):
    log("cb", name, "cancels y")
    handles["y"].cancel()
    log("y cancelled", int(handles["y"].cancelled()))


async def main():
    loop = asyncio.get_running_loop()
    a = loop.call_soon(cb, "a")
    b = loop.call_later(1, cb, "b")
    loop.call_soon(cb, "c")
    a.cancel()
    b.cancel()
    log("a cancelled", int(a.cancelled()), "b cancelled", int(b.cancelled()))
    await asyncio.sleep(2)
    # both in the past: due together in the next iteration, x first
    loop.call_at(0.5, canceller, "x")
    handles["y"] = loop.call_at(1, cb, "y")
    loop.call_at(1.5, cb, "z")
    await asyncio.sleep(1)
    log("main end")
