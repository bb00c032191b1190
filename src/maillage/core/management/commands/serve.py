"""Serve Maillage: the web server (gunicorn), the background-job worker and the scheduler
(`maillage scheduler`: daily reminders, backups… started as jobs the worker runs) side by
side; when one stops, the others are stopped too."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.contrib.auth import get_user_model  # the kit names no app, not even accounts
from django.core.management.base import BaseCommand

DEMO_LOGINS = [
    ("admin", "administrateur"),
    ("camille", "chargée de coopération (réseau régional)"),
    ("youssef", "chargé de coopération (Oujda, Ville de Lille)"),
    ("oujda", "partenaire (projets Lille–Oujda uniquement)"),
    ("elu", "lecture seule (élu·e, direction)"),
]


class Command(BaseCommand):
    help = "Run the web server, the job worker and the scheduler until interrupted."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2"))
        )

    def handle(self, *args: Any, **options: Any) -> None:
        url = f"http://{options['host']}:{options['port']}/"
        self.stdout.write(self.style.SUCCESS(f"Maillage: {url}"))
        if get_user_model()._default_manager.filter(username="camille").exists():
            self.stdout.write("Comptes de démonstration (mot de passe : maillage-demo) :")
            for username, role in DEMO_LOGINS:
                self.stdout.write(f"  {username:<8} {role}")
        bindir = os.path.dirname(sys.executable)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": os.environ.get(
                "DJANGO_SETTINGS_MODULE", "maillage.config.settings"
            ),
        }
        worker = subprocess.Popen(  # noqa: S603 — our own console script
            [os.path.join(bindir, "maillage"), "worker", "--no-reload", "--interval", "1"],
            env=env,
        )
        # The scheduler starts what is due (core/scheduler.py); the worker runs it.
        timer = subprocess.Popen(  # noqa: S603 — our own console script
            [os.path.join(bindir, "maillage"), "scheduler"], env=env
        )
        web = subprocess.Popen(  # noqa: S603
            [
                os.path.join(bindir, "gunicorn"),
                "maillage.config.wsgi",
                "--config",
                "python:maillage.config.gunicorn",
                "--bind",
                f"{options['host']}:{options['port']}",
                "--workers",
                str(options["workers"]),
                "--threads",
                "4",
                "--access-logfile",
                "-",
            ],
            env=env,
        )
        children = [web, worker, timer]

        def stop(*_args: Any) -> None:
            for child in children:
                if child.poll() is None:
                    child.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            while all(child.poll() is None for child in children):
                time.sleep(0.5)
        finally:
            stop()
            for child in children:
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
        if any(child.returncode not in (0, -signal.SIGTERM, -signal.SIGINT) for child in children):
            sys.exit(1)
