"""nested (seeds 000 and 003): asyncio.run() from inside a running loop is
refused, and the running loop carries on unharmed. The fix: await the inner
coroutine. The C demo is demos/nested.c; this twin prints the same lines,
but for the refusal, which each runtime says in its own words."""
import asyncio

from demo import log, run


async def inner():
    await asyncio.sleep(0.5)
    return "inner result"


async def outer():
    log("outer: calling run(inner) from inside the loop")
    coro = inner()
    try:
        asyncio.run(coro)
    except RuntimeError as error:
        coro.close()  # never started: nothing to clean up
        log(f"outer: {type(error).__name__}: {error}")
    log("outer: the loop is unharmed; awaiting inner directly instead")
    result = await inner()
    log(f'outer: got "{result}"')


run(outer, modes=["run"])
