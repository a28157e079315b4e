# Timers due at the same instant: a task's sleep (armed first) and two
# call_later callbacks. asyncio runs both callbacks before the woken task
# resumes, whatever the arming order.
import asyncio
from twin import log


def cb(name):
    log("cb", name)


async def sleeper():
    await asyncio.sleep(1)
    log("T woke")


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0)  # T is asleep, its timer armed first
    loop.call_later(1, cb, "1")
    loop.call_later(1, cb, "2")
    await t
    log("main end")
