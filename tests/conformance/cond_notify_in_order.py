# Condition.notify(n) wakes n waiters, the longest waiting first: notify(1)
# at 1s, notify(2) at 2s, notify(1) at 3s, with four waiters.
import asyncio
from twin import log


async def waiter(cond, name):
    async with cond:
        await cond.wait()
        log(name, "wait -> ok locked", int(cond.locked()))


async def main():
    cond = asyncio.Condition()
    tasks = [asyncio.create_task(waiter(cond, n)) for n in "ABCD"]
    for n in (1, 2, 1):
        await asyncio.sleep(1)
        async with cond:
            cond.notify(n)
            log("notify", n)
    for t in tasks:
        await t
