"""errors (seed 003): an error in one of several tasks: caught, raised by
gather, returned by gather(return_exceptions=True), gathered by a
TaskGroup, or left uncaught. The C demo is demos/errors.c; this twin prints
the same lines, but for the names and messages of the errors, which each
runtime says in its own words."""
import asyncio

from demo import log, mode, run


class TaskFailed(Exception):
    pass


async def might_fail(fail, delay):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        log(f"task ({delay:.1f} s): cancelled")
        raise
    if fail:
        raise TaskFailed(f"task failed ({delay:.1f} s)")
    return "ok"


async def main():
    attempts = [(False, 0.1), (True, 0.2), (False, 0.3)]
    if mode() == "uncaught":
        return await might_fail(True, 0.1)  # the error goes up
    if mode() == "catch":
        try:
            await might_fail(True, 0.1)
        except TaskFailed as error:
            log(f"caught: {error}")
        log("main carries on")
        return
    if mode() == "taskgroup":
        attempts = [(False, 0.5), (True, 0.2), (True, 0.2)]
        try:
            async with asyncio.TaskGroup() as tg:
                for fail, delay in attempts:
                    tg.create_task(might_fail(fail, delay))
        except* TaskFailed as group:
            log(f"taskgroup: {type(group).__name__}: {group}")
            for i, error in enumerate(group.exceptions):
                log(f"  error {i + 1}: {error}")
        return
    tasks = [asyncio.create_task(might_fail(fail, delay))
             for fail, delay in attempts]
    if mode() == "gather":
        try:
            await asyncio.gather(*tasks)
        except TaskFailed as error:
            log(f"gather raised: {type(error).__name__}: {error}")
        await asyncio.gather(*tasks, return_exceptions=True)  # let the rest end
        log("the other tasks ran on to their end")
    else:
        outcomes = await asyncio.gather(*tasks, return_exceptions=True)
        for i, outcome in enumerate(outcomes):
            log(f"task {i}: {outcome}")


run(main, modes=["catch", "gather", "return_exceptions", "taskgroup", "uncaught"])
