"""Backups and restore of the store: DuckDB's EXPORT DATABASE to Parquet, with a manifest to check a restore by.

A backup is a folder `monitor-YYYYMMDD-HHMMSS` (UTC) holding DuckDB's schema.sql and load.sql, one Parquet file per
table, and manifest.json: the store's schema version and, per table, its row count and a fingerprint of its rows.
It is written under a temporary name and renamed when whole, so a folder with a manifest is a whole backup.

Taken while the dashboard serves: DuckDB lets no other process open a store held read-write, so the backup reads
a consistent copy of the file (core/storefile.py: copied under the write lock every write holds; Store's
snapshot). The dashboard can also write one itself before each of its writes ($MONITOR_BACKUP_DIR, keeping the
last $MONITOR_BACKUP_KEEP): automatic().

A restore builds the store anew from the Parquet files in a file beside the store, checks every table against the
manifest, records itself in the new store's maintenance_log, moves the current store aside
(`<store>.before-restore-<time>`, so that a restore can be undone) and puts the new one in its place. It refuses
while another process holds the store: stop the dashboard first.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from monitor.core import pg, storefile
from monitor.core.errors import BackupError, StoreBusyError, StoreDamagedError, StoreFullError
from monitor.core.store import MIGRATIONS, Store, latest_version, sql

MANIFEST = "manifest.json"
PREFIX = "monitor-"
AUTO_PREFIX = "auto-"
FORMAT = 1
KEEP = 10  # automatic backups kept ($MONITOR_BACKUP_KEEP)


def _literal(path: Path) -> str:
    """A path as a SQL string literal (EXPORT and IMPORT take no parameters); the path is the operator's own."""
    return "'" + str(path).replace("'", "''") + "'"


def tables(con) -> list[str]:
    rows = con.cursor().execute("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
                                "AND schema_name = 'main' ORDER BY table_name").fetchall()
    return [r[0] for r in rows]


def fingerprint(con, table: str) -> dict:
    """Row count and the sum of the rows' hashes (order-free; a changed, lost or added row changes it)."""
    if not table.replace("_", "").isalnum():
        raise ValueError(f"bad table name {table!r}")
    rows, total = con.cursor().execute(
        f'SELECT count(*), coalesce(sum(hash(t)), 0) % 18446744073709551616 FROM "{table}" AS t').fetchall()[0]
    return {"rows": int(rows), "hash": str(int(total))}


def fingerprints(con) -> dict[str, dict]:
    return {name: fingerprint(con, name) for name in tables(con)}


def _schema_version(con) -> int | None:
    try:
        return con.cursor().execute("SELECT max(version) FROM schema_version").fetchall()[0][0]
    except duckdb.CatalogException:
        return None


def export_to(con, folder: Path) -> dict:
    """EXPORT DATABASE into folder (which must not exist) with its manifest; written whole or not at all."""
    if folder.exists():
        raise BackupError("exists", path=str(folder))
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True)
    try:
        con.cursor().execute(f"EXPORT DATABASE {_literal(partial)} (FORMAT parquet)")
        manifest = {"format": FORMAT, "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "schema_version": _schema_version(con), "tables": fingerprints(con)}
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        os.replace(partial, folder)
    except (duckdb.Error, OSError) as exc:
        shutil.rmtree(partial, ignore_errors=True)
        if storefile.disk_full(exc):
            raise StoreFullError(str(folder)) from exc
        raise BackupError("write_failed", path=str(folder)) from exc
    return manifest


def _new_folder(out: Path, prefix: str) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    folder, n = out / f"{prefix}{stamp}", 1
    while folder.exists() or folder.with_name(folder.name + ".partial").exists():
        n += 1
        folder = out / f"{prefix}{stamp}-{n}"
    return folder


def backups(out: Path, prefix: str = PREFIX) -> list[Path]:
    """The whole backups in out with the given name prefix, oldest first."""
    if not out.is_dir():
        return []
    return sorted(p for p in out.iterdir() if p.is_dir() and p.name.startswith(prefix) and (p / MANIFEST).exists())


def prune(out: Path, keep: int, prefix: str = PREFIX) -> list[Path]:
    """Delete all but the newest keep backups of this prefix; returns the deleted folders."""
    found = backups(out, prefix)
    gone = found[:-keep] if keep > 0 else []
    for folder in gone:
        shutil.rmtree(folder, ignore_errors=True)
    return gone


def backup(db: Path, out: Path, keep: int | None = None) -> tuple[Path, dict]:
    """A whole backup of the store at db into a new folder of out, from a consistent copy when another process
    holds the store read-write; keep: prune to the newest keep backups of out."""
    _file_store_only(db)
    with Store(db, read_only=True) as store:  # snapshot=True: never blocked by the dashboard
        folder = _new_folder(Path(out), PREFIX)
        manifest = export_to(store.con, folder)
    if keep:
        prune(Path(out), keep)
    return folder, manifest


def automatic_folder() -> Path | None:
    env = os.environ.get("MONITOR_BACKUP_DIR")
    return Path(env) if env else None


def automatic(store: Store) -> Path | None:
    """When $MONITOR_BACKUP_DIR is set: a backup of the store as it is, from this process's own connection (the
    dashboard, before it writes), keeping the newest $MONITOR_BACKUP_KEEP automatic ones. Raises when it cannot
    be written: the write it precedes should not go ahead without it."""
    out = automatic_folder()
    if out is None:
        return None
    try:
        keep = int(os.environ.get("MONITOR_BACKUP_KEEP", KEEP))
    except ValueError:
        keep = KEEP
    folder = _new_folder(out, AUTO_PREFIX)
    export_to(store.con, folder)
    prune(out, keep, AUTO_PREFIX)
    return folder


def find(path: Path) -> Path:
    """A backup folder, or the newest backup in a folder of them."""
    path = Path(path)
    if (path / MANIFEST).exists():
        return path
    found = backups(path) + backups(path, AUTO_PREFIX)
    if not found:
        raise BackupError("not_a_backup", path=str(path))
    return max(found, key=lambda p: p.name.removeprefix(AUTO_PREFIX).removeprefix(PREFIX))


def manifest_of(folder: Path) -> dict:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError("not_a_backup", path=str(folder)) from exc


def _held_elsewhere(db: Path) -> bool:
    """Whether another process has the store open (DuckDB's own lock on the file)."""
    try:
        duckdb.connect(str(db)).close()
    except duckdb.IOException as exc:
        return "lock" in str(exc).lower()
    except duckdb.Error:
        return False  # damaged: exactly what a restore is for
    return False


def _file_store_only(db) -> None:
    """A shared store on PostgreSQL is backed up with PostgreSQL's own tools (pg_dump), never half-handled here."""
    if pg.is_url(db):
        raise BackupError("shared_store", url=pg.Location(db).display())


def restore(source: Path, db: Path, migrations_dir: Path = MIGRATIONS) -> dict:
    """Put the backup at source (a backup folder, or a folder of them: the newest) in place of the store at db.
    Returns {"source", "tables" (fingerprints), "aside" (the previous store, or None), "schema_version"}."""
    _file_store_only(db)
    folder = find(source)
    manifest = manifest_of(folder)
    if (manifest.get("schema_version") or 0) > latest_version(migrations_dir):
        raise BackupError("newer", version=manifest.get("schema_version"))
    db = Path(db)
    if db.exists() and _held_elsewhere(db):
        raise StoreBusyError(str(db))
    building = db.with_name(db.name + ".restoring")
    for leftover in (building, storefile.wal_path(building)):
        leftover.unlink(missing_ok=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(building))
        try:
            con.execute(f"IMPORT DATABASE {_literal(folder)}")
            found = fingerprints(con)
        finally:
            con.close()
        if found != manifest["tables"]:
            differ = sorted(t for t in set(found) | set(manifest["tables"])
                            if found.get(t) != manifest["tables"].get(t))
            raise BackupError("mismatch", tables=", ".join(differ))
        stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
        aside = db.with_name(f"{db.name}.before-restore-{stamp}") if db.exists() else None
        with Store(building, migrations_dir=migrations_dir) as restored:  # an older backup is brought up to date
            with restored.transaction() as cur:  # the restored store says it was restored, from what
                cur.execute(sql("record_restore"), {"detail": json.dumps({
                    "backup": folder.name, "backup_created_at": manifest.get("created_at"),
                    "previous_kept_as": aside.name if aside else None})})
    except (duckdb.Error, OSError, StoreDamagedError) as exc:
        building.unlink(missing_ok=True)
        if storefile.disk_full(exc):
            raise StoreFullError(str(db)) from exc
        raise BackupError("read_failed", path=str(folder)) from exc
    except BaseException:
        building.unlink(missing_ok=True)
        raise
    with storefile.held(db):
        if aside is not None:
            os.replace(db, aside)
        if storefile.wal_path(db).exists():  # a log left beside the old file would not match the new one
            os.replace(storefile.wal_path(db), storefile.wal_path(aside or db.with_name(db.name + ".orphan")))
        os.replace(building, db)
    storefile.lock_path(building).unlink(missing_ok=True)
    with Store(db, read_only=True, snapshot=False) as store:
        version = store.schema_version
    return {"source": folder, "tables": manifest["tables"], "aside": aside, "schema_version": version}
