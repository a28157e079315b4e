# A timeout fires and an outside cancel arrives at the same instant, while
# the task is ready to resume: the task ends cancelled, not TimeoutError
# (the scope sees a cancel request that is not its own).
import asyncio
from twin import log, outcome, err


async def worker():
    try:
        async with asyncio.timeout(1) as cm:
            try:
                await asyncio.sleep(5)
            except asyncio.CancelledError:
                log("W sleep -> ECANCELLED")
                raise
    except BaseException as exc:
        log("W scope ->", err(exc), "expired", int(cm.expired()),
            "cancelling", asyncio.current_task().cancelling())
        raise


async def canceller(box):
    await asyncio.sleep(1)  # armed before W's timeout: U runs first at 1.000
    log("U cancel W ->", int(box[0].cancel()))


async def main():
    box = []
    u = asyncio.create_task(canceller(box))
    w = asyncio.create_task(worker())
    box.append(w)
    await asyncio.wait([w, u])
    log("W", outcome(w))
