"""Rows of the permission matrix for values, their workflow, the grid, the import and
the dashboards (collected by tests/results/matrix.py). Partners enter and submit values
on their projects (pages and API) but never approve; the aggregated dashboards and the
approval queue are the service's own."""

from __future__ import annotations

from typing import Any

from tests.permissions import HIDDEN, SHARED, Rule, crud, expect

STAFF_PAGE = expect(outsider=403, partner=403)
# Partners write values on their own projects: the create page is theirs too.
PARTNER_WRITES = expect(viewer=403)
PARTNER_WRITES_SHARED = expect(outsider=404, viewer=403)
SESSION_OF_OFFICER = expect(outsider=404, partner=404, viewer=403, admin=404, officer=200)

RULES: list[Rule] = [
    *crud(
        "results",
        "indicatorvalue",
        "value_shared",
        "value_other",
        create=PARTNER_WRITES,
        write=PARTNER_WRITES_SHARED,
    ),
    Rule(
        "results:value_move",
        expect(outsider=404, partner=302, viewer=403, officer=302, admin=302),
        ("value_shared",),
        method="post",
        data={"status": "submitted"},
    ),
    Rule(
        "results:value_move",
        expect(outsider=404, partner=404, viewer=403, officer=302, admin=302),
        ("value_other",),
        method="post",
        data={"status": "submitted"},
    ),
    Rule("results:value_evidence_file", SHARED, ("value_shared", "evidence_shared")),
    Rule("results:value_approvals", STAFF_PAGE),
    Rule("results:values_tidy_export", expect(), data={"format": "xlsx", "project": "1"}),
    Rule("results:indicatorvalue_import", PARTNER_WRITES),
    Rule(
        "results:indicatorvalue_import_mapping",
        SESSION_OF_OFFICER,
        ("value_import",),
        allowed=frozenset({200}),
    ),
    Rule(
        "results:indicatorvalue_import_preview",
        expect(outsider=404, partner=404, viewer=403, admin=404, officer=302),
        ("value_import",),
        allowed=frozenset({200}),
    ),
    Rule("results:project_grid", PARTNER_WRITES_SHARED, ("project_shared",)),
    Rule(
        "results:project_grid",
        expect(outsider=404, partner=404, viewer=403),
        ("project_other",),
    ),
    Rule("results:project_results", SHARED, ("project_shared",)),
    Rule("results:project_results", HIDDEN, ("project_other",)),
    Rule("results:indicator_results", SHARED, ("indicator_shared",)),
    Rule("results:indicator_results", HIDDEN, ("indicator_other",)),
    Rule("results:dashboards", STAFF_PAGE),
    Rule("results:programme_results", STAFF_PAGE, ("programme",)),
    Rule("results:donor_results", STAFF_PAGE, ("donor",)),
    Rule("results:country_results", STAFF_PAGE, ("country",)),
    Rule("results:sdg_results", STAFF_PAGE, ("sdg",)),
    # The API: partners write too (a 400 for the empty body), viewers never.
    Rule("indicatorvalue-list", expect(anonymous=401), path="/api/indicator-values"),
    Rule(
        "indicatorvalue-list",
        expect(anonymous=401, outsider=400, partner=400, viewer=403, officer=400, admin=400),
        method="post",
        path="/api/indicator-values",
        allowed=frozenset({201}),
    ),
    Rule(
        "indicatorvalue-detail",
        expect(anonymous=401, outsider=404),
        ("value_shared",),
        path="/api/indicator-values/{value_shared}",
    ),
    Rule(
        "indicatorvalue-detail",
        expect(anonymous=401, outsider=404, partner=404),
        ("value_other",),
        path="/api/indicator-values/{value_other}",
    ),
    # An evidence file: the partner's own draft is its to complete (400: no `file` sent).
    Rule(
        "indicatorvalue-evidence",
        expect(anonymous=401, outsider=404, partner=400, viewer=403, officer=400, admin=400),
        ("value_shared",),
        method="post",
        path="/api/indicator-values/{value_shared}/evidence",
    ),
    Rule(
        "indicatorvalue-evidence",
        expect(anonymous=401, outsider=404, partner=404, viewer=403, officer=400, admin=400),
        ("value_other",),
        method="post",
        path="/api/indicator-values/{value_other}/evidence",
    ),
    Rule(
        "indicatorvalue-detail",
        expect(anonymous=401, outsider=404, partner=404, viewer=403, officer=204, admin=204),
        ("value_other",),
        method="delete",
        path="/api/indicator-values/{value_other}",
    ),
]


def extend_world(world: dict[str, Any]) -> dict[str, Any]:
    """A draft value on the shared project's period (entered by the partner, with an
    evidence file) and one on the other project's; a programme, a donor, an import in
    progress of the officer."""
    from django.core.files.base import ContentFile

    from maillage.core.models_imports import ImportSession
    from maillage.results.models import IndicatorPeriod, ValueEvidence
    from tests.factories import ProgrammeFactory
    from tests.funding.factories_plans import DonorFactory
    from tests.results.factories import ValueFactory

    partner = world["users"]["partner"]
    shared = ValueFactory(period=IndicatorPeriod.objects.get(pk=world["period_shared"]))
    shared.entered_by = partner
    shared.save()
    evidence = ValueEvidence(value=shared, original_name="émargement.pdf")
    evidence.file.save("emargement.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    other = ValueFactory(period=IndicatorPeriod.objects.get(pk=world["period_other"]))
    session = ImportSession.objects.create(
        importer="indicator-values",
        original_name="valeurs.csv",
        file_format="csv",
        created_by=world["users"]["officer"],
    )
    session.file.save("valeurs.csv", ContentFile(b"Projet;Indicateur;Valeur\nX;I1;3\n"))
    return {
        "value_shared": shared.pk,
        "value_other": other.pk,
        "evidence_shared": evidence.pk,
        "value_import": session.pk,
        "programme": ProgrammeFactory().pk,
        "donor": DonorFactory().pk,
        "country": "MA",
        "sdg": "4",
    }
