# A LifoQueue getter is waiting when main puts 1 then 2 in one step: in
# CPython the getter takes what is on top when it runs (2); wasio hands
# the first item put (1) straight to the waiting getter.
import asyncio
from twin import log


async def getter(q):
    log("G get ->", await q.get())


async def main():
    q = asyncio.LifoQueue()
    g = asyncio.create_task(getter(q))
    await asyncio.sleep(0)
    q.put_nowait(1)
    q.put_nowait(2)
    log("put 1, put 2, size", q.qsize())
    await g
    log("get_nowait ->", q.get_nowait(), "size", q.qsize())
