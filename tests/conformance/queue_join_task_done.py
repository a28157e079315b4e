# Queue.join() returns at once when nothing is unfinished, else waits
# until task_done() was called for every item put (two workers, 1s each).
import asyncio
from twin import log, outcome


async def worker(q, name):
    while True:
        item = await q.get()
        log(name, "get ->", item)
        await asyncio.sleep(1)
        q.task_done()
        log(name, "task_done", item)


async def main():
    q = asyncio.Queue()
    await q.join()
    log("join empty -> ok")
    for i in (1, 2, 3):
        q.put_nowait(i)
    workers = [asyncio.create_task(worker(q, n)) for n in "AB"]
    await q.join()
    log("join -> ok size", q.qsize())
    for w in workers:
        w.cancel()
    await asyncio.wait(workers)
    log("A", outcome(workers[0]), "B", outcome(workers[1]))
