# Cancel arrives while the task is ready to resume from `await C`: C has just
# returned and T's wake-up is queued when U cancels T. asyncio delivers the
# cancellation at that resume: T's await raises although C succeeded.
import asyncio
from twin import log, outcome


async def child():
    await asyncio.sleep(1)  # armed before U's: C ends first at 1.000
    log("C returns 4")
    return 4


async def awaiter(box):
    c = asyncio.create_task(child())
    box.append(c)
    try:
        value = await c
    except asyncio.CancelledError:
        log("T await C -> ECANCELLED, C", outcome(c))
        raise
    log("T await C -> ok", value)
    return value


async def canceller(t):
    await asyncio.sleep(1)
    log("U cancel ->", int(t.cancel()), "cancelling", t.cancelling())


async def main():
    box = []
    t = asyncio.create_task(awaiter(box))
    await asyncio.sleep(0)  # T creates C and C arms its sleep first
    u = asyncio.create_task(canceller(t))
    await asyncio.wait([t, u])
    log("T", outcome(t), "C", outcome(box[0]))
