# A task that cancels itself and then returns without awaiting anything:
# the request is still pending when the body ends, so asyncio ends the task
# cancelled (its return value is dropped).
import asyncio
from twin import log, attempt, outcome


async def worker():
    me = asyncio.current_task()
    log("T cancel self ->", int(me.cancel()), "cancelling", me.cancelling())
    log("T returns 3")
    return 3


async def main():
    t = asyncio.create_task(worker())
    log("main await T ->", await attempt(t))
    log("T", outcome(t), "cancelling", t.cancelling())
