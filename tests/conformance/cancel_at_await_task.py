# Cancelling a task suspended in `await C` cancels C as well; C ends first,
# then the awaiter sees the cancellation. Both end cancelled, each with one
# cancellation request.
import asyncio
from twin import log, attempt, outcome


async def child():
    try:
        await asyncio.sleep(2)
    except asyncio.CancelledError:
        log("C sleep -> ECANCELLED")
        raise


async def parent(box):
    c = asyncio.create_task(child())
    box.append(c)
    try:
        await c
    except asyncio.CancelledError:
        log("T await C -> ECANCELLED, C", outcome(c))
        raise


async def main():
    box = []
    t = asyncio.create_task(parent(box))
    await asyncio.sleep(0.5)
    log("main cancel ->", int(t.cancel()))
    log("main await T ->", await attempt(t))
    c = box[0]
    log("T", outcome(t), "cancelling", t.cancelling())
    log("C", outcome(c), "cancelling", c.cancelling())
