"""Demo content for a fresh install: sections, stories, pictures, generated here rather than copied.

`seed.py` writes to the database; `writer.py` composes stories from the phrase banks
(`bank_en.py`, `bank_ru.py`); `pictures.py` draws the photo library with Pillow.
"""
