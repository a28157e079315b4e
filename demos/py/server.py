"""server (seed 003): five requests of 0.1 s each, handled at once, take
0.1 s. The C demo is in demos/examples.c; this twin prints the same
lines."""
import asyncio

from demo import log, run


async def handle_request(request):
    await asyncio.sleep(0.1)
    return request


async def main():
    log("server: started; 5 requests arrive at once")
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    tasks = [asyncio.create_task(handle_request(i)) for i in range(5)]
    await asyncio.gather(*tasks)
    log(f"server: handled 5 requests in {loop.time() - t0:.2f} s")


run(main, modes=["run"])
