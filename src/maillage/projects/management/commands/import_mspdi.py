"""Create a project from an MS Project XML file, as the import page does.

    maillage import_mspdi FILE --code CODE --title TITLE --country XX [--owner USERNAME]

Warnings are printed; on any error nothing is saved and the exit status is 1.
"""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from maillage.accounts.models import User
from maillage.core.reference import country_choices
from maillage.core.services import RowErrors
from maillage.projects.mspdi import max_bytes, read_mspdi, refusals, save_plan
from maillage.projects.services import check_new_project_code


class Command(BaseCommand):
    help = "Create a project from an MS Project XML (MSPDI) file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The MS Project XML file.")
        parser.add_argument("--code", required=True, help="Code of the new project.")
        parser.add_argument("--title", required=True, help="Title of the new project.")
        parser.add_argument("--country", required=True, help="Country code (ISO 3166, e.g. SN).")
        parser.add_argument("--owner", help="Username of the owner, made manager of the project.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        country = options["country"].upper()
        if country not in dict(country_choices()):
            raise CommandError(_("Unknown country code: %(code)s.") % {"code": country})
        owner = None
        if options["owner"]:
            owner = User.objects.filter(username=options["owner"]).first()
            if owner is None:
                raise CommandError(_("No user named %(name)s.") % {"name": options["owner"]})
        try:
            code = check_new_project_code(options["code"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        try:
            with path.open("rb") as source:
                data = source.read(max_bytes() + 1)  # above the cap, the reader refuses it
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": exc}
            ) from exc
        plan = read_mspdi(data)
        for warning in plan.warnings:
            self.stderr.write(_("Warning: %(message)s") % {"message": warning})
        if plan.errors:
            raise CommandError(
                _("Nothing was imported:") + "\n" + "\n".join(f"- {e}" for e in plan.errors)
            )
        try:
            project = save_plan(
                plan, code=code, title=options["title"], country=country, user=owner
            )
        except (ValidationError, RowErrors) as refused:
            raise CommandError(
                _("Nothing was imported:") + "\n" + "\n".join(f"- {e}" for e in refusals(refused))
            ) from refused
        self.stdout.write(
            _("Project %(project)s created with %(count)d plan items and %(links)d dependencies.")
            % {"project": project, "count": len(plan.items), "links": len(plan.dependencies)}
        )
