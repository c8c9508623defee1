"""The phrase banks: TOML files in banks/, `<kind>.<edition>.toml`, read once per process."""

import tomllib
from functools import cache
from pathlib import Path
from types import SimpleNamespace

BANKS_DIR = Path(__file__).resolve().parent / "banks"


@cache
def phrase_bank(kind, edition):
    """The `kind` ("stories" or "comments") bank of `edition`, its top-level keys as attributes."""
    with open(BANKS_DIR / f"{kind}.{edition}.toml", "rb") as file:
        return SimpleNamespace(**tomllib.load(file))


def bank_editions(kind):
    """The editions that have a `kind` bank, in a fixed order."""
    return sorted(path.name.split(".")[1] for path in BANKS_DIR.glob(f"{kind}.*.toml"))
