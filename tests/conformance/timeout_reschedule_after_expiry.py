# reschedule() on a timeout that has already fired (still inside the
# scope): RuntimeError ("Cannot change state of expiring Timeout"); the
# deadline stays and the scope still reports TimeoutError.
import asyncio
from twin import log, attempt, err


async def main():
    loop = asyncio.get_running_loop()

    async def scoped():
        async with asyncio.timeout(1) as cm:
            try:
                await asyncio.sleep(2)
            except asyncio.CancelledError:
                try:
                    cm.reschedule(loop.time() + 10)
                    rc = "ok"
                except BaseException as exc:
                    rc = err(exc)
                log("reschedule ->", rc, "when", f"{cm.when():.3f}")
                raise

    log("scope ->", await attempt(scoped()))
