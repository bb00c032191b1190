"""Load the demo dataset into an empty database: `maillage demo [--if-empty]`."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from maillage.demo.data import DEMO_PASSWORD, build_demo, demo_exists


class Command(BaseCommand):
    help = (
        "Load the demo dataset (the Lille and Oujda twinning, a regional network, donors, "
        "people, interactions and working groups)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has users (keeps existing data).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if demo_exists():
            if options["if_empty"]:
                self.stdout.write("Données de démonstration : la base contient déjà des données.")
                return
            raise CommandError(
                "La base contient déjà des utilisateurs : les données de démonstration ne se "
                "chargent que dans une base vide (--if-empty pour ne rien faire dans ce cas)."
            )
        started = time.perf_counter()
        summary = build_demo()
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Données de démonstration chargées en {elapsed:.1f} s : "
                f"{summary.users} utilisateurs, {summary.organisations} organisations, "
                f"{summary.projects} projets, {summary.partners} rôles dans les consortiums, "
                f"{summary.memberships} membres de projets, {summary.people} personnes, "
                f"{summary.positions} fonctions, {summary.interactions} échanges, "
                f"{summary.groups} groupes de travail "
                f"(mot de passe des comptes : {DEMO_PASSWORD})."
            )
        )
