# Cancelling the first Semaphore waiter before it is served: it leaves
# the queue, and the released permit goes to the next waiter.
import asyncio
from twin import log, outcome


async def waiter(sem, name):
    try:
        await sem.acquire()
    except asyncio.CancelledError:
        log(name, "acquire -> ECANCELLED")
        raise
    log(name, "acquire -> ok")
    await asyncio.sleep(1)
    sem.release()


async def main():
    sem = asyncio.Semaphore(1)
    await sem.acquire()
    a = asyncio.create_task(waiter(sem, "A"))
    b = asyncio.create_task(waiter(sem, "B"))
    c = asyncio.create_task(waiter(sem, "C"))
    await asyncio.sleep(0)
    a.cancel()
    sem.release()
    log("cancel A, release")
    await b
    await c
    log("A", outcome(a), "locked", int(sem.locked()))
