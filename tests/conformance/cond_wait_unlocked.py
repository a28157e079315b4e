# Condition.wait(), notify() and notify_all() without holding the lock
# raise RuntimeError (wasio: ESTATE); with the lock they are fine.
import asyncio
from twin import log, attempt, err


async def main():
    cond = asyncio.Condition()
    log("wait ->", await attempt(cond.wait()))
    for name, call in (("notify", cond.notify), ("notify_all",
                                                 cond.notify_all)):
        try:
            call()
            log(name, "-> ok")
        except RuntimeError as exc:
            log(name, "->", err(exc))
    async with cond:
        cond.notify()
        cond.notify_all()
        log("notify, notify_all with the lock -> ok")
    log("locked", int(cond.locked()))
