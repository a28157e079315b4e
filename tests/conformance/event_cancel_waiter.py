# Cancelling one Event waiter: it ends cancelled at once, and set() still
# wakes the other waiters.
import asyncio
from twin import log, outcome


async def waiter(ev, name):
    try:
        await ev.wait()
    except asyncio.CancelledError:
        log(name, "wait -> ECANCELLED")
        raise
    log(name, "wait -> ok")


async def main():
    ev = asyncio.Event()
    a = asyncio.create_task(waiter(ev, "A"))
    b = asyncio.create_task(waiter(ev, "B"))
    c = asyncio.create_task(waiter(ev, "C"))
    await asyncio.sleep(0)
    b.cancel()
    log("cancel B")
    await asyncio.sleep(1)
    ev.set()
    log("set")
    await a
    await c
    log("A", outcome(a), "B", outcome(b), "C", outcome(c))
