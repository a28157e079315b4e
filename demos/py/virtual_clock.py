"""An asyncio event loop on a virtual clock, as wasio's: whenever the loop
would wait, its clock jumps to the next deadline instead, so a program's
times are exact and it runs at once. The Python twins of the demos
(demos/py/) and of the conformance suite (tests/conformance/) run on it.

    asyncio.run(main(), loop_factory=VirtualLoop)
"""
import asyncio
import selectors


class Deadlock(RuntimeError):
    """Every task waits and nothing is scheduled: CPython would hang here."""


class _VirtualSelector(selectors.DefaultSelector):
    """Never sleeps: a wait for `timeout` seconds moves the clock instead."""

    def __init__(self):
        super().__init__()
        self.loop = None

    def select(self, timeout=None):
        loop = self.loop
        if timeout is None:
            events = super().select(0)
            if not events and loop._default_executor is not None:
                # a thread's work (asyncio.to_thread) wakes the loop when
                # it is done: real time passes, the virtual clock stands
                events = super().select(None)
            if not events:
                raise Deadlock("deadlock: every task waits and nothing is "
                               "scheduled")
            return events
        if timeout > 0:
            # Land exactly on the deadline that asked for this wait.
            when = loop._scheduled[0]._when if loop._scheduled else None
            loop._vtime = when if when is not None else loop._vtime + timeout
        return super().select(0)


class VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        selector = _VirtualSelector()
        super().__init__(selector)
        selector.loop = self
        self._vtime = 0.0
        self._clock_resolution = 1e-9

    def time(self):
        return self._vtime

    def block(self, seconds):
        """time.sleep() on this clock: the time passes, the loop stands."""
        self._vtime += seconds
