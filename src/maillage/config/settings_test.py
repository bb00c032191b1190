"""Test settings: fast hashing, jobs run at once, plain static files."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789abcdef")

from maillage.config.settings import *  # noqa: F403
from maillage.config.settings import DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
BACKUP_DIR = ""  # no scheduled backup of the test database (tests register one explicitly)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True  # static files straight from the apps: no collectstatic needed
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False}
CODELISTS_URL = "http://127.0.0.1:9/unreachable/"  # tests never touch the network
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": ""}  # in-memory test database
OBSERVATORY_TILE_URL = "http://127.0.0.1:9/{z}/{x}/{y}.png"  # tiles unreachable in tests
# Uploaded files of a test run (field-update photos of the demo, signed agreements…) go
# to a folder of their own, not to the developer's var/media.
# Set once in the environment, so that the commands a test starts share the folder.
os.environ.setdefault("MAILLAGE_TEST_MEDIA_ROOT", tempfile.mkdtemp(prefix="maillage-test-media-"))
MEDIA_ROOT = Path(os.environ["MAILLAGE_TEST_MEDIA_ROOT"])
