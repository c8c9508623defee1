"""The agency's own pages (about, contacts, terms, privacy) in both editions, for the footer."""

from articles.infopages.models import InfoPage

PAGES = {
    "en": [
        (
            "about",
            "About us",
            "<p>Newsportal is an independent news agency. Our desk reports politics, the economy, society and "
            "world affairs around the clock, in English and in Russian.</p>"
            "<p>We check every story with at least two sources and correct our mistakes openly: every correction "
            "is dated and shown under the story it concerns.</p>",
        ),
        (
            "contacts",
            "Contacts",
            '<p>News desk: <a href="mailto:desk@newsportal.example">desk@newsportal.example</a>, '
            "+1 555 0100, around the clock.</p>"
            '<p>Press and partnerships: <a href="mailto:press@newsportal.example">press@newsportal.example</a>.'
            "</p><p>Found a typo? Select it in the story and press Ctrl+Enter, or use the link under the story.</p>",
        ),
        (
            "terms",
            "Terms of use",
            "<p>Our stories may be quoted with a link to the source. Republishing a whole story needs a partner "
            "agreement.</p><p>Readers' comments are moderated; we remove insults, spam and personal data.</p>",
        ),
        (
            "privacy",
            "Privacy",
            "<p>We keep no profile of our readers. A signed cookie remembers your votes so that you vote once per "
            "story; comments keep the name you give and, if you give one, your e-mail address, which is never "
            "shown.</p>",
        ),
    ],
    "ru": [
        (
            "about",
            "О нас",
            "<p>Newsportal — независимое информационное агентство. Наша редакция круглосуточно рассказывает о "
            "политике, экономике, обществе и событиях в мире на русском и английском языках.</p>"
            "<p>Каждую новость мы проверяем как минимум по двум источникам и открыто исправляем ошибки: "
            "каждое исправление датировано и показано под материалом.</p>",
        ),
        (
            "contacts",
            "Контакты",
            '<p>Редакция: <a href="mailto:desk@newsportal.example">desk@newsportal.example</a>, '
            "+7 495 000-00-00, круглосуточно.</p>"
            "<p>Пресс-служба и партнёрство: "
            '<a href="mailto:press@newsportal.example">press@newsportal.example</a>.</p>'
            "<p>Нашли опечатку? Выделите её в тексте и нажмите Ctrl+Enter или воспользуйтесь ссылкой под "
            "материалом.</p>",
        ),
        (
            "terms",
            "Условия использования",
            "<p>Цитирование наших материалов допускается со ссылкой на источник. Полная перепечатка — по "
            "партнёрскому соглашению.</p><p>Комментарии читателей модерируются: мы удаляем оскорбления, спам и "
            "персональные данные.</p>",
        ),
        (
            "privacy",
            "Конфиденциальность",
            "<p>Мы не ведём профилей читателей. Подписанный файл cookie запоминает ваши оценки, чтобы вы "
            "голосовали за материал один раз; комментарии хранят указанное вами имя и, если вы его указали, "
            "адрес электронной почты, который никогда не публикуется.</p>",
        ),
    ],
}


def demo_site_pages_ensure(*, editions):
    """Create the pages an edition does not have yet (by slug); returns how many were created."""
    created = 0
    for edition in editions:
        for position, (slug, title, body) in enumerate(PAGES.get(edition, [])):
            _page, was_created = InfoPage.objects.get_or_create(
                edition=edition, slug=slug, defaults={"title": title, "body": body, "position": position}
            )
            created += was_created
    return created
