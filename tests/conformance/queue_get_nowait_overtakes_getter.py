# A Queue getter G was woken by put(1) but has not run yet when main calls
# get_nowait(): CPython lets main take the item (G waits again and gets
# the next one); wasio handed 1 to G at the put, so main finds it empty.
import asyncio
from twin import log, err


async def getter(q):
    log("G get ->", await q.get())


async def main():
    q = asyncio.Queue()
    g = asyncio.create_task(getter(q))
    await asyncio.sleep(0)
    q.put_nowait(1)
    try:
        log("put 1, get_nowait ->", q.get_nowait())
    except Exception as exc:
        log("put 1, get_nowait ->", err(exc))
    q.put_nowait(2)
    log("put 2")
    await g
    log("size", q.qsize())
