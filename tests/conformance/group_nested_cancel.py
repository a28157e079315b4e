# Nested groups: a child of the outer group waits in an inner group's exit
# when its sibling fails; the cancellation reaches the inner group's child,
# the inner exit raises ECANCELLED and the outer one reports only the error.
import asyncio
from twin import Boom, attempt, err, log, outcome


async def leaf():
    log("leaf sleep ->", await attempt(asyncio.sleep(5)))
    raise asyncio.CancelledError  # ends cancelled, as C's return rc


async def middle():
    try:
        async with asyncio.TaskGroup() as inner:
            inner.create_task(leaf())
    except BaseException as exc:
        log("inner exit ->", err(exc))
        raise


async def failer():
    await asyncio.sleep(1)
    log("Z fails")
    raise Boom("z")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            m = tg.create_task(middle())
            tg.create_task(failer())
    except BaseException as exc:
        log("outer exit ->", err(exc))
    log("middle", outcome(m))
