"""Annotations and the wall (issue 16): dated events and periods shown on every time chart and cited in the
narrative (notes.py, files.py), the wall mode's playlists and screens (playlists.py, wall.py), their command line
(cli.py). Above leader and accountability (the wall's screens read their reports), under whatif and briefing (their
charts and narrative read the annotations)."""
