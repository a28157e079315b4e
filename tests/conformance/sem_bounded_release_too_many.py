# BoundedSemaphore released past its initial value: CPython raises
# ValueError (EINVAL); wasio returns ESTATE. A plain Semaphore just grows.
import asyncio
from twin import log, err


async def main():
    sem = asyncio.BoundedSemaphore(1)
    await sem.acquire()
    sem.release()
    log("bounded acquire, release -> ok locked", int(sem.locked()))
    try:
        sem.release()
        log("bounded release again -> ok")
    except Exception as exc:
        log("bounded release again ->", err(exc))
    await sem.acquire()
    log("bounded acquire -> ok locked", int(sem.locked()))
    plain = asyncio.Semaphore(1)
    plain.release()
    await plain.acquire()
    await plain.acquire()
    log("plain release, acquire x2 -> ok locked", int(plain.locked()))
