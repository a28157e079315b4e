# asyncio.Runner after close(): close again is a no-op, but run() and
# get_loop() are refused (RuntimeError "Runner is closed").
import asyncio
from twin import VirtualLoop, err, log


async def main():
    log("main runs")
    return 1


def twin():
    runner = asyncio.Runner(loop_factory=VirtualLoop)
    log("run ->", runner.run(main()))
    runner.close()
    runner.close()
    log("close twice -> ok")
    coro = main()
    try:
        runner.run(coro)
        log("run after close -> ok")
    except Exception as exc:  # noqa: BLE001 - the outcome is the trace
        log("run after close ->", err(exc))
    coro.close()
    try:
        runner.get_loop()
        log("get_loop after close -> ok")
    except Exception as exc:  # noqa: BLE001 - the outcome is the trace
        log("get_loop after close ->", err(exc))
