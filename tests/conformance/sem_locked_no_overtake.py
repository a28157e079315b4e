# Semaphore.locked() as permits are taken and given back; a release to a
# waiter keeps it locked, so main, asking again at once, waits behind A.
import asyncio
from twin import log


async def waiter(sem):
    await sem.acquire()
    log("A acquire -> ok locked", int(sem.locked()))
    await asyncio.sleep(1)
    sem.release()
    log("A release")


async def main():
    sem = asyncio.Semaphore(2)
    log("locked", int(sem.locked()))
    await sem.acquire()
    log("acquire -> ok locked", int(sem.locked()))
    await sem.acquire()
    log("acquire -> ok locked", int(sem.locked()))
    a = asyncio.create_task(waiter(sem))
    await asyncio.sleep(0)
    sem.release()
    log("release, locked", int(sem.locked()))
    await sem.acquire()  # A was given the permit but has not run yet
    log("acquire -> ok locked", int(sem.locked()))
    sem.release()
    sem.release()
    log("release x2, locked", int(sem.locked()))
    await a
