# A newcomer cannot overtake Lock waiters: main releases to A, then asks
# again at once, before A has run, and gets the lock only after A and B.
import asyncio
from twin import log


async def waiter(lock, name):
    await lock.acquire()
    log(name, "acquire -> ok")
    await asyncio.sleep(1)
    lock.release()
    log(name, "release")


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    a = asyncio.create_task(waiter(lock, "A"))
    b = asyncio.create_task(waiter(lock, "B"))
    await asyncio.sleep(0)
    lock.release()
    log("main release")
    await lock.acquire()  # A was woken but has not run yet
    log("main acquire -> ok")
    lock.release()
    await a
    await b
