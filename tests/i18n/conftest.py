import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    CorrectionFactory,
    PhotoFactory,
    RelatedLinkFactory,
    SectionFactory,
    VoteFactory,
)

# What makemessages reads; tests and benchmarks hold no interface strings.
SOURCES = ["manage.py", "newsportal", "articles", "comments", "demo", "templates", "locale"]


@pytest.fixture(scope="session")
def extracted_catalogue(tmp_path_factory):
    """The Russian catalogue as makemessages leaves it after reading a copy of the code: every string the
    code and templates mark, translated or not. Needs GNU gettext (apt-get install gettext)."""
    if not shutil.which("xgettext"):
        pytest.skip("makemessages needs GNU gettext (apt-get install gettext)")
    root = Path(settings.BASE_DIR)
    copy = tmp_path_factory.mktemp("extracted")
    for name in SOURCES:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy(source, copy / name)
    subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", "makemessages", "-l", "ru", "--add-location=file"],
        cwd=copy,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "newsportal.settings", "DEBUG": "true"},
        check=True,
        capture_output=True,
    )
    return copy / "locale" / "ru" / "LC_MESSAGES" / "django.po"


@pytest.fixture
def ru_section(db):
    return SectionFactory(edition="ru", name="Экономика", slug="ekonomika", description="Рынки, цены и бюджет.")


@pytest.fixture
def ru_story(ru_section):
    """A Russian story with everything its page can show: byline, photo, source, corrections, tags,
    related links, votes and comments (with a reply and an editor's pick)."""
    author = AuthorFactory(name="Анна Петрова", slug="anna-petrova", title="Корреспондент", bio="Пишет об экономике.")
    earlier = ArticleFactory(
        edition="ru",
        section=ru_section,
        title="Инфляция замедлилась третий месяц подряд",
        slug="inflyatsiya-zamedlilas",
        lead="Цены растут медленнее, чем ожидали аналитики.",
        published_at=timezone.now() - timedelta(days=3),
    )
    story = ArticleFactory(
        edition="ru",
        section=ru_section,
        title="Центробанк сохранил ключевую ставку",
        slug="tsentrobank-sokhranil-stavku",
        lead="Банк России оставил ставку без изменений.",
        body="<p>Аналитики ожидали такого решения.</p><p>Следующее заседание пройдёт через шесть недель.</p>",
        source_name="ТАСС",
        source_url="https://tass.ru/ekonomika/1",
        authors=[author],
        tags=["ставка", "Центробанк"],
        image=PhotoFactory(
            alt_text="Здание Банка России", caption="Здание Банка России в Москве", credit="Иван Иванов"
        ),
        published_at=timezone.now() - timedelta(days=2),
        updated_at=timezone.now() - timedelta(days=1),
    )
    CorrectionFactory(article=story, text="В первой версии материала была неверно указана дата заседания.")
    RelatedLinkFactory(article=story, target=earlier, url="", title="")
    RelatedLinkFactory(article=story, url="https://www.cbr.ru/", title="Банк России: официальный сайт")
    for score in (5, 4):
        VoteFactory(article=story, score=score)
    first = CommentFactory(article=story, author_name="Мария", text="Разумное решение в нынешних условиях.")
    CommentFactory(article=story, author_name="Олег", text="Согласен с Марией.", parent=first)
    CommentFactory(article=story, author_name="Ирина", text="Посмотрим, что будет осенью.", is_pick=True)
    story.refresh_from_db()
    return story
