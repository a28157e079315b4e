# Cancelling the first Queue getter before it is served: it ends
# cancelled, and the item put in the same step goes to the next getter.
import asyncio
from twin import log, outcome


async def getter(q, name):
    try:
        item = await q.get()
    except asyncio.CancelledError:
        log(name, "get -> ECANCELLED")
        raise
    log(name, "get -> ok", item)


async def main():
    q = asyncio.Queue()
    a = asyncio.create_task(getter(q, "A"))
    b = asyncio.create_task(getter(q, "B"))
    await asyncio.sleep(0)
    a.cancel()
    q.put_nowait(1)
    log("cancel A, put 1")
    await b
    await asyncio.wait([a])
    log("A", outcome(a), "B", outcome(b), "size", q.qsize())
