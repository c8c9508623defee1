# The typo reports queue lives in its own module; importing it registers it.
from . import admin_typos  # noqa: E402, F401
