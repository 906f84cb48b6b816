"""What the benchmark ran on, and whether others used the CPU meanwhile."""

from __future__ import annotations

import datetime as dt
import os
import platform
from importlib.metadata import version

SHARED_CPU_PCT = 10.0  # busy CPU while the benchmark itself sits idle: someone else is running


def now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _cpu_model() -> str:
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def describe() -> dict:
    import psutil

    return {
        "date": now(), "cpu": _cpu_model(), "cores": os.cpu_count(),
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1), "os": platform.platform(),
        "python": platform.python_version(),
        "packages": {p: version(p) for p in ("duckdb", "streamlit", "pandas", "pyarrow", "plotly")},
    }


def load() -> dict:
    """Load average and the CPU others use while this process waits one second."""
    import psutil

    busy = psutil.cpu_percent(interval=1.0)
    return {"loadavg_1m": os.getloadavg()[0], "others_cpu_pct": busy}


def shared(scales: list[dict]) -> bool:
    return any(s[k]["others_cpu_pct"] > SHARED_CPU_PCT for s in scales for k in ("load_before", "load_after"))
