# An awaiter's wake-up is one of the task's done callbacks: when T ends, the
# tasks awaiting it and the done callbacks run in the order they were
# registered (A awaits, cb1 added, B awaits, cb2 added).
import asyncio
import functools
from twin import log, outcome


def callback(name, task):
    log("cb", name, "sees T", outcome(task))


async def worker():
    await asyncio.sleep(1)
    return 2


async def awaiter(name, t):
    value = await t
    log(name, "await T -> ok", value)


async def main():
    t = asyncio.create_task(worker())
    a = asyncio.create_task(awaiter("A", t))
    await asyncio.sleep(0)  # T sleeps, A awaits T
    t.add_done_callback(functools.partial(callback, "cb1"))
    b = asyncio.create_task(awaiter("B", t))
    await asyncio.sleep(0)  # B awaits T
    t.add_done_callback(functools.partial(callback, "cb2"))
    await asyncio.sleep(2)
    log("A", outcome(a), "B", outcome(b))
