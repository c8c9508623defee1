"""Russian dates as a Russian news site writes them: "29 ноября 2026", without Django's "г.".

Only what differs from Django's own ru formats; the rest comes from there.
"""

DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, G:i"
