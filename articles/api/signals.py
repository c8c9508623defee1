from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from ..models import Article
from .models import DeletedStory


@receiver(post_delete, sender=Article, dispatch_uid="articles.api.story_deleted")
def story_deleted(sender, instance, **kwargs):
    """Keep a tombstone of a story that had gone public, so that partners' mirrors drop it too."""
    if instance.published_at and instance.published_at <= timezone.now():
        DeletedStory.objects.update_or_create(
            story_id=instance.pk, defaults={"edition": instance.edition, "deleted_at": timezone.now()}
        )
