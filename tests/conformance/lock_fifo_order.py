# Lock is FIFO fair: five tasks queue on a held lock and get it in the
# order they asked for it, each holding it for 1 second.
import asyncio
from twin import log


async def worker(lock, name):
    await lock.acquire()
    log(name, "acquire -> ok")
    await asyncio.sleep(1)
    lock.release()


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    tasks = [asyncio.create_task(worker(lock, n)) for n in "ABCDE"]
    await asyncio.sleep(0)
    log("main release, locked", int(lock.locked()))
    lock.release()
    for t in tasks:
        await t
    log("locked", int(lock.locked()))
