# A full Queue (maxsize 1) blocks put(); three blocked putters get in one
# at a time, in the order they blocked, as main takes an item each second.
import asyncio
from twin import log, attempt


async def putter(q, name, item):
    log(name, "put", item, "->", await attempt(q.put(item)))


async def main():
    q = asyncio.Queue(maxsize=1)
    q.put_nowait(1)
    tasks = [asyncio.create_task(putter(q, n, i))
             for n, i in (("A", 2), ("B", 3), ("C", 4))]
    await asyncio.sleep(0)
    log("full", int(q.full()), "size", q.qsize())
    for _ in range(4):
        await asyncio.sleep(1)
        log("get ->", await attempt(q.get()))
    for t in tasks:
        await t
    log("size", q.qsize())
