# Queue hands items out first in, first out; LifoQueue last in, first
# out; qsize/empty/full along the way (maxsize 3).
import asyncio
from twin import log, attempt


async def main():
    for name, q in (("fifo", asyncio.Queue(3)), ("lifo", asyncio.LifoQueue(3))):
        log(name, "empty", int(q.empty()), "full", int(q.full()))
        for i in (1, 2, 3):
            await q.put(i)
        log(name, "size", q.qsize(), "empty", int(q.empty()), "full",
            int(q.full()))
        for _ in range(3):
            log(name, "get ->", await attempt(q.get()))
        log(name, "size", q.qsize(), "empty", int(q.empty()))
