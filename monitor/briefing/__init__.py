"""The quarterly briefing: slides as data, their narrative, and the deck, PDF and image exports."""
