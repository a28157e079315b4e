# The body fails and a child fails while being cancelled for it: the
# ExceptionGroup lists the children's errors first, then the body's.
import asyncio
from twin import Boom, err, log, outcome


async def child():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        log("A cancelled, fails")
        raise Boom("a")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            a = tg.create_task(child())
            await asyncio.sleep(1)
            log("body fails")
            raise Boom("body")
    except BaseException as exc:
        log("exit ->", err(exc))
    log("A", outcome(a))
