# Cancelling the first blocked putter of a full Queue (maxsize 1) before
# it is served: its item never gets in, and the next get() lets the
# second putter in.
import asyncio
from twin import log, attempt, outcome


async def putter(q, name, item):
    try:
        await q.put(item)
    except asyncio.CancelledError:
        log(name, "put", item, "-> ECANCELLED")
        raise
    log(name, "put", item, "-> ok")


async def main():
    q = asyncio.Queue(maxsize=1)
    q.put_nowait(1)
    a = asyncio.create_task(putter(q, "A", 2))
    b = asyncio.create_task(putter(q, "B", 3))
    await asyncio.sleep(0)
    a.cancel()
    log("cancel A, get ->", await attempt(q.get()))
    await b
    log("get ->", await attempt(q.get()))
    await asyncio.wait([a])
    log("A", outcome(a), "B", outcome(b), "size", q.qsize())
