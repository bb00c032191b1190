"""Without the IATI codelists, a form or a list's filters that offer codes say so instead of
offering an empty list of sectors; once loaded, the notice is gone."""

import pytest
from django.urls import reverse
from django.utils import translation

from maillage.core.models import Codelist, CodelistItem
from maillage.core.templatetags.codelists import empty_codelist_fields
from maillage.projects.forms.projects import SectorRowForm
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

NOTICE = "codelist-notice"


def _load(name: str, code: str) -> None:
    codelist, _ = Codelist.objects.get_or_create(name=name)
    CodelistItem.objects.create(codelist=codelist, code=code, name_en=code, name_fr=code)


def test_the_empty_codelist_fields_of_a_form_are_named():
    with translation.override("en"):
        assert empty_codelist_fields(SectorRowForm()) == ["DAC sector"]
        _load("Sector", "11110")
        assert empty_codelist_fields(SectorRowForm()) == []
    assert empty_codelist_fields(None) == []


def test_the_sectors_page_says_the_codelists_are_missing(client, officer):
    project = ProjectFactory()
    client.force_login(officer)
    url = reverse("projects:project_sectors", args=[project.pk])
    with translation.override("en"):
        body = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert NOTICE in body and "maillage codelists" in body
    _load("Sector", "11110")
    assert NOTICE not in client.get(url).content.decode()


def test_the_organisation_form_and_filters_say_so_to_an_officer_only(client, officer, viewer):
    client.force_login(officer)
    assert NOTICE in client.get(reverse("actors:organisation_create")).content.decode()
    assert NOTICE in client.get(reverse("actors:organisation_list")).content.decode()
    client.force_login(viewer)  # nothing to load for a reader: no notice on its lists
    assert NOTICE not in client.get(reverse("actors:organisation_list")).content.decode()
    _load("SectorCategory", "111")
    client.force_login(officer)
    assert NOTICE not in client.get(reverse("actors:organisation_create")).content.decode()
    assert NOTICE not in client.get(reverse("actors:organisation_list")).content.decode()
