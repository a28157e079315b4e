# Timeout.when() read after the scope has exited: the deadline it had,
# whether it fired (1.000) or not (6.000).
import asyncio
from twin import log, attempt


async def main():
    fired = asyncio.timeout(1)

    async def scoped(cm, delay):
        async with cm:
            await asyncio.sleep(delay)

    log("fired ->", await attempt(scoped(fired, 2)))
    in_time = asyncio.timeout(5)
    log("in time ->", await attempt(scoped(in_time, 1)))
    log("after exit: fired when", f"{fired.when():.3f}",
        "in time when", f"{in_time.when():.3f}")
