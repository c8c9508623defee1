from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.api.models import ApiKey


class Command(BaseCommand):
    help = "Create or revoke a partner API key. A new key is printed once; only its hash is stored."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a key and print it.")
        create.add_argument("name")
        create.add_argument(
            "--edition",
            action="append",
            choices=[code for code, _name in settings.LANGUAGES],
            help="An edition the key may read (repeat for more); all editions when left out.",
        )
        create.add_argument("--per-minute", type=int, default=600, help="Requests allowed per minute.")
        revoke = sub.add_parser("revoke", help="Revoke keys by name or by the beginning of the key.")
        revoke.add_argument("name_or_prefix")

    def handle(self, *args, action, **options):
        if action == "create":
            if options["per_minute"] < 1:
                raise CommandError("--per-minute must be at least 1.")
            key, raw = ApiKey.issue(
                name=options["name"], editions=options["edition"], requests_per_minute=options["per_minute"]
            )
            self.stderr.write(f"Key {key.name!r} for {', '.join(key.editions)}; copy it now, it is not shown again:")
            self.stdout.write(raw)
            return
        needle = options["name_or_prefix"]
        keys = ApiKey.objects.active().filter(name=needle) | ApiKey.objects.active().filter(prefix=needle[:10])
        if not keys:
            raise CommandError(f"No active key named or beginning with {needle!r}.")
        for key in keys:
            key.revoke()
            self.stdout.write(f"Revoked {key}.")
