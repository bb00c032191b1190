"""Load the demo dataset into an empty database: `maillage demo [--if-empty]`."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from maillage.demo.build import build_demo, demo_exists


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
                self.stdout.write(_("Demo data: the database already holds data; nothing done."))
                return
            raise CommandError(
                _(
                    "The database already has users: demo data only loads into an empty "
                    "database (--if-empty does nothing in that case)."
                )
            )
        started = time.perf_counter()
        summary = build_demo()
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Demo data loaded in %(seconds).1f s: %(users)d users, %(organisations)d "
                    "organisations, %(projects)d projects, %(partners)d consortium roles, "
                    "%(memberships)d project members, %(people)d people, %(positions)d "
                    "positions, %(interactions)d interactions, %(groups)d working groups "
                    "(password of the accounts: %(password)s)."
                )
                % {
                    "seconds": elapsed,
                    "users": summary.users,
                    "organisations": summary.organisations,
                    "projects": summary.projects,
                    "partners": summary.partners,
                    "memberships": summary.memberships,
                    "people": summary.people,
                    "positions": summary.positions,
                    "interactions": summary.interactions,
                    "groups": summary.groups,
                    "password": summary.password,
                }
            )
        )
        self.stdout.write(
            _(
                "Project management: programmes: %(programmes)d; activities: %(activities)d; "
                "tasks: %(tasks)d; milestones: %(milestones)d; dependencies: %(dependencies)d; "
                "risks: %(risks)d; field updates: %(updates)d (photos: %(photos)d)."
            )
            % summary.plans
        )
        self.stdout.write(
            _(
                "Partnerships: %(partnerships)d; agreements: %(agreements)d (amendments: "
                "%(amendments)d, council decisions: %(council_decisions)d); commitments: "
                "%(commitments)d."
            )
            % summary.partnerships
        )
        self.stdout.write(
            _(
                "Results: %(results)d logframe levels, %(indicators)d indicators, "
                "%(indicator_values)d values. Finances: %(budgets)d budgets "
                "(%(budget_lines)d lines), %(expenses)d expenses, %(financial_reports)d "
                "financial reports."
            )
            % (summary.results | summary.finance)
        )
        self.stdout.write(
            _(
                "Missions: %(missions)d (participants: %(participants)d); meetings: "
                "%(meetings)d (action items: %(action_items)d); team: %(staff)d staff and "
                "volunteers, %(leave)d leaves, %(trainings)d trainings."
            )
            % (summary.missions | summary.team)
        )
