# asyncio.timeout(None) never fires until rescheduled: reschedule(now + 1)
# arms it. And the other way: timeout(1) rescheduled to None never fires.
import asyncio
from twin import log, attempt


def show(w):
    return "none" if w is None else f"{w:.3f}"


async def main():
    loop = asyncio.get_running_loop()

    async def armed_later():
        async with asyncio.timeout(None) as cm:
            log("when", show(cm.when()))
            log("sleep(1) ->", await attempt(asyncio.sleep(1)))
            cm.reschedule(loop.time() + 1)
            log("rescheduled: when", show(cm.when()))
            try:
                await asyncio.sleep(5)
            finally:
                log("sleep(5) done: expired", int(cm.expired()))

    async def disarmed():
        async with asyncio.timeout(1) as cm:
            cm.reschedule(None)
            log("rescheduled: when", show(cm.when()))
            log("sleep(2) ->", await attempt(asyncio.sleep(2)))
        log("expired", int(cm.expired()))

    log("armed later ->", await attempt(armed_later()))
    log("disarmed ->", await attempt(disarmed()))
