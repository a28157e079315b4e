# A task running a TaskGroup is cancelled from outside: the body and its
# child see ECANCELLED, and the group's exit propagates the cancellation.
import asyncio
from twin import attempt, err, log, outcome


async def child(name):
    log(name, "sleep ->", await attempt(asyncio.sleep(5)))
    raise asyncio.CancelledError  # ends cancelled, as C's return rc


async def runner():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("A"))
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                log("body sleep -> ECANCELLED")
                raise
    except BaseException as exc:
        log("exit ->", err(exc))
        raise


async def main():
    t = asyncio.create_task(runner())
    await asyncio.sleep(1)
    log("cancel ->", int(t.cancel()))
    log("await T ->", await attempt(t))
    log("T", outcome(t), "cancelling", t.cancelling())
