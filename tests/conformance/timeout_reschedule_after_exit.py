# reschedule() on a timeout after its scope exited, once for a scope that
# finished in time and once for one that fired: RuntimeError both times.
import asyncio
from twin import log, attempt, err


def reschedule(cm, when):
    try:
        cm.reschedule(when)
    except BaseException as exc:
        return err(exc)
    return "ok"


async def main():
    loop = asyncio.get_running_loop()
    in_time = asyncio.timeout(5)
    fired = asyncio.timeout(2)

    async def scoped(cm, delay):
        async with cm:
            await asyncio.sleep(delay)

    log("in time ->", await attempt(scoped(in_time, 1)))
    log("reschedule in time ->", reschedule(in_time, loop.time() + 1))
    log("fired ->", await attempt(scoped(fired, 5)))
    log("reschedule fired ->", reschedule(fired, loop.time() + 1))
    log("sleep ->", await attempt(asyncio.sleep(3)))
