# A call_later callback cancels a task whose sleep ends at the same instant
# (the sleep was armed first). asyncio runs every due timer callback before
# any task woken by a timer resumes: cancel() returns 1 and T ends cancelled.
import asyncio
from twin import attempt, log, outcome


async def sleeper():
    r = await attempt(asyncio.sleep(1))
    log("T sleep ->", r)
    if r != "ok":
        raise asyncio.CancelledError  # ends cancelled, as C's return rc
    return 1


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0)  # T is asleep, its timer armed first

    def cb():
        log("cb cancel ->", int(t.cancel()))

    loop.call_later(1, cb)
    await asyncio.sleep(2)
    log("T", outcome(t))
