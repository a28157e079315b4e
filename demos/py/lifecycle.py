"""lifecycle (seeds 000 and 003): the steps of asyncio.run(), seen from the
program: main runs as a task; what it leaves running is cancelled when it
returns, and its cleanup runs; then the shutdown hooks close what is still
open (here an async generator's finally). The C demo is demos/lifecycle.c;
this twin prints the same lines but for wasio's debug lines, which name the
steps as wasio takes them (asyncio's debug mode says other things)."""
import asyncio

from demo import log, run

running = set()  # the loop keeps only weak references to tasks
connections = []  # open ones: kept, so that only the shutdown closes them


async def db_connection():
    try:
        yield "db connection"
    finally:  # run by asyncio.run's shutdown_asyncgens() step
        log("db: connection closed by the shutdown hook")


async def heartbeat():
    beat = 0
    try:
        while True:
            await asyncio.sleep(0.4)
            beat += 1
            log(f"heartbeat {beat}")
    except asyncio.CancelledError:
        log(f"heartbeat: cancelled after {beat} beats; cleanup runs")
        raise


async def main():
    log("main: running as a task; opening a db connection")
    db = db_connection()
    await anext(db)
    connections.append(db)
    running.add(asyncio.create_task(heartbeat()))
    await asyncio.sleep(1)
    log('main: returning "ok" (the heartbeat and the connection are still '
        'open)')
    return "ok"


run(main, modes=["run"])
