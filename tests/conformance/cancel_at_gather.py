# Cancelling a task suspended in gather(A, B) cancels A and B; once both
# have ended, the gather raises CancelledError in the task.
import asyncio
from twin import log, attempt, outcome


async def child(name):
    try:
        await asyncio.sleep(2)
    except asyncio.CancelledError:
        log(name, "sleep -> ECANCELLED")
        raise


async def parent(box):
    a = asyncio.create_task(child("A"))
    b = asyncio.create_task(child("B"))
    box.extend([a, b])
    try:
        await asyncio.gather(a, b)
    except asyncio.CancelledError:
        log("T gather -> ECANCELLED, A", outcome(a), "B", outcome(b))
        raise


async def main():
    box = []
    t = asyncio.create_task(parent(box))
    await asyncio.sleep(0.5)
    log("main cancel ->", int(t.cancel()))
    log("main await T ->", await attempt(t))
    log("T", outcome(t), "A", outcome(box[0]), "B", outcome(box[1]))
