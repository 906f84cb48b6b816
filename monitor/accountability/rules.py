"""An action's status in the task-tracking vocabulary of QĐ 42/2014/QĐ-TTg (amended by QĐ 23/2018): computed from
its deadline, its completion date and today, never typed.

The rules are the store's action_status_rules table: for a done action the days from the deadline to completion,
for an open one the days from the deadline to today; the rule of the action's kind with the largest min_days_past
the days reach wins (NULL: any). With the shipped rules:

    open, today 2025-12-10, deadline 2025-12-31  -> not_due       (21 days before)
    open, today 2025-12-28, deadline 2025-12-31  -> due           (3 days before: within the week)
    open, today 2026-01-15, deadline 2025-12-31  -> overdue       (15 days past)
    open, today 2026-02-15, deadline 2025-12-31  -> escalated     (46 days past: more than 30)
    done 2025-12-31, deadline 2025-12-31         -> done_on_time
    done 2026-01-02, deadline 2025-12-31         -> done_late
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

OPEN = ("escalated", "overdue", "due", "not_due")
DONE = ("done_late", "done_on_time")
LATE = ("escalated", "overdue")  # open and past the deadline


@dataclass(frozen=True)
class StatusRules:
    rules: tuple[tuple[str, bool, int | None, int], ...]  # (status, done, min_days_past, rank)

    @classmethod
    def from_store(cls, store) -> StatusRules:
        rows = store.records("action_status_rules")
        return cls(tuple((r["status"], bool(r["done"]), None if r["min_days_past"] is None
                          else int(r["min_days_past"]), int(r["rank"])) for r in rows))

    def status(self, deadline: date, completed_on: date | None, today: date) -> str:
        done = completed_on is not None
        days = ((completed_on if done else today) - deadline).days
        fitting = [(m if m is not None else -10**9, s) for s, d, m, _ in self.rules if d == done
                   and (m is None or days >= m)]
        return max(fitting)[1]

    @property
    def rank(self) -> dict[str, int]:
        """Worst first: escalated 1 ... done_on_time 6."""
        return {s: r for s, _, _, r in self.rules}


def today() -> date:
    """The date statuses are judged on: $MONITOR_TODAY (YYYY-MM-DD: a demonstration or a test fixes it), else
    today."""
    fixed = os.environ.get("MONITOR_TODAY")
    return date.fromisoformat(fixed) if fixed else date.today()
