# Cancelling a task suspended in Event.wait(): the wait raises, the task
# leaves the event's waiters; setting the event afterwards wakes nobody.
import asyncio
from twin import log, attempt, outcome


async def waiter(ev):
    try:
        await ev.wait()
    except asyncio.CancelledError:
        log("T wait -> ECANCELLED")
        raise
    log("T wait -> ok")


async def main():
    ev = asyncio.Event()
    t = asyncio.create_task(waiter(ev))
    await asyncio.sleep(0.5)
    log("main cancel ->", int(t.cancel()))
    log("main await T ->", await attempt(t))
    ev.set()
    await asyncio.sleep(0)
    log("T", outcome(t), "event set", int(ev.is_set()))
