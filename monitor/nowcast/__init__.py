"""Nowcast: this quarter's growth from the monthly indicators, with a band from its own past errors."""
