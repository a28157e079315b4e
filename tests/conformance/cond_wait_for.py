# Condition.wait_for(predicate) checks the predicate first, then again
# after every notify, and returns once it holds (main bumps n each second).
import asyncio
from twin import log

n = 0


def ready():
    log("predicate n", n)
    return n >= 3


async def waiter(cond):
    async with cond:
        await cond.wait_for(ready)
        log("wait_for -> ok locked", int(cond.locked()))


async def main():
    global n
    cond = asyncio.Condition()
    w = asyncio.create_task(waiter(cond))
    for _ in range(3):
        await asyncio.sleep(1)
        async with cond:
            n += 1
            cond.notify_all()
    await w
