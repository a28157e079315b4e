# call_later callbacks run by deadline, not in the order they were
# scheduled (equal deadlines are left out: asyncio's heap does not keep their
# order); a delay of 0 runs in the next iteration, after what
# call_soon had already queued.
import asyncio
from twin import log


def cb(name):
    log("cb", name)


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(2, cb, "2")
    loop.call_later(1, cb, "1")
    loop.call_later(0, cb, "0")
    loop.call_later(1.5, cb, "1.5")
    loop.call_soon(cb, "soon")
    loop.call_later(0.5, cb, "0.5")
    await asyncio.sleep(3)
    log("main end")
