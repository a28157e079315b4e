# A done callback added to a task that is already done is not called at
# once: it is scheduled like any call_soon, after what was ready before it
# (U) and before the adder's own yield comes back.
import asyncio
from twin import log, outcome


def callback(task):
    log("cb sees T", outcome(task))


async def value():
    return 4


async def other():
    log("U runs")


async def main():
    t = asyncio.create_task(value())
    await asyncio.sleep(0)
    u = asyncio.create_task(other())
    t.add_done_callback(callback)
    log("main added, T", outcome(t))
    await asyncio.sleep(0)
    log("main back")
    await u
