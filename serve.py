"""Start the dashboard: `python serve.py [streamlit options]` (what `make run` and the browser tests use).

Why not plain `streamlit run dashboard.py`: Streamlit 1.67 still guesses at start-up
that an app with a pages/ folder uses its old page discovery, until the first
session has run dashboard.py's st.navigation. A shared link to a sub-page opened as
the first visit after a restart would then show "Page not found" before the right
page. Settling the guess before the server starts makes every visit, first or
not, go through dashboard.py.

It also warms the caches (monitor/bridge/warm.py) at start and on every new data version, so the first readers
after a start or a load meet warm caches; MONITOR_WARM=0 turns that off.
"""

import os
import sys
import threading
import time
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli


def _warm_when_serving() -> None:
    """Start the warm-up once Streamlit's runtime exists: its caches are the ones every session reads (imported
    before, the app's caches would bind to a private store of their own)."""
    from streamlit.runtime import Runtime

    while not Runtime.exists():
        time.sleep(0.1)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from monitor.bridge import warm

    warm.start()


if __name__ == "__main__":
    PagesManager.uses_pages_directory = False
    if os.environ.get("MONITOR_WARM", "1") != "0":
        threading.Thread(target=_warm_when_serving, name="gm-warm-start", daemon=True).start()
    sys.argv = ["streamlit", "run", str(Path(__file__).resolve().parent / "dashboard.py"), *sys.argv[1:]]
    sys.exit(cli.main())
