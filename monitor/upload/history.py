"""Load history and rollback. A rollback marks its batch; no row is ever deleted.

Rolling back the newest batch restores exactly the figures shown before it;
rolling back an older one shows what the store would hold had it never been
loaded (later batches stay in force), and the preview says which figures move.
"""

from __future__ import annotations

import getpass

import pandas as pd

from monitor.core.errors import MonitorError
from monitor.core.store import Store, sql


class NotRollbackable(MonitorError):
    """The batch does not exist or was rolled back already."""


def batches(store: Store) -> pd.DataFrame:
    return store.run("batch_list")


def rollback_preview(store: Store, batch_id: int) -> pd.DataFrame:
    """The figures (or, for a targets batch, the targets) in force that batch_id supplies, now and after."""
    kinds = store.run("batch_list")
    kind = kinds.loc[kinds["batch_id"] == int(batch_id), "kind"]
    name = "rollback_target_changes" if len(kind) and kind.iloc[0] == "targets" else "rollback_changes"
    return store.run(name, batch_id=int(batch_id))


def rollback(store: Store, batch_id: int, user: str | None = None, reason: str | None = None) -> int:
    """Mark the batch rolled back and record who did it and why, in one transaction."""
    with store.transaction() as cur:
        marked = cur.execute(sql("mark_batch_rolled_back"), {"batch_id": int(batch_id)}).fetchall()
        if not marked:
            raise NotRollbackable(str(batch_id))
        cur.execute(sql("insert_batch_rollback"), {"batch_id": int(batch_id),
                                                   "user_name": user or getpass.getuser(), "reason": reason})
    return int(batch_id)
