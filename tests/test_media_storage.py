"""Media on S3-compatible storage (MEDIA_STORAGE=s3): photos and renditions in the bucket, never on disk.

S3 is moto's in-process mock: no network.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
from django.conf import settings
from moto import mock_aws

from tests.factories import ArticleFactory, PhotoFactory

BUCKET = "newsportal-media"
CDN = "media.news.example.org"
ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def bucket(settings, tmp_path):
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket=BUCKET)
        settings.MEDIA_ROOT = tmp_path / "media"
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "region_name": "us-east-1",
                    "access_key": "test",
                    "secret_key": "test",
                    "custom_domain": CDN,
                    "querystring_auth": False,
                    "file_overwrite": False,
                },
            },
        }
        yield s3


def keys(s3):
    return {item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


@pytest.mark.django_db
def test_a_photo_and_its_renditions_are_stored_in_the_bucket(bucket):
    photo = PhotoFactory()

    stored = keys(bucket)
    assert photo.image.name in stored
    renditions = [name for name, _width in photo.rendition_names]
    assert renditions
    for name in renditions:
        getattr(photo, f"w{dict(photo.rendition_names)[name]}").generate()
    assert set(renditions) <= keys(bucket)
    assert all(name.startswith("renditions/") for name in renditions)
    assert not (Path(settings.MEDIA_ROOT)).exists()


@pytest.mark.django_db
def test_story_pages_point_readers_at_the_bucket_domain(bucket, client):
    story = ArticleFactory(image=PhotoFactory())
    page = client.get(story.get_absolute_url()).content.decode()
    assert f"https://{CDN}/{story.image.rendition_names[0][0]}" in page
    assert "/media/" not in page


def settings_in(env):
    """The storage settings a process started with this environment ends up with."""
    code = "import json; from django.conf import settings; print(json.dumps(settings.STORAGES['default']))"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "newsportal.settings", **env},
        capture_output=True,
        text=True,
    )
    return result


def test_the_environment_chooses_the_bucket():
    result = settings_in(
        {
            "MEDIA_STORAGE": "s3",
            "S3_BUCKET": BUCKET,
            "S3_ENDPOINT_URL": "https://s3.example.net",
            "S3_ACCESS_KEY_ID": "key",
            "S3_SECRET_ACCESS_KEY": "secret",
            "S3_CUSTOM_DOMAIN": CDN,
        }
    )
    assert result.returncode == 0, result.stderr
    storage = json.loads(result.stdout)
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == BUCKET
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.example.net"
    assert storage["OPTIONS"]["custom_domain"] == CDN
    assert storage["OPTIONS"]["querystring_auth"] is False


def test_without_it_media_stay_on_disk():
    result = settings_in({"MEDIA_STORAGE": "filesystem"})
    assert json.loads(result.stdout)["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_an_unknown_storage_is_refused_at_start():
    result = settings_in({"MEDIA_STORAGE": "ftp"})
    assert result.returncode != 0
    assert 'MEDIA_STORAGE must be "filesystem" or "s3"' in result.stderr
