# Lock.locked() between a release and the woken waiter's first step:
# CPython's lock is free until the waiter runs and takes it; wasio hands
# the lock over at release, so it stays locked.
import asyncio
from twin import log


async def waiter(lock):
    await lock.acquire()
    log("A acquire -> ok locked", int(lock.locked()))
    lock.release()


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    a = asyncio.create_task(waiter(lock))
    await asyncio.sleep(0)
    lock.release()
    log("main release, locked", int(lock.locked()))
    await a
    log("locked", int(lock.locked()))
