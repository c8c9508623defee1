"""API keys: created in the admin or by command, shown once, stored hashed, scoped, revocable."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.api.models import ApiKey, hash_key
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_api_key_create_prints_the_key_once_and_stores_its_hash(client):
    out = StringIO()
    call_command("api_key", "create", "Script", "--edition", "ru", stdout=out, stderr=StringIO())
    raw = out.getvalue().strip()
    key = ApiKey.objects.get(name="Script")
    assert key.key_hash == hash_key(raw)
    assert raw not in str(ApiKey.objects.values().get())
    assert key.editions == ["ru"]
    ArticleFactory(edition="ru")
    assert client.get("/api/v1/stories", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200


def test_api_key_revoke_by_name_refuses_the_key_from_then_on(client):
    out = StringIO()
    call_command("api_key", "create", "Old partner", stdout=out, stderr=StringIO())
    call_command("api_key", "revoke", "Old partner", stdout=StringIO())
    assert client.get("/api/v1/stories", HTTP_AUTHORIZATION=f"Bearer {out.getvalue().strip()}").status_code == 401
    with pytest.raises(CommandError, match="No active key"):
        call_command("api_key", "revoke", "Old partner", stdout=StringIO())


def test_the_admin_shows_a_new_key_once_and_revokes_keys(admin_client, client):
    response = admin_client.post(
        "/admin/articles/apikey/add/",
        {"name": "Partner weekly", "editions": ["en"], "requests_per_minute": 100},
        follow=True,
    )
    message = next(str(m) for m in response.context["messages"])
    raw = next(word for word in message.split() if word.startswith("np_"))
    key = ApiKey.objects.get(name="Partner weekly")
    assert key.key_hash == hash_key(raw) and key.editions == ["en"]
    assert client.get("/api/v1/stories", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    change_page = admin_client.get(f"/admin/articles/apikey/{key.pk}/change/").content.decode()
    assert raw not in change_page
    assert key.prefix in change_page

    admin_client.post("/admin/articles/apikey/", {"action": "revoke", "_selected_action": [key.pk]})
    assert client.get("/api/v1/stories", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
