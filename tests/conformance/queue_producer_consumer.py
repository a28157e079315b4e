# A producer and a consumer on a bounded Queue (maxsize 2): the producer
# blocks when the queue is full, the consumer takes 1s per item; 0 ends.
import asyncio
from twin import log


async def producer(q):
    for i in (1, 2, 3, 4, 5, 0):
        await q.put(i)
        log("P put", i, "size", q.qsize())
    log("P done")


async def consumer(q):
    while True:
        item = await q.get()
        log("C get", item)
        if item == 0:
            q.task_done()
            return
        await asyncio.sleep(1)
        q.task_done()


async def main():
    q = asyncio.Queue(maxsize=2)
    p = asyncio.create_task(producer(q))
    c = asyncio.create_task(consumer(q))
    await asyncio.sleep(0)  # both have run: items are unfinished
    await q.join()
    log("join -> ok")
    await p
    await c
