"""WSGI entry point for gunicorn: `gunicorn maillage.config.wsgi --config
python:maillage.config.gunicorn` (the config runs the garbage collection after each
response: `config/startup.py`)."""

import os

from django.core.wsgi import get_wsgi_application

from maillage.config import startup

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.config.settings")
application = get_wsgi_application()
startup.settle()  # views loaded, start-up's objects frozen (config/startup.py)
