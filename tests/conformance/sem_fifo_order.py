# Semaphore(2) with five tasks: two hold a permit at a time, and the
# others get theirs in the order they asked, as permits come back.
import asyncio
from twin import log


async def worker(sem, name):
    await sem.acquire()
    log(name, "acquire -> ok locked", int(sem.locked()))
    await asyncio.sleep(1)
    sem.release()


async def main():
    sem = asyncio.Semaphore(2)
    tasks = [asyncio.create_task(worker(sem, n)) for n in "ABCDE"]
    for t in tasks:
        await t
    log("locked", int(sem.locked()))
