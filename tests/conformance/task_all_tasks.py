# all_tasks() counts the loop's tasks that are not done, main included: new
# tasks count before they start, a task cancelled before starting counts
# until it has run its (empty) step, a finished task no longer counts.
import asyncio
from twin import log


async def quick():
    return 1


async def slow():
    await asyncio.sleep(1)


async def main():
    log("alone", len(asyncio.all_tasks()))
    a = asyncio.create_task(quick())
    b = asyncio.create_task(slow())
    log("after create", len(asyncio.all_tasks()))
    c = asyncio.create_task(slow())
    c.cancel()
    log("after cancel", len(asyncio.all_tasks()))
    await asyncio.sleep(0)
    log("after yield", len(asyncio.all_tasks()))
    await b
    log("after await", len(asyncio.all_tasks()), "a", int(a.done()),
        "c", int(c.done()))
