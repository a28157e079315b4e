"""cancel (seed 003): a 10 s task cancelled after 0.5 s; its cleanup (a
finally block) runs, and awaiting it confirms the cancellation. The C demo
is demos/cancel.c; this twin prints the same lines."""
import asyncio

from demo import log, param, run


async def cancellable():
    log("task: started; will run for 10 s")
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as cancelled:
        log(f"task: cancelled ({cancelled.args[0]}); cleanup runs")
        raise  # pass the cancellation on
    log("task: done")


async def main():
    after = float(param("after", 0.5))
    task = asyncio.create_task(cancellable())
    await asyncio.sleep(after)
    log("main: cancelling the task")
    task.cancel("no longer needed")
    try:
        await task
    except asyncio.CancelledError:
        log("main: awaiting it gives ECANCELLED: confirmed")


run(main, modes=["run"])
