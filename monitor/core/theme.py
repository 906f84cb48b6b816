"""How statuses look: colour, icon and word together (colour-blind safe).

Okabe-Ito colours; the icon shape differs for each status, so the status reads
without colour and in a washed-out projector image.
"""

STATUS_STYLE = {
    "on_track": {"color": "#0072B2", "icon": "✔"},  # blue
    "watch": {"color": "#B07800", "icon": "▲"},     # dark amber, readable on white
    "lagging": {"color": "#C0392B", "icon": "✖"},   # vermillion, with a cross
    "no_data": {"color": "#6B6B6B", "icon": "○"},
    "no_target": {"color": "#4D5B6B", "icon": "◇"},  # slate, neutral: a figure with nothing to judge it by
}
TREND_ICON = {"up": "↑", "flat": "→", "down": "↓", None: ""}
