# Cancelling the Semaphore waiter that was just given the permit (release
# and cancel in the same step): CPython's waiter raises CancelledError and
# the permit goes on to the next waiter; wasio's waiter keeps it.
import asyncio
from twin import log, outcome


async def waiter(sem, name):
    try:
        await sem.acquire()
    except asyncio.CancelledError:
        log(name, "acquire -> ECANCELLED")
        raise
    log(name, "acquire -> ok")
    try:
        await asyncio.sleep(1)
    finally:
        sem.release()
        log(name, "release")


async def main():
    sem = asyncio.Semaphore(1)
    await sem.acquire()
    a = asyncio.create_task(waiter(sem, "A"))
    b = asyncio.create_task(waiter(sem, "B"))
    await asyncio.sleep(0)
    sem.release()
    a.cancel()
    log("release, cancel A")
    await asyncio.wait([a, b])
    log("A", outcome(a), "B", outcome(b), "locked", int(sem.locked()))
