# Done callbacks also run for cancelled tasks: for one cancelled before it
# started (once its empty first step has run) and for one cancelled in a
# sleep; each sees its task cancelled.
import asyncio
import functools
from twin import log, outcome


def callback(name, task):
    log("cb", name, outcome(task))


async def sleeper():
    await asyncio.sleep(1)


async def main():
    s = asyncio.create_task(sleeper())
    s.add_done_callback(functools.partial(callback, "S"))
    await asyncio.sleep(0.5)
    n = asyncio.create_task(sleeper())
    n.add_done_callback(functools.partial(callback, "N"))
    log("main cancel N ->", int(n.cancel()), "S ->", int(s.cancel()))
    await asyncio.sleep(1)
    log("S", outcome(s), "N", outcome(n))
