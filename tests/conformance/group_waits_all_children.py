# TaskGroup exit waits for every child, however long each runs, and the
# body's own return does not end the group early.
import asyncio
from twin import log, outcome


async def child(name, delay):
    await asyncio.sleep(delay)
    log(name, "done")
    return int(delay)


async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(child("A", 2))
        b = tg.create_task(child("B", 1))
        c = tg.create_task(child("C", 3))
        log("body end")
    log("exit -> ok")
    log("A", outcome(a), "B", outcome(b), "C", outcome(c))
