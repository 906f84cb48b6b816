"""Chart images through kaleido and Debian's Chromium, and PDF printing by that same Chromium.

kaleido's first image costs seconds (it starts a browser); its sync server keeps
that browser for the life of the process, so later images take a fraction of a
second. One lock: the server handles one figure at a time, and Streamlit runs
sessions in threads.
"""

from __future__ import annotations

import atexit
import io
import os
import subprocess
import tempfile
import threading
import warnings
import zipfile
from pathlib import Path

import plotly.graph_objects as go

from monitor.briefing.figures import image_figures

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
_lock = threading.Lock()
_started = False


class RenderError(RuntimeError):
    """No browser to draw with, or the browser failed."""


def chromium() -> str:
    found = os.environ.get("BROWSER_PATH") or next((p for p in CHROMIUM_CANDIDATES if Path(p).exists()), None)
    if not found:
        raise RenderError("Chromium not found: install Debian's chromium package (make chromium)")
    return found


def _start() -> None:
    global _started
    if not _started:
        import kaleido

        os.environ.setdefault("BROWSER_PATH", chromium())
        kaleido.start_sync_server(silence_warnings=True)
        atexit.register(stop)
        _started = True


def stop() -> None:
    """Close kaleido's browser now (at interpreter exit its temporary profile may be removed too early)."""
    global _started
    with _lock:
        if _started:
            import kaleido

            kaleido.stop_sync_server(silence_warnings=True)
            _started = False


def image(fig: go.Figure, fmt: str = "png", scale: float = 1.0) -> bytes:
    """The figure as PNG or SVG bytes, at the width and height set in its layout."""
    with _lock, warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")  # plotly's, harmless
        _start()
        return fig.to_image(format=fmt, width=fig.layout.width, height=fig.layout.height, scale=scale)


def chart_images(briefing: dict, fmt: str = "png", scale: float = 1.0) -> dict[str, bytes]:
    """{slide key: image} for every slide that has a chart."""
    return {s["key"]: image(s["chart"], fmt, scale) for s in briefing["slides"] if s["chart"] is not None}


def png_files(b: dict, scale: float = 2.0) -> dict[str, bytes]:
    """Every chart as a PNG named by slide number and key ('02-trajectory.png'), demo label included."""
    return {name: image(fig, "png", scale) for name, fig in image_figures(b).items()}


def png_zip(b: dict, scale: float = 2.0) -> bytes:
    """Every chart as a PNG in one zip file."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in png_files(b, scale).items():
            z.writestr(name, data)
    return buf.getvalue()


def html_to_pdf(html: str, timeout: float = 120.0) -> bytes:
    """Print an HTML document to PDF with headless Chromium (page size and margins from its @page rule)."""
    with tempfile.TemporaryDirectory(prefix="gm-pdf-") as tmp:
        source, target = Path(tmp) / "brief.html", Path(tmp) / "brief.pdf"
        source.write_text(html, encoding="utf-8")
        cmd = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={Path(tmp) / 'profile'}", "--no-pdf-header-footer",
               f"--print-to-pdf={target}", source.as_uri()]
        try:
            subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise RenderError("Chromium did not finish printing the PDF") from exc
        if not target.exists() or target.stat().st_size == 0:
            raise RenderError("Chromium printed no PDF")
        return target.read_bytes()

