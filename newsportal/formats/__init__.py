"""Our tweaks of Django's date formats, one module per edition, made from the edition registry.

Django looks for them as `newsportal.formats.<locale>.formats` (FORMAT_MODULE_PATH) and only
imports them, so each edition's `formats` (newsportal/editions.py) is registered here under that
name when Django first imports this package, and an edition needs no file of its own. Formats an
edition does not set are Django's own for its language.
"""

import sys
from types import ModuleType

from django.conf import settings
from django.utils.translation import to_locale


def _register(edition):
    locale = to_locale(edition.code)
    package = ModuleType(f"{__name__}.{locale}")
    package.__path__ = []
    module = ModuleType(f"{package.__name__}.formats", f"Formats of the {edition.code} edition.")
    vars(module).update(edition.formats)
    package.formats = module
    sys.modules[package.__name__] = package
    sys.modules[module.__name__] = module


for _edition in settings.EDITIONS:
    if _edition.formats:
        _register(_edition)
