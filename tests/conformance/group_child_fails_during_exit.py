# A child fails while the body already waits in the group's exit: the other
# child is cancelled, exit raises at that instant, and afterwards the body's
# task is not left cancelled (cancelling 0, its next sleep works).
import asyncio
from twin import Boom, attempt, err, log, outcome


async def child(name, delay, fail):
    r = await attempt(asyncio.sleep(delay))
    log(name, "sleep ->", r)
    if r != "ok":
        raise asyncio.CancelledError  # ends cancelled, as C's return rc
    if fail:
        raise Boom(name)
    return int(delay)


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            a = tg.create_task(child("A", 1, False))
            b = tg.create_task(child("B", 2, True))
            c = tg.create_task(child("C", 5, False))
            log("body end")
    except BaseException as exc:
        log("exit ->", err(exc))
    log("A", outcome(a), "B", outcome(b), "C", outcome(c))
    log("main cancelling", asyncio.current_task().cancelling())
    log("sleep after ->", await attempt(asyncio.sleep(1)))
