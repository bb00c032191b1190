"""The partner filter of partnerships, agreements and commitments: the organisations
whose name holds the words typed, read once as a list of ids (up to
`LISTED_ORGANISATIONS`) or kept a subquery past it; both give the same rows, through an
agreement's parties and its partnership's two authorities, trashed partnerships
included as before."""

import datetime as dt

import pytest
from django.http import QueryDict

from maillage.partnerships import filters as partner_filters
from maillage.partnerships.models import Agreement, Commitment, Partnership
from tests.factories import OrganisationFactory
from tests.partnerships.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    CommitmentFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db


def _filtered(filterset, model, query):
    found = filterset(QueryDict(query), queryset=model.all_objects.all())
    assert found.is_valid(), found.errors
    return set(found.qs)


@pytest.mark.parametrize("listed", [1000, 0], ids=["ids listed", "subquery"])
def test_the_partner_filter_finds_the_same_rows_listed_or_as_a_subquery(monkeypatch, listed):
    monkeypatch.setattr(partner_filters, "LISTED_ORGANISATIONS", listed)
    sfax = OrganisationFactory(name="Commune de Sfax")
    other = OrganisationFactory(name="Ville de Tours")
    elsewhere = OrganisationFactory(name="Ville de Lyon")
    twinned = PartnershipFactory(foreign_authority=sfax)
    trashed = PartnershipFactory(french_authority=sfax)
    Partnership.all_objects.filter(pk=trashed.pk).update(
        deleted_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    )
    unrelated = PartnershipFactory(french_authority=other, foreign_authority=elsewhere)
    by_party = AgreementFactory(partnership=unrelated)
    AgreementPartyFactory(agreement=by_party, organisation=sfax)
    by_partnership = AgreementFactory(partnership=twinned)
    by_trashed = AgreementFactory(partnership=trashed)
    AgreementFactory(partnership=unrelated)
    owed = CommitmentFactory(party=sfax)
    CommitmentFactory(party=other)

    assert _filtered(partner_filters.PartnershipFilterSet, Partnership, "partner=sfax") == {
        twinned,
        trashed,
    }
    assert _filtered(partner_filters.AgreementFilterSet, Agreement, "partner=sfax") == {
        by_party,
        by_partnership,
        by_trashed,
    }
    assert _filtered(partner_filters.CommitmentFilterSet, Commitment, "partner=sfax") == {owed}
    # A word nobody's name holds: nothing, whichever way.
    assert _filtered(partner_filters.CommitmentFilterSet, Commitment, "partner=zzz") == set()
