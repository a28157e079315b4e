"""debug (seeds 002 and 003): what debug mode catches: a task that blocks
the loop for 150 ms, and a task nobody awaits. The C demo is
demos/debug.c; this twin prints the same lines of its own, while asyncio's
debug mode reports the slow task in its own words (on stderr, through
logging), as wasio's debug lines do in theirs."""
import asyncio
import time

from demo import log, run

forgotten_tasks = set()  # the loop keeps only weak references to tasks


async def forgotten():
    await asyncio.sleep(0.1)


async def blocks():
    log("blocker: computing for 150 ms without yielding")
    time.sleep(0.15)  # blocks the whole loop


async def main():
    log("main: creating a task and forgetting to await it")
    forgotten_tasks.add(asyncio.create_task(forgotten()))
    b = asyncio.create_task(blocks())
    await b
    await asyncio.sleep(0.2)
    log("main: done")


run(main, modes=["run"], debug=True)
