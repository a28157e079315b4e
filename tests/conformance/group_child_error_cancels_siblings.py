# The first child to fail cancels its siblings and the body: each of them
# sees ECANCELLED at its await point, at the instant of the failure.
import asyncio
from twin import Boom, attempt, err, log, outcome


async def failer():
    await asyncio.sleep(1)
    log("A fails")
    raise Boom("a")


async def sleeper():
    log("B sleep ->", await attempt(asyncio.sleep(5)))
    raise asyncio.CancelledError  # ends cancelled, as C's return rc


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            a = tg.create_task(failer())
            b = tg.create_task(sleeper())
            log("body sleep ->", await attempt(asyncio.sleep(10)))
    except BaseException as exc:
        log("exit ->", err(exc))
    log("A", outcome(a), "B", outcome(b))
