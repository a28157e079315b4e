# cancel(msg): the task sees the message in the CancelledError raised at its
# await point, and so does whoever awaits it; a task nobody awaited shows
# the message when asked for its result. (CPython hands the original error
# out once only: a second retrieval has no message, so each is asked once.)
import asyncio
from twin import log, outcome


def text(exc):
    return exc.args[0] if exc.args else "-"


async def sleeper(name):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as exc:
        log(name, "sleep -> ECANCELLED msg", text(exc))
        raise


async def main():
    t = asyncio.create_task(sleeper("T"))
    u = asyncio.create_task(sleeper("U"))
    await asyncio.sleep(0.5)
    log("main cancel T ->", int(t.cancel("stop")))
    try:
        await t
    except asyncio.CancelledError as exc:
        log("main await T -> ECANCELLED msg", text(exc))
    log("main cancel U ->", int(u.cancel("halt")))
    await asyncio.wait([u])
    try:
        u.result()
    except asyncio.CancelledError as exc:
        log("U", outcome(u), "msg", text(exc))
