"""Uploaded files go to S3-compatible object storage when MEDIA_S3_BUCKET is set."""

import json
import os
import subprocess
import sys

PROBE = """
import json, django
django.setup()
from django.core.files.storage import storages
default_storage = storages["default"]
print(json.dumps({
    "class": type(default_storage).__module__ + "." + type(default_storage).__name__,
    "bucket": getattr(default_storage, "bucket_name", None),
    "endpoint": getattr(default_storage, "endpoint_url", None),
    "location": getattr(default_storage, "location", None),
    "acl": getattr(default_storage, "default_acl", None),
    "overwrite": getattr(default_storage, "file_overwrite", None),
}))
"""


def storage_with(**env: str) -> dict:
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("MEDIA_S3_") and key != "DJANGO_SETTINGS_MODULE"
    }
    environ.update(
        DJANGO_SETTINGS_MODULE="maillage.config.settings",
        SECRET_KEY="storage-probe-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        **env,
    )
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=environ, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_files_stay_on_disk_by_default():
    assert storage_with()["class"] == "django.core.files.storage.filesystem.FileSystemStorage"


def test_a_bucket_moves_uploaded_files_to_private_object_storage():
    storage = storage_with(
        MEDIA_S3_BUCKET="maillage-media",
        MEDIA_S3_ENDPOINT_URL="https://s3.example.test",
        MEDIA_S3_ACCESS_KEY="key",
        MEDIA_S3_SECRET_KEY="secret",
    )
    assert storage["class"] == "storages.backends.s3.S3Storage"
    assert storage["bucket"] == "maillage-media"
    assert storage["endpoint"] == "https://s3.example.test"
    assert storage["location"] == "media"
    # Private and never overwritten: a second file of the same name gets its own key.
    assert storage["acl"] == "private" and storage["overwrite"] is False
