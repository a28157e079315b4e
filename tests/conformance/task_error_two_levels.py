# An error travels up two awaits: B raises, A's await of B raises it, A lets
# it through, main's await of A raises the same error; both tasks failed.
import asyncio
from twin import log, attempt, outcome, Boom, err


async def inner():
    await asyncio.sleep(1)
    raise Boom("deep")


async def middle(box):
    b = asyncio.create_task(inner())
    box.append(b)
    try:
        await b
    except Boom as exc:
        log("A await B ->", err(exc))
        raise
    log("A not reached")


async def main():
    box = []
    a = asyncio.create_task(middle(box))
    log("main await A ->", await attempt(a))
    log("A", outcome(a), "B", outcome(box[0]))
