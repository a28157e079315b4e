# asyncio.gather() of no tasks: an empty result at once, without yielding
# to the loop (a task created just before has not run yet).
import asyncio
from twin import log


async def other():
    log("T runs")


async def main():
    t = asyncio.create_task(other())
    results = await asyncio.gather()
    log("gather -> ok", len(results))
    await t
    log("end")
