# cancel_at_sleep.py with the C side's task written as a step task. asyncio's own tasks
# are step tasks (the loop steps a coroutine), so the twin is the same
# program: the traces must not tell the two kinds apart.
from cancel_at_sleep import main  # noqa: F401
