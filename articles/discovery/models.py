"""What search reads: a narrow copy of each story's searchable columns, kept by a trigger.

A search for a common word walks the edition's stories newest first and tests each one's vector until it
has the newest SEARCH_MAX_RANKED matches. On articles_article every step is a heap page of its own (a
story's row carries its headline, lead and body: three or four to a page, stored in whatever order they
were written). Here a row is only the vector and what a search narrows by, and the table is filled in
order of publication and grows in that order, so the same walk reads a page for every six to nine
stories instead of one per story (docs/performance.md, "First-time search").

On PostgreSQL the trigger of migration *_search_entries writes a row on every insert and on every update
that changes one of these columns (bulk updates and raw SQL included) and deletes it with the story;
other databases (the SQLite demo) leave the table empty and search the stories themselves.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from ..publication import PublicationQuerySet


class SearchEntry(models.Model):
    # The story's own id (not a key of its own): the trigger inserts it, and ids found here are stories'.
    id = models.BigIntegerField(primary_key=True)
    edition = models.CharField(max_length=5)
    # No constraint: a section cannot be deleted while stories use it (Article.section protects it).
    section = models.ForeignKey(
        "articles.Section", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    status = models.CharField(max_length=10)
    published_at = models.DateTimeField(null=True)
    search_vector = SearchVectorField(null=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        default_permissions = ()
        indexes = [
            models.Index(fields=["edition", "status", "-published_at"], name="search_entry_feed"),
            models.Index(fields=["section", "status", "-published_at"], name="search_entry_section_feed"),
        ]

    def __str__(self):
        return f"{self.edition} #{self.pk}"
