# Queue.task_done() called more times than items were put: CPython
# raises ValueError (EINVAL); wasio returns ESTATE. join() is unaffected.
import asyncio
from twin import log, err


async def main():
    q = asyncio.Queue()
    try:
        q.task_done()
    except Exception as exc:
        log("task_done on a fresh queue ->", err(exc))
    q.put_nowait(1)
    await q.get()
    q.task_done()
    log("put, get, task_done -> ok")
    try:
        q.task_done()
    except Exception as exc:
        log("task_done again ->", err(exc))
    await q.join()
    log("join -> ok")
