# A task with a cancel pending calls get() on a non-empty Queue and put()
# on a non-full one: neither suspends, so both succeed; the cancel arrives
# at the next await that suspends (sleep 0).
import asyncio
from twin import log, attempt, outcome


async def body(q):
    asyncio.current_task().cancel()
    log("T get ->", await attempt(q.get()))
    log("T put 2 ->", await attempt(q.put(2)))
    log("T sleep 0 ->", await attempt(asyncio.sleep(0)))


async def main():
    q = asyncio.Queue(maxsize=1)
    q.put_nowait(1)
    t = asyncio.create_task(body(q))
    await asyncio.wait([t])
    log("T", outcome(t), "cancelling", t.cancelling(), "size", q.qsize())
