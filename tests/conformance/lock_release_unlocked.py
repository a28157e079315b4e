# Lock.locked() through acquire and release; releasing a Lock that is not
# acquired raises RuntimeError (wasio: ESTATE), and the lock stays usable.
import asyncio
from twin import log, err


async def main():
    lock = asyncio.Lock()
    log("locked", int(lock.locked()))
    try:
        lock.release()
    except RuntimeError as exc:
        log("release unlocked ->", err(exc))
    await lock.acquire()
    log("acquire -> ok locked", int(lock.locked()))
    lock.release()
    log("release -> ok locked", int(lock.locked()))
    try:
        lock.release()
    except RuntimeError as exc:
        log("release again ->", err(exc))
    await lock.acquire()
    log("acquire -> ok locked", int(lock.locked()))
    lock.release()
