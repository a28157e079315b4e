# Cancelling the Queue getter that was just woken by a put (put and
# cancel in the same step): CPython's getter raises CancelledError and the
# item goes to the next getter; wasio hands the item to the first getter,
# which keeps it. main puts 2 at 1s.
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
    q.put_nowait(1)
    a.cancel()
    log("put 1, cancel A")
    await asyncio.sleep(1)
    q.put_nowait(2)
    log("put 2")
    await asyncio.wait([a, b])
    log("A", outcome(a), "B", outcome(b), "size", q.qsize())
