# shutdown(immediate=True) drops the items still queued and counts them
# done, but not the one a consumer already took: join() waits for that
# consumer's task_done() (at 1s).
import asyncio
from twin import log, attempt


async def consumer(q):
    item = await q.get()
    log("C get ->", item)
    await asyncio.sleep(1)
    q.task_done()
    log("C task_done")


async def joiner(q):
    log("J join ->", await attempt(q.join()))


async def main():
    q = asyncio.Queue()
    for i in (1, 2, 3):
        q.put_nowait(i)
    c = asyncio.create_task(consumer(q))
    j = asyncio.create_task(joiner(q))
    await asyncio.sleep(0)
    q.shutdown(immediate=True)
    log("shutdown immediate, size", q.qsize())
    await c
    await j
