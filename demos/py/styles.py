"""styles (seed 003): the same program in Python's style and in Node's.
Python's: asyncio.run(main()) starts the loop explicitly, refuses to nest,
and cancels what is still pending when main returns. Node's: plain code
puts a task on a loop that is not running yet and returns; the loop runs
afterwards for as long as anything is pending (wasio's implicit loop; in
asyncio, a loop that plain code makes and runs itself). The C demo is
demos/styles.c; this twin prints the same lines, but for those that name
each runtime's own calls."""
import asyncio

from demo import log, mode, run, say


async def ticker(who):
    for i in range(1, 4):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            log(f"{who}: cancelled after {i - 1} tick{'' if i == 2 else 's'}; "
                "its cleanup runs")
            raise
        log(f"{who}: tick {i}")
    log(f"{who}: done")


async def inner():
    pass


async def python_main():
    log("python style: asyncio.run(main) started the loop explicitly; main "
        "is a task")
    task = asyncio.create_task(ticker("ticker"))
    log("main: calling asyncio.run() again from inside the loop")
    coro = inner()
    try:
        asyncio.run(coro)
    except RuntimeError as error:
        coro.close()  # never started
        log(f"main: refused: {type(error).__name__}: {error}")
    await asyncio.sleep(1.5)
    log("main: returning; the ticker is still pending, so asyncio.run "
        "cancels it")
    return task


async def node_task(who):
    log(f"{who}: the implicit loop runs it now, after main() returned")
    await ticker(who)


def node_main():
    say("node style: main() puts a task on a loop that is not running yet")
    loop = asyncio.new_event_loop()
    loop.create_task(node_task("ticker"))
    say("main() returns now; nothing has run yet")
    return loop


def styles():
    if mode() == "python":
        asyncio.run(python_main())
        return
    loop = node_main()
    # after main() returns: the loop runs while anything is pending
    loop.run_until_complete(asyncio.gather(*asyncio.all_tasks(loop)))
    loop.close()


run(styles, modes=["python", "node"])
