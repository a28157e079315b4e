# Cancel arrives while the task is ready to resume: T's sleep is over and T
# is queued when U cancels it. The cancellation is delivered at that resume.
import asyncio
from twin import log, outcome


async def sleeper():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        log("T sleep -> ECANCELLED")
        raise
    log("T sleep -> ok")
    return 1


async def canceller(box):
    await asyncio.sleep(1)  # armed before T's: U runs first at 1.000
    t = box[0]
    log("U cancel ->", int(t.cancel()), "cancelling", t.cancelling())


async def main():
    box = []
    u = asyncio.create_task(canceller(box), name="U")
    t = asyncio.create_task(sleeper(), name="T")
    box.append(t)
    await asyncio.wait([t, u])
    log("T", outcome(t), "cancelling", t.cancelling())
