"""Compose plausible agency copy from the phrase banks, reproducibly from a seeded Random."""

import html
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.text import slugify

from .phrasebook import phrase_bank

# Latin letters for Russian ones (a simplified BGN/PCGN-like scheme, the one URLs commonly use).
_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip


def ascii_slug(text, max_length=80):
    """A Latin slug for any edition: section and story URLs use Django's ASCII `slug` converter."""
    slug = slugify("".join(_TRANSLIT.get(char, char) for char in text.lower()))
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug


def agreeable(number):
    """Nudge a count off 1–4 in its last digit (teens aside): then every Russian noun after it
    takes the genitive plural, and templates need no plural forms."""
    last, tens = number % 10, number % 100
    if 1 <= last <= 4 and not 11 <= tens <= 14:
        return number + 5 - last
    return number


@dataclass
class StoryDraft:
    section_key: str
    title: str
    lead: str
    body: str
    tag_names: list = field(default_factory=list)
    source: tuple = ("", "")


def _with_capitals(values):
    """Add "Name": "Value" for every "name": "value", for slots that open a sentence."""
    return values | {name[0].upper() + name[1:]: value[:1].upper() + value[1:] for name, value in values.items()}


def _forms(name, value):
    """A vocabulary entry as slot values: "city" -> "Kazan", or "city_loc" -> "в Казани" for each form."""
    if isinstance(value, dict):
        return _with_capitals({f"{name}_{form}": text for form, text in value.items()})
    return _with_capitals({name: value})


class Deck:
    """Hands out a list's items in shuffled rounds: each item once before any comes back, and never the
    same item twice in a row across rounds (neighbouring cards, a section's run of stories)."""

    def __init__(self, rng, items):
        self.rng, self.items, self.queue, self.last = rng, list(items), [], None

    def draw(self):
        if not self.queue:
            self.queue = self.rng.sample(self.items, len(self.items))
            if len(self.queue) > 1 and self.queue[-1] == self.last:  # pop() takes from the end
                self.queue[0], self.queue[-1] = self.queue[-1], self.queue[0]
        self.last = self.queue.pop()
        return self.last


class StoryWriter:
    """Writes stories for one edition. Everything random comes from `rng`, so a seed fixes the text."""

    def __init__(self, edition, rng):
        self.bank = phrase_bank("stories", edition)
        self.rng = rng
        # Expanded once: bulk seeding draws slots for every one of its stories.
        self.vocab = {name: [_forms(name, value) for value in values] for name, values in self.bank.vocab.items()}
        self.second_city = [_forms("city2", value) for value in self.bank.vocab["city"]]
        # Cities, regions, officials… come round in turn, so neighbouring stories rarely share one.
        self.turns = {name: Deck(rng, range(len(options))) for name, options in self.vocab.items()}

    def _decimal(self, low, high):
        return f"{self.rng.uniform(low, high):.1f}".replace(".", self.bank.decimal_separator)

    def _thousands(self, number):
        if number < 10_000 and self.bank.thousands_separator == " ":
            return str(number)  # Russian typography groups digits from five up
        return f"{number:,}".replace(",", self.bank.thousands_separator)

    def slots(self, when):
        """One draw of every slot: a story keeps its city, official and figures from headline to body."""
        rng, bank = self.rng, self.bank
        pct = rng.uniform(3.1, 9.4)
        values = _with_capitals(
            {
                "day": bank.weekdays[timezone.localtime(when).weekday()],
                "n": str(agreeable(rng.randint(5, 48))),
                "few": str(agreeable(rng.randint(2, 8))),
                "big": str(rng.randrange(110, 950, 10)),
                "seats": str(agreeable(rng.randint(250, 410))),
                "year": str(when.year + rng.randint(1, 4)),
                "rate": str(rng.randint(13, 21)),
                "pct": f"{pct:.1f}".replace(".", bank.decimal_separator),
                "pct_prev": f"{pct + rng.uniform(0.1, 0.6):.1f}".replace(".", bank.decimal_separator),
                "small_pct": self._decimal(0.1, 2.9),
                "grain": str(agreeable(rng.randint(125, 145))),
                "crowd": self._thousands(rng.randrange(300, 25_000, 50)),
                "share": str(agreeable(rng.randint(38, 82))),
                "mag": self._decimal(4.5, 6.8),
                "jobless": self._decimal(2.1, 3.0),
            }
        )
        for name, options in self.vocab.items():
            values.update(options[self.turns[name].draw()])
        city = self.turns["city"].last
        values.update(self.second_city[(city + rng.randrange(1, len(self.second_city))) % len(self.second_city)])
        return values

    def story(self, section_key, when, template=None):
        """A draft of the section's story number `template` in the bank (drawn at random when None)."""
        rng, bank = self.rng, self.bank
        slots = self.slots(when)
        stories = bank.stories[section_key]
        entry = stories[rng.randrange(len(stories)) if template is None else template]
        tag_names = rng.sample(bank.tags[section_key], rng.randint(1, 3))
        if rng.random() < 0.3:
            tag_names.append(slots.get("City_nom") or slots["City"])
        source = rng.choice(bank.sources) if rng.random() < 0.6 else {"name": "", "url": ""}
        return StoryDraft(
            section_key=section_key,
            title=entry["headline"].format(**slots),
            lead=entry["lead"].format(**slots),
            body=self.body(section_key, entry["details"], slots),
            tag_names=tag_names,
            source=(source["name"], source["url"]),
        )

    def body(self, section_key, details, slots):
        """Three or four paragraphs of two or more sentences, sometimes a quote and a subhead.

        HTML the sanitiser leaves unchanged: only <p>, <h2> and <blockquote><p>, text escaped.
        Bulk seeding skips Article.save() and with it the sanitiser, so the body must already be
        in the sanitiser's output form (the seed tests check sanitize_body(body) == body).
        """
        rng, bank = self.rng, self.bank
        background = rng.sample(bank.paragraphs[section_key], rng.randint(3, 4))
        paragraphs = [details, background[:2], [*background[2:], rng.choice(bank.common)]]
        blocks = [f"<p>{_escape(' '.join(sentences).format(**slots))}</p>" for sentences in paragraphs]
        if rng.random() < 0.5:
            quote = rng.choice(bank.quotes[section_key]).format(**slots)
            blocks.insert(1, f"<blockquote><p>{_escape(quote)}</p></blockquote>")
        if rng.random() < 0.3:
            blocks.insert(len(blocks) - 1, f"<h2>{_escape(rng.choice(bank.subheads))}</h2>")
        return "".join(blocks)


def _escape(text):
    # Quotes stay literal: the sanitiser writes them unescaped in text, and the body must match its output.
    return html.escape(text, quote=False)
