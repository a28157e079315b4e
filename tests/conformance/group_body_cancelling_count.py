# While a child's failure cancels the body, the body's task counts one
# cancellation request (cancelling 1); after the group exits it is 0 again.
import asyncio
from twin import Boom, err, log


async def failer():
    await asyncio.sleep(1)
    raise Boom("a")


async def main():
    me = asyncio.current_task()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(failer())
            try:
                await asyncio.sleep(5)
            except asyncio.CancelledError:
                log("body sleep -> ECANCELLED cancelling", me.cancelling())
                raise
    except BaseException as exc:
        log("exit ->", err(exc))
    log("after cancelling", me.cancelling())
