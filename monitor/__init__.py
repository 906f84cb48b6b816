"""Growth Monitor core: store, engine, status rules, ingest and command line.

Pure Python; only monitor.bridge may import streamlit.
"""

__version__ = "0.1.0"
