"""Add an entry to a story's live blog, as the desk's scripts and wire tools do.

python manage.py live_entry 123 "Polls have closed." --key-event
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.html import escape, linebreaks

from articles.live.models import LiveBlog
from articles.live.services import live_entry_add


class Command(BaseCommand):
    help = "Add an entry to a story's live blog (the story must be a live blog, and live)."

    def add_arguments(self, parser):
        parser.add_argument("story_id", type=int, help="The story's id (its live blog's).")
        parser.add_argument("text", help="The entry's text; blank lines separate paragraphs.")
        parser.add_argument("--key-event", action="store_true", help="List the entry under “Key events”.")
        parser.add_argument("--title", default="", help="A headline for the entry.")
        parser.add_argument("--pin", action="store_true", help="Pin the entry above the newest ones.")

    def handle(self, *args, story_id, text, key_event, title, pin, **options):
        blog = LiveBlog.objects.select_related("article").filter(pk=story_id).first()
        if blog is None:
            raise CommandError(f"Story {story_id} is not a live blog: open one in the admin first.")
        if not blog.is_live:
            raise CommandError(f"The live blog of story {story_id} is archived: reopen it to add entries.")
        if not text.strip():
            raise CommandError("The entry needs some text.")
        try:
            # Plain text from a script: escaped, paragraphs kept; the model's sanitiser runs on save too.
            entry = live_entry_add(
                blog=blog, body=linebreaks(escape(text)), title=title, is_key_event=key_event, is_pinned=pin
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"Entry {entry.pk} added to “{blog.article.title}”."))
