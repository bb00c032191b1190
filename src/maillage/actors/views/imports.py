"""Import pages of the actors: organisations and people from CSV, XLSX or ODS files."""

from maillage.actors.imports import OrganisationImporter, PersonImporter
from maillage.actors.views.organisations import OrganisationViews
from maillage.actors.views.people import PersonViews
from maillage.core.imports.views import ImportViews


class OrganisationImportViews(ImportViews):
    importer = OrganisationImporter
    crud = OrganisationViews


class PersonImportViews(ImportViews):
    importer = PersonImporter
    crud = PersonViews
