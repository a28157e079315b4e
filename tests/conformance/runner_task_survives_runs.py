# asyncio.Runner: several runs on one loop. A task created by run 1 keeps
# running during run 2 (the clock carries on), and close() cancels it.
import asyncio
from twin import VirtualLoop, _report, err, log, outcome

T = None


async def ticker():
    try:
        for i in range(1, 4):
            await asyncio.sleep(1)
            log("T tick", i)
    except asyncio.CancelledError:
        log("T cancelled")
        raise


async def main1():
    global T
    T = asyncio.create_task(ticker())
    await asyncio.sleep(1.5)
    log("run 1 end")
    return 1


async def main2():
    await asyncio.sleep(1)
    log("run 2 end, T", outcome(T))
    return 2


def show(runner, coro):
    try:
        result = runner.run(coro)
    except BaseException as exc:  # noqa: BLE001 - the outcome is the trace
        print("main -> error", err(exc), flush=True)
        return
    print("main ->", "ok" if result is None else f"ok {result}", flush=True)


def twin():
    runner = asyncio.Runner(loop_factory=VirtualLoop)
    runner.get_loop().set_exception_handler(_report)
    show(runner, main1())
    log("between runs, T", outcome(T))
    show(runner, main2())
    runner.close()
    log("closed")
