"""readfile: a file read while the loop keeps running. In the web build the
C task awaits a JavaScript promise (the page's fetch, Node's readFile); in
asyncio the blocking read goes to a thread (asyncio.to_thread), which the
task awaits. A ticker shows the loop carries on meanwhile; how many ticks
come depends on how long the read takes. The C demo is demos/readfile.c;
this twin prints the same first and last lines (run from the repository)."""
import asyncio
import json
from pathlib import Path

from demo import log, mode, run


async def ticker():
    i = 0
    while True:
        await asyncio.sleep(0.005)
        i += 1
        if i % 20 == 0:
            log("tick (the loop keeps running meanwhile)")


def read_text(path):
    if path is None:
        raise Exception()  # a failure without a message
    return Path(path).read_text()


async def readfile_main():
    path = {"missing": "no-such-file.txt",
            "bare-rejection": None}.get(mode(), "package.json")
    tick = asyncio.create_task(ticker())
    log(f"reading {path or 'nothing'} through a thread")
    try:
        text = await asyncio.to_thread(read_text, path)
    except Exception as error:
        message = str(error) or "it failed without a message"
        log(f"the read failed: {type(error).__name__}: {message}")
        raise
    finally:
        tick.cancel()
        try:
            await tick
        except asyncio.CancelledError:
            pass
    name = json.loads(text)["name"]
    log(f'read {len(text)} bytes; "name": "{name}"')


run(readfile_main, modes=["package", "missing", "bare-rejection"])
