"""The one place the core meets Streamlit: the cached store, cached reports and figures, the session's choices.

Split by area (base, leader, slides, upload, whatif); pages use them all as `bridge.<name>`.
Caches are keyed by the store's data version, so a load or a rollback makes every page show the new figures at once.
"""

from monitor.bridge.base import *  # noqa: F403
from monitor.bridge.briefing import *  # noqa: F403
from monitor.bridge.leader import *  # noqa: F403
from monitor.bridge.upload import *  # noqa: F403
from monitor.bridge.whatif import *  # noqa: F403
