# Event.set() wakes every waiter, in the order they began waiting; a
# clear() right after the set() does not take the wake-ups back.
import asyncio
from twin import log


async def waiter(ev, name):
    await ev.wait()
    log(name, "wait -> ok is_set", int(ev.is_set()))


async def main():
    ev = asyncio.Event()
    tasks = [asyncio.create_task(waiter(ev, n)) for n in "ABC"]
    await asyncio.sleep(1)
    ev.set()
    ev.clear()
    log("set, clear")
    for t in tasks:
        await t
    log("is_set", int(ev.is_set()))
