# call_later with a negative delay is not an error in asyncio: the callback
# is due at once and runs in the next iteration.
import asyncio
from twin import err, log


def cb(name):
    log("cb", name)


async def main():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(1)
    try:
        loop.call_later(-1, cb, "negative")
        log("call_later(-1) -> ok")
    except Exception as exc:  # noqa: BLE001 - the outcome is the trace
        log("call_later(-1) ->", err(exc))
    await asyncio.sleep(1)
    log("main end")
