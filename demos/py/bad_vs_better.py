"""bad_vs_better (seeds 000 and 003): three jobs of one second each, run
with one asyncio.run() per job (three fresh loops, one after the other:
3 s), or with one asyncio.run() whose main gathers the three (one loop:
1 s). The C demo is demos/bad_vs_better.c; this twin prints the same
lines."""
import asyncio

from demo import log, mode, run, say


async def job(name):
    log(f"job {name}: start")
    await asyncio.sleep(1)
    log(f"job {name}: done")
    return asyncio.get_running_loop().time()  # when this loop got here


async def gather_jobs():
    times = await asyncio.gather(*(job(name) for name in "123"))
    return max(times)


def bad_vs_better():
    # each asyncio.run() has a fresh loop whose clock starts at 0: add them
    if mode() == "bad":
        say("bad: one run() per job, each with a fresh loop")
        total = sum(asyncio.run(job(name)) for name in "123")
        loops = 3
    else:
        say("better: one run(); main gathers the three jobs")
        total = asyncio.run(gather_jobs())
        loops = 1
    say(f"{mode()}: {loops} loop{'' if loops == 1 else 's'}, {total:.1f} s in all")


run(bad_vs_better, modes=["bad", "better"])
