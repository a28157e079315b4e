# Done callbacks run in the order they were added, soon after the task ends
# (in the same instant), each seeing the task done with its outcome.
import asyncio
import functools
from twin import log, outcome


def callback(name, task):
    log("cb", name, "sees T", outcome(task))


async def worker():
    await asyncio.sleep(1)
    log("T returns 2")
    return 2


async def main():
    t = asyncio.create_task(worker())
    for name in ("a", "b", "c"):
        t.add_done_callback(functools.partial(callback, name))
    await asyncio.sleep(2)
    log("main done")
