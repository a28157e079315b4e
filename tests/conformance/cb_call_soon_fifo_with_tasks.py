# call_soon callbacks and new tasks share one FIFO ready queue: they run in
# the order they were scheduled, interleaved, and a task's sleep(0) goes to
# the back of it.
import asyncio
from twin import log


def cb(name):
    log("cb", name)


async def worker(name):
    log(name, "step 1")
    await asyncio.sleep(0)
    log(name, "step 2")


async def main():
    loop = asyncio.get_running_loop()
    asyncio.create_task(worker("A"))
    loop.call_soon(cb, "1")
    asyncio.create_task(worker("B"))
    loop.call_soon(cb, "2")
    await asyncio.sleep(0)
    log("main resumed")
    loop.call_soon(cb, "3")
    await asyncio.sleep(0)
    log("main end")
