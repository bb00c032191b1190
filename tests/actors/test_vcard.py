"""vCard 4.0 (RFC 6350) of people: written, then read back with the module's reader."""

import datetime as dt

import pytest
from django.urls import reverse

from maillage.actors import vcard
from maillage.core.models import Job
from tests.factories import (
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db


# --- Pure functions -------------------------------------------------------------------


def test_text_escapes_commas_semicolons_backslashes_and_newlines():
    value = "Bureau 3, aile B; accès \\ parking\r\nsecond line\nthird"
    escaped = vcard.escape(value)
    assert escaped == "Bureau 3\\, aile B\\; accès \\\\ parking\\nsecond line\\nthird"
    assert vcard.unescape(escaped) == value.replace("\r\n", "\n")


def test_long_lines_fold_at_75_octets_without_splitting_a_character():
    line = "NOTE:" + "é" * 100 + "x" * 50
    folded = vcard.fold(line)
    physical = folded.split("\r\n")[:-1]
    assert len(physical) > 1
    for part in physical:
        assert len(part.encode("utf-8")) <= 75
        part.encode("utf-8").decode("utf-8")  # each physical line is whole UTF-8
    assert all(part.startswith(" ") for part in physical[1:])
    assert vcard.unfold(folded) == [line]


def test_a_line_of_exactly_75_octets_is_not_folded():
    line = "NOTE:" + "a" * 70
    assert vcard.fold(line) == line + "\r\n"


def test_the_reader_splits_structured_values_and_quoted_parameters():
    card = vcard.parse_vcards(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Ben Ali\\; fils;Karim;;;\r\n"
        'item1.TEL;VALUE=uri;TYPE="voice,work":tel:+33320495000\r\nEND:VCARD\r\n'
    )[0]
    assert vcard.find(card, "N")[0].components == ["Ben Ali; fils", "Karim", "", "", ""]
    tel = vcard.find(card, "TEL")[0]
    assert tel.group == "item1" and tel.params["TYPE"] == ["voice", "work"]
    assert tel.value == "tel:+33320495000"


@pytest.mark.parametrize(
    "text",
    ["VERSION:4.0\r\n", "BEGIN:VCARD\r\nFN:x\r\n", "END:VCARD\r\n", "BEGIN:VCARD\r\nnocolon\r\n"],
)
def test_the_reader_refuses_broken_cards(text):
    with pytest.raises(ValueError):
        vcard.parse_vcards(text)


# --- A person ---------------------------------------------------------------------------


@pytest.fixture
def karim(db):
    person = PersonFactory(
        first_name="Karim",
        last_name="Ben Ali; fils",
        email="karim@oujda.ma",
        other_email="k.benali@example.org",
        phone="+212536000000",
        mobile="+33612345678",
        languages="ar fr",
        timezone="Africa/Casablanca",
        notes="Préfère l'arabe, puis le français.\nÀ rappeler en mars, de préférence le matin "
        "(avant 10 h) — bureau 3\\B.",
    )
    current = OrganisationFactory(name="Commune d'Oujda, service, coopération")
    PositionFactory(person=person, organisation=current, role="Directeur; relations")
    PositionFactory(
        person=person,
        organisation=OrganisationFactory(name="Ancienne association"),
        role="Trésorier",
        start_on=dt.date(2015, 1, 1),
        end_on=dt.date(2018, 1, 1),
    )
    return person


def _card_of(text):
    cards = vcard.parse_vcards(text)
    assert len(cards) == 1
    return cards[0]


def test_a_person_reads_back_from_their_vcard(karim):
    text = vcard.person_vcard(karim, vcard.current_positions(karim))
    assert text.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n") and text.endswith("END:VCARD\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    card = _card_of(text)
    values = vcard.as_dict(card)
    assert values["FN"] == "Karim Ben Ali; fils"
    assert vcard.find(card, "N")[0].components == ["Ben Ali; fils", "Karim", "", "", ""]
    emails = vcard.find(card, "EMAIL")
    assert [(e.text, e.params["PREF"]) for e in emails] == [
        ("karim@oujda.ma", ["1"]),
        ("k.benali@example.org", ["2"]),
    ]
    tels = vcard.find(card, "TEL")
    assert [(t.value, t.params["VALUE"], t.params["TYPE"]) for t in tels] == [
        ("tel:+212536000000", ["uri"], ["voice"]),
        ("tel:+33612345678", ["uri"], ["cell"]),
    ]
    assert [o.components for o in vcard.find(card, "ORG")] == [
        ["Commune d'Oujda, service, coopération"]
    ]
    assert [t.text for t in vcard.find(card, "TITLE")] == ["Directeur; relations"]
    assert [(lang.text, lang.params["PREF"]) for lang in vcard.find(card, "LANG")] == [
        ("ar", ["1"]),
        ("fr", ["2"]),
    ]
    assert values["TZ"] == "Africa/Casablanca"
    assert values["NOTE"] == karim.notes
    assert values["UID"].startswith("urn:uuid:")
    assert values["REV"] == karim.updated_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def test_a_sparse_person_has_only_what_is_known(db):
    person = PersonFactory(first_name="", last_name="Nadia", email="", phone="")
    values = vcard.as_dict(_card_of(vcard.person_vcard(person)))
    assert values["FN"] == "Nadia"
    assert not {"EMAIL", "TEL", "ORG", "TITLE", "LANG", "TZ", "NOTE"} & set(values)


def test_the_uid_is_stable_for_a_person(karim):
    first = vcard.as_dict(_card_of(vcard.person_vcard(karim)))["UID"]
    assert vcard.as_dict(_card_of(vcard.person_vcard(karim)))["UID"] == first


# --- Pages ---------------------------------------------------------------------------


def test_the_person_page_offers_the_vcard(client, viewer, karim):
    client.force_login(viewer)
    url = reverse("actors:person_vcard", args=[karim.pk])
    assert url in client.get(karim.get_absolute_url()).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="karim-ben-ali-fils.vcf"'
    card = _card_of(response.content.decode("utf-8"))
    assert [t.text for t in vcard.find(card, "TITLE")] == ["Directeur; relations"]


def test_a_partner_gets_404_for_the_vcard_of_a_person_it_cannot_see(client, partner, karim):
    client.force_login(partner)
    assert client.get(reverse("actors:person_vcard", args=[karim.pk])).status_code == 404


def _export(client, query, fmt="vcf"):
    response = client.post(reverse("actors:person_export"), {"format": fmt, "query": query})
    job = Job.objects.latest("pk")
    assert response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.state == "succeeded", job.messages
    return job


def test_the_filtered_people_list_exports_as_one_vcf_without_do_not_contact(client, officer):
    for name in ("Alami", "Bennani"):
        PositionFactory(person=PersonFactory(last_name=name, languages="ar"))
    PersonFactory(last_name="Chraibi", languages="ar", do_not_contact=True)
    PersonFactory(last_name="Dupont", languages="fr")
    client.force_login(officer)
    job = _export(client, "language=ar")
    assert job.result_name.endswith(".vcf")
    with job.result_file.open("rb") as f:
        cards = vcard.parse_vcards(f.read().decode("utf-8"))
    assert sorted(vcard.as_dict(card)["FN"].split()[-1] for card in cards) == [
        "Alami",
        "Bennani",
    ]
    assert job.messages == [
        {"level": "warning", "text": job.messages[0]["text"]},
    ]
    assert "1" in job.messages[0]["text"]
    page = client.get(job.get_absolute_url()).content.decode()
    assert job.messages[0]["text"].replace("“", "").split()[0] in page


def test_the_people_list_offers_the_vcf_export(client, officer):
    PersonFactory()
    client.force_login(officer)
    assert 'name="format" value="vcf"' in client.get("/actors/people/").content.decode()


def test_a_partner_exports_only_the_people_it_may_see(client, partner, partner_project):
    from tests.factories import ProjectPartnerFactory

    seen = PersonFactory(last_name="Visible")
    ProjectPartnerFactory(project=partner_project).contacts.add(seen)
    PersonFactory(last_name="Invisible")
    client.force_login(partner)
    job = _export(client, "")
    with job.result_file.open("rb") as f:
        cards = vcard.parse_vcards(f.read().decode("utf-8"))
    assert [vcard.as_dict(card)["FN"].split()[-1] for card in cards] == ["Visible"]


def test_the_other_export_formats_of_people_still_work(client, officer):
    PersonFactory(last_name="Tableur")
    client.force_login(officer)
    job = _export(client, "", fmt="csv")
    with job.result_file.open("rb") as f:
        assert "Tableur" in f.read().decode("utf-8-sig")
