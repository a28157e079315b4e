# Event.clear() after set(): a later wait() blocks again until the next
# set(); set() twice is harmless.
import asyncio
from twin import log


async def waiter(ev):
    await ev.wait()
    log("W wait -> ok")


async def main():
    ev = asyncio.Event()
    ev.set()
    ev.set()
    ev.clear()
    log("set, set, clear: is_set", int(ev.is_set()))
    w = asyncio.create_task(waiter(ev))
    await asyncio.sleep(1)
    log("W done", int(w.done()))
    ev.set()
    log("set")
    await w
