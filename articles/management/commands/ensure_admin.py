import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Make sure the demo has a superuser. Uses DJANGO_SUPERUSER_USERNAME, DJANGO_SUPERUSER_PASSWORD "
        "(and DJANGO_SUPERUSER_EMAIL) when set; otherwise creates 'admin' with a random password, printed "
        "once. Does nothing when that user, or without the variables any superuser, already exists."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME", "").strip()
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD", "")
        email = os.environ.get("DJANGO_SUPERUSER_EMAIL", "")

        if not username and User.objects.filter(is_superuser=True).exists():
            self.stdout.write("A superuser exists already; left unchanged.")
            return
        username = username or "admin"
        if User.objects.filter(**{User.USERNAME_FIELD: username}).exists():
            self.stdout.write(f"User {username!r} exists already; left unchanged.")
            return

        generated = not password
        password = password or secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email=email, password=password)
        if generated:
            self.stdout.write(
                self.style.SUCCESS(f"Created superuser {username!r} with password {password}")
                + "\nNote it now: it is not stored anywhere and will not be shown again."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Created superuser {username!r} with the password from the environment.")
            )
