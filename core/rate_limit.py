"""A budget of failures per key and time window that holds across worker processes and restarts.

It is counted in the default cache, which the settings keep in the database: one
store for every worker, kept over a restart. Each failure takes one of ``limit``
slots with ``cache.add``, which every Django cache backend does atomically (the
database cache inserts under a unique key), so two workers never take the same
slot. ``cache.incr`` would not do: it reads and then writes (two workers lose
one count between them) and, on the database cache, resets the timeout.
Each slot expires ``window`` seconds after it was taken: a sliding window.
"""

from django.core.cache import cache


class FailureBudget:
    def __init__(self, name, limit, window):
        self.name = name
        self.limit = limit
        self.window = window

    def _slots(self, key):
        return [f"{self.name}:{key}:{number}" for number in range(self.limit)]

    def exhausted(self, key):
        return len(cache.get_many(self._slots(key))) >= self.limit

    def take(self, key):
        """Take a slot before the attempt that may fail; ``None`` when the budget is spent."""
        slots = self._slots(key)
        taken = cache.get_many(slots)
        for slot in slots:
            if slot not in taken and cache.add(slot, True, self.window):
                return slot
        return None

    def give_back(self, slot):
        """The attempt did not fail after all."""
        cache.delete(slot)
