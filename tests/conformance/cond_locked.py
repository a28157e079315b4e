# Condition.locked() follows its lock: free, held, released by a waiter
# in wait(), re-taken when the waiter wakes; a Condition built on a Lock
# shares it.
import asyncio
from twin import log


async def waiter(cond):
    async with cond:
        await cond.wait()
        log("W wait -> ok locked", int(cond.locked()))


async def main():
    cond = asyncio.Condition()
    log("locked", int(cond.locked()))
    w = asyncio.create_task(waiter(cond))
    await asyncio.sleep(0)
    log("W waits, locked", int(cond.locked()))
    await cond.acquire()
    log("acquire -> ok locked", int(cond.locked()))
    cond.notify()
    cond.release()
    await w
    log("locked", int(cond.locked()))
    lock = asyncio.Lock()
    shared = asyncio.Condition(lock)
    await lock.acquire()
    log("shared lock held, locked", int(shared.locked()))
    shared.release()
    log("shared release, lock locked", int(lock.locked()))
