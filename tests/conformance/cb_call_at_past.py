# call_at with a time already past runs in the next iteration, after the
# call_soon callbacks already queued; two past times run earliest first.
import asyncio
from twin import log


def cb(name):
    log("cb", name)


async def main():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(2)
    loop.call_soon(cb, "soon")
    loop.call_at(1, cb, "at 1")
    loop.call_at(0.5, cb, "at 0.5")
    loop.call_at(3, cb, "at 3")
    await asyncio.sleep(0)
    log("main after sleep(0)")
    await asyncio.sleep(2)
    log("main end")
