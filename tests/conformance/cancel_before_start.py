# Cancelling a task before it ever ran: cancel() succeeds, the task is not
# done yet, its body never runs, and it ends cancelled at its first step.
import asyncio
from twin import log, attempt, outcome


async def body():
    log("T body runs")
    return 1


async def main():
    t = asyncio.create_task(body())
    log("main cancel ->", int(t.cancel()), "done", int(t.done()),
        "cancelling", t.cancelling())
    log("main cancel again ->", int(t.cancel()), "cancelling", t.cancelling())
    log("main await T ->", await attempt(t))
    log("T", outcome(t), "cancel after done ->", int(t.cancel()))
