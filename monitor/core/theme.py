"""How statuses look: colour, icon and word together (colour-blind safe).

Okabe-Ito hues, darkened where needed so each colour, used as text on white, has a contrast of at least
4.5:1 (WCAG AA; tests/test_browser_a11y.py runs axe-core on every page); the icon shape differs for each
status, so the status reads without colour and in a washed-out projector image.
"""

STATUS_STYLE = {
    "on_track": {"color": "#0072B2", "icon": "✔"},  # blue, 5.2:1 on white
    "watch": {"color": "#8F6000", "icon": "▲"},     # dark amber, 5.5:1 (was #B07800, 3.8:1)
    "lagging": {"color": "#C0392B", "icon": "✖"},   # vermillion, with a cross, 5.4:1
    "no_data": {"color": "#6B6B6B", "icon": "○"},   # grey, 5.3:1
    "no_target": {"color": "#4D5B6B", "icon": "◇"},  # slate, neutral: a figure with nothing to judge it by
}
TREND_ICON = {"up": "↑", "flat": "→", "down": "↓", None: ""}
