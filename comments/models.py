"""Reader feedback: comments and typo reports."""

from .typos import TypoReport  # noqa: F401
