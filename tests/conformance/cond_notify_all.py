# Condition.notify_all() wakes every waiter; each then re-acquires the
# lock in turn (main keeps it 1s more, each waiter holds it 1s).
import asyncio
from twin import log


async def waiter(cond, name):
    async with cond:
        await cond.wait()
        log(name, "wait -> ok")
        await asyncio.sleep(1)
        log(name, "release")


async def main():
    cond = asyncio.Condition()
    tasks = [asyncio.create_task(waiter(cond, n)) for n in "ABC"]
    await asyncio.sleep(0)
    async with cond:
        cond.notify_all()
        log("notify_all")
        await asyncio.sleep(1)
        log("main release")
    for t in tasks:
        await t
    log("locked", int(cond.locked()))
