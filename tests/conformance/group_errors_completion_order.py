# The group's errors come in the order the children failed, not the order
# they were created: B (created second) fails first, A fails in its cleanup.
import asyncio
from twin import Boom, err, log


async def a_child():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        log("A cancelled, fails")
        raise Boom("a")


async def b_child():
    await asyncio.sleep(1)
    log("B fails")
    raise Boom("b")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(a_child())
            tg.create_task(b_child())
    except BaseException as exc:
        log("exit ->", err(exc))
