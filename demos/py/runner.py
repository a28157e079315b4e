"""runner (seed 002): asyncio.Runner: several mains on one loop and one
shared context; what a run leaves running stays for the next, and close()
cancels it. The C demo is demos/runner.c; this twin prints the same lines,
but for the error of a run after close, which each runtime names in its
own words."""
import asyncio
import contextvars

from demo import log, run, say

user = contextvars.ContextVar("user", default="nobody")
background_tasks = set()  # the loop keeps only weak references to tasks


async def background():
    beat = 1
    try:
        while True:
            await asyncio.sleep(0.4)
            log(f"background: beat {beat} (user is {user.get()})")
            beat += 1
    except asyncio.CancelledError:
        log("background: cancelled by close(); cleanup runs")
        raise


async def first():
    log(f"run 1: user is {user.get()}; setting it to ada")
    user.set("ada")
    task = asyncio.create_task(background())
    background_tasks.add(task)
    await asyncio.sleep(0.5)


async def second():
    log(f"run 2: same loop, same context: user is {user.get()}")
    await asyncio.sleep(0.5)


def runner_demo():
    runner = asyncio.Runner()
    runner.run(first())
    loop1 = runner.get_loop()
    runner.run(second())
    same = runner.get_loop() is loop1
    say(f"both runs used {'the same' if same else 'another'} loop")
    say("closing the runner")
    runner.close()
    runner.close()
    coro = second()
    try:
        runner.run(coro)
    except RuntimeError as error:
        coro.close()  # never started
        say(f"closed twice (fine); run after close: {type(error).__name__}")


run(runner_demo, modes=["run"])
