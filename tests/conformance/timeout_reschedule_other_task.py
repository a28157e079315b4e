# A watchdog task extends a worker's timeout: reschedule() called from
# another task than the one in the scope. CPython allows it: the worker's
# 2 s sleep, under a 1 s timeout moved to 3.5 s at 0.5, finishes.
import asyncio
from twin import log, attempt, err


async def main():
    loop = asyncio.get_running_loop()
    box = []
    entered = asyncio.Event()

    async def worker():
        async with asyncio.timeout(1) as cm:
            box.append(cm)
            entered.set()
            log("W sleep ->", await attempt(asyncio.sleep(2)))
        log("W expired", int(cm.expired()))

    async def watchdog():
        await entered.wait()
        await asyncio.sleep(0.5)
        try:
            box[0].reschedule(loop.time() + 3)
            rc = "ok"
        except BaseException as exc:
            rc = err(exc)
        log("D reschedule ->", rc, "when", f"{box[0].when():.3f}")

    w = asyncio.create_task(worker())
    d = asyncio.create_task(watchdog())
    log("W ->", await attempt(w))
    log("D ->", await attempt(d))
