# Queue.shutdown(immediate=True) (3.13): the items left are dropped and
# counted done, so a waiting join() returns; blocked getters and putters
# wake with QueueShutDown (ESHUTDOWN).
import asyncio
from twin import log, attempt


async def joiner(q):
    log("J join ->", await attempt(q.join()))


async def putter(q):
    log("P put 3 ->", await attempt(q.put(3)))


async def getter(q, name):
    log(name, "get ->", await attempt(q.get()))


async def main():
    q = asyncio.Queue(maxsize=2)
    q.put_nowait(1)
    q.put_nowait(2)
    empty = asyncio.Queue()
    tasks = [asyncio.create_task(joiner(q)), asyncio.create_task(putter(q)),
             asyncio.create_task(getter(empty, "A")),
             asyncio.create_task(getter(empty, "B"))]
    await asyncio.sleep(1)
    q.shutdown(immediate=True)
    empty.shutdown(immediate=True)
    log("shutdown immediate, size", q.qsize())
    for t in tasks:
        await t
    log("get ->", await attempt(q.get()))
    log("join ->", await attempt(q.join()))
