"""The demo content a fresh install starts with, kept out of the product: nothing imports this app.

`stories.py` writes sections, authors, pictures and stories, `discussions.py` comments, votes and
views on top of them; `writer.py` composes the copy from the phrase banks in `banks/` (TOML data,
one file per edition and kind), `pictures.py` draws the photo library with Pillow. The
`seed_demo` command runs them.
"""
