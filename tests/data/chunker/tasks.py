"""A small task runner: fixture for tst_chunker (indentation-folded language)."""

import heapq
import time
from dataclasses import dataclass, field


DEFAULT_PRIORITY = 10


@dataclass(order=True)
class Task:
    priority: int
    name: str = field(compare=False)
    due: float = field(default=0.0, compare=False)


def parse_duration(text):
    units = {"s": 1, "m": 60, "h": 3600}
    if text and text[-1] in units:
        return float(text[:-1]) * units[text[-1]]
    return float(text)


def format_duration(seconds):
    if seconds >= 3600:
        return f"{seconds / 3600:.1f}h"
    if seconds >= 60:
        return f"{seconds / 60:.1f}m"
    return f"{seconds:.0f}s"


class Scheduler:
    """Runs tasks by priority, then by due time, and keeps statistics about them."""

    def __init__(self, clock=time.monotonic):
        self._queue = []
        self._clock = clock
        self._done = 0
        self._failed = 0

    def add(self, name, priority=DEFAULT_PRIORITY, delay="0s"):
        due = self._clock() + parse_duration(delay)
        heapq.heappush(self._queue, Task(priority, name, due))
        return due

    def pending(self):
        return sorted(task.name for task in self._queue)

    # Runs every task that is due, in priority order; a task that raises is counted as
    # failed and the run goes on with the next one.
    def run_due(self, handler):
        now = self._clock()
        later = []
        while self._queue:
            task = heapq.heappop(self._queue)
            if task.due > now:
                later.append(task)
                continue
            try:
                handler(task.name)
                self._done += 1
            except Exception:  # noqa: BLE001 - the handler is user code
                self._failed += 1
        for task in later:
            heapq.heappush(self._queue, task)
        return self._done, self._failed

    @property
    def statistics(self):
        total = self._done + self._failed
        rate = self._done / total if total else 1.0
        return {"done": self._done, "failed": self._failed, "success_rate": rate}

    def clear(self):
        dropped = len(self._queue)
        self._queue.clear()
        return dropped


def main(argv):
    scheduler = Scheduler()
    for index, name in enumerate(argv):
        scheduler.add(name, priority=index % 3, delay=f"{index}s")
    print(scheduler.pending())
    print(scheduler.run_due(lambda name: print("running", name)))
    print(format_duration(sum(parse_duration(f"{i}s") for i in range(len(argv)))))


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
