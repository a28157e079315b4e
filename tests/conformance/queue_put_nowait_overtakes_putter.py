# A full Queue (maxsize 1) with a blocked putter P: main's get() wakes P,
# and before P runs main calls put_nowait(3). CPython: the queue is not
# full yet, main's item gets in and P waits again; wasio moved P's item in
# at the get, so the queue is full and put_nowait fails (EFULL).
import asyncio
from twin import log, err


async def putter(q):
    await q.put(2)
    log("P put 2 -> ok")


async def main():
    q = asyncio.Queue(maxsize=1)
    q.put_nowait(1)
    p = asyncio.create_task(putter(q))
    await asyncio.sleep(0)
    log("get ->", await q.get(), "full", int(q.full()))
    try:
        q.put_nowait(3)
        log("put_nowait 3 -> ok")
    except Exception as exc:
        log("put_nowait 3 ->", err(exc))
    log("get ->", await q.get())
    await p
    log("size", q.qsize())
    while not q.empty():
        log("get_nowait ->", q.get_nowait())
