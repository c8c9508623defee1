"""Values read from what a browser sends, shared by both apps."""


def as_pk(value):
    """A primary key from a form or query field, or 0 (which matches nothing). "²" and "٣" pass
    str.isdigit() yet are no ASCII number; a number past the column's range matches nothing too."""
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else 0
