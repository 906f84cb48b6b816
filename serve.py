"""Start the dashboard: `python serve.py [streamlit options]` (what `make run` and the browser tests use).

Why not plain `streamlit run dashboard.py`: Streamlit 1.67 still guesses at start-up
that an app with a pages/ folder uses its old page discovery, until the first
session has run dashboard.py's st.navigation. A shared link to a sub-page opened as
the first visit after a restart would then show "Page not found" before the right
page. Settling the guess before the server starts makes every visit, first or
not, go through dashboard.py.
"""

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

if __name__ == "__main__":
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(Path(__file__).resolve().parent / "dashboard.py"), *sys.argv[1:]]
    sys.exit(cli.main())
