# Cancelling a task suspended in Queue.get(): the get raises and the getter
# is gone; an item put afterwards stays in the queue.
import asyncio
from twin import log, attempt, outcome


async def getter(q):
    try:
        item = await q.get()
    except asyncio.CancelledError:
        log("T get -> ECANCELLED")
        raise
    log("T get -> ok", item)


async def main():
    q = asyncio.Queue()
    t = asyncio.create_task(getter(q))
    await asyncio.sleep(0.5)
    log("main cancel ->", int(t.cancel()))
    log("main await T ->", await attempt(t))
    q.put_nowait(7)
    await asyncio.sleep(0)
    log("T", outcome(t), "qsize", q.qsize(), "get_nowait ->", q.get_nowait())
