# Event.wait() on a set Event returns at once without suspending: a task
# created just before the wait has not run yet when the wait returns.
import asyncio
from twin import log


async def other():
    log("other runs")


async def main():
    ev = asyncio.Event()
    log("is_set", int(ev.is_set()))
    ev.set()
    log("set, is_set", int(ev.is_set()))
    t = asyncio.create_task(other())
    await ev.wait()
    log("wait -> ok")
    await ev.wait()
    log("wait -> ok")
    await t
