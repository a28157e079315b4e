# get_nowait() on an empty Queue raises QueueEmpty (EEMPTY), put_nowait()
# on a full one QueueFull (EFULL); neither changes the queue.
import asyncio
from twin import log, err


async def main():
    q = asyncio.Queue(maxsize=2)
    try:
        q.get_nowait()
    except Exception as exc:
        log("get_nowait empty ->", err(exc))
    q.put_nowait(1)
    q.put_nowait(2)
    try:
        q.put_nowait(3)
    except Exception as exc:
        log("put_nowait full ->", err(exc), "size", q.qsize())
    log("get_nowait -> ok", q.get_nowait())
    q.put_nowait(3)
    log("put_nowait -> ok size", q.qsize())
    log("get_nowait -> ok", q.get_nowait(), q.get_nowait())
    try:
        q.get_nowait()
    except Exception as exc:
        log("get_nowait empty ->", err(exc))
    u = asyncio.Queue()
    for i in range(100):
        u.put_nowait(i)
    log("unbounded size", u.qsize(), "full", int(u.full()))
