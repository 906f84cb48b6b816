"""Pandas frames to and from PostgreSQL for core/pg.py: the column type a registered frame's column gets, a cell as
the driver takes it, and a result column as DuckDB's df() gives it (numbers as float, integers as int or Int64 with
NULLs, dates as datetime64)."""

from __future__ import annotations

import datetime as dt
import decimal

import pandas as pd


def pg_type(series: pd.Series) -> str:
    kind = series.dtype.kind
    if kind == "b":
        return "BOOLEAN"
    if kind in "iu":
        return "BIGINT"
    if kind == "f":
        return "DOUBLE PRECISION"
    if kind == "M":
        return "TIMESTAMP"
    values = series.dropna()
    if not len(values):
        return None  # no value to tell by
    if len(values) and all(isinstance(v, bool) for v in values):
        return "BOOLEAN"
    if len(values) and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "BIGINT"
    if len(values) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "DOUBLE PRECISION"
    if len(values) and all(isinstance(v, dt.datetime) for v in values):
        return "TIMESTAMP"
    if len(values) and all(isinstance(v, dt.date) for v in values):
        return "DATE"
    return "VARCHAR"


def cell(value):
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()  # numpy scalars
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value




EMPTY = {16: "bool", 20: "int64", 21: "int32", 23: "int32", 700: "float64", 701: "float64", 1700: "float64",
          1082: "datetime64[us]", 1114: "datetime64[us]", 1184: "datetime64[us, UTC]", 25: "str", 1043: "str"}


def plain(value):
    return float(value) if isinstance(value, decimal.Decimal) else value


def column(series: pd.Series, oid: int) -> pd.Series:
    """A column as DuckDB's df() gives it: numbers as float, integers as int (Int64 with NULLs), dates as datetime."""
    if oid == 1700:
        return pd.to_numeric(series, errors="coerce").astype("float64")
    if oid in (20, 21, 23):
        return series.astype("int64" if series.notna().all() else "Int64")
    if oid in (1082, 1114):
        return pd.to_datetime(series).astype("datetime64[us]")
    if oid == 16 and series.isna().any():
        return series.astype("boolean")
    return series
