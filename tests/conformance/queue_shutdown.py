# Queue.shutdown() (3.13): puts fail with QueueShutDown (ESHUTDOWN), a
# blocked putter wakes with it, a getter blocked on an empty queue too;
# gets drain the items left, then fail.
import asyncio
from twin import log, attempt, err


async def putter(q):
    log("P put 3 ->", await attempt(q.put(3)))


async def getter(q):
    log("G get ->", await attempt(q.get()))


async def main():
    q = asyncio.Queue(maxsize=2)
    q.put_nowait(1)
    q.put_nowait(2)
    empty = asyncio.Queue()
    p = asyncio.create_task(putter(q))
    g = asyncio.create_task(getter(empty))
    await asyncio.sleep(0)
    q.shutdown()
    empty.shutdown()
    log("shutdown, size", q.qsize())
    await p
    await g
    try:
        q.put_nowait(4)
    except Exception as exc:
        log("put_nowait ->", err(exc))
    log("put ->", await attempt(q.put(4)))
    log("get ->", await attempt(q.get()))
    log("get_nowait ->", q.get_nowait())
    log("get ->", await attempt(q.get()))
    try:
        q.get_nowait()
    except Exception as exc:
        log("get_nowait ->", err(exc))
