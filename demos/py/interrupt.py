"""interrupt (seed 002, "Keyboard interruption"): a long job with cleanup.
Press Ctrl-C: asyncio.run cancels main, its cleanup runs, and the program
ends with KeyboardInterrupt; a second Ctrl-C during the cleanup ends it at
once. The C demo is demos/interrupt.c; this twin prints the same lines."""
import asyncio

from demo import log, mode, run


async def main():
    log("working for 60 s; press Ctrl-C")
    try:
        for i in range(1, 61):
            await asyncio.sleep(1)
            log(f"step {i}")
    except asyncio.CancelledError:
        log("cancelled: interrupted by Ctrl-C (SIGINT)")
        # the cancellation came once: the cleanup may await
        seconds = 30 if mode() == "slow-cleanup" else 0.2
        log(f"cleanup: closing files ({seconds:.1f} s)")
        await asyncio.sleep(seconds)
        log("cleanup done")
        raise


run(main, modes=["cleanup", "slow-cleanup"])
