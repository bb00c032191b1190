"""Files sent from the real forms in headless Chromium: an agreement's signed copy, a
council decision, an amendment, a field update's photo. Each is stored under a generated
name with the extension of its content, and comes back from its page as it went."""

import datetime
import struct
import zlib

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from maillage.accounts.models import Role
from maillage.partnerships.models import AgreementFile, Amendment, CouncilDecision
from maillage.projects.models import FieldUpdate, UpdateAttachment
from tests.factories import OrganisationFactory, ProjectFactory, UserFactory
from tests.partnerships.factories import PDF, AgreementFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def png_bytes():
    """A real 2×2 PNG, so that the browser can draw it."""

    def chunk(kind, data):
        crc = struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00\x00\xff\x00" * 2)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def officer(db):
    return UserFactory(username="camille", role=Role.OFFICER, language="en")


def sign_in(page, live_server, user):
    """The session cookie of a `force_login`: axes makes the login form slow to script."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def attach(page, name, content, mime):
    page.locator("input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": content}]
    )


def download(page, link):
    """Click a download link; the file's suggested name and its bytes."""
    with page.expect_download() as info:
        link.click()
    file = info.value
    with open(file.path(), "rb") as handle:
        return file.suggested_filename, handle.read()


def test_an_agreements_files_are_uploaded_from_its_pages_and_downloaded(live_server, page, officer):
    agreement = AgreementFactory(title="Convention Lille–Oujda")
    authority = OrganisationFactory(name="Ville de Lille")
    sign_in(page, live_server, officer)
    agreement_url = f"{live_server.url}{agreement.get_absolute_url()}"

    # The signed copy, from "Add a file"; its name says HTML, its content is a PDF.
    page.goto(agreement_url)
    page.get_by_role("link", name="Add a file").click()
    page.locator("#id_title").fill("Convention signée")
    page.locator("#id_kind").select_option(label="Signed agreement")
    attach(page, "convention.html", PDF, "text/html")
    page.get_by_role("button", name="Add").click()
    expect(page).to_have_url(agreement_url)
    stored = AgreementFile.objects.get()
    assert stored.file.name.endswith(".pdf") and "convention" not in stored.file.name
    name, content = download(page, page.get_by_role("link", name="Convention signée"))
    assert (name, content) == ("Convention signée.pdf", PDF)

    # A council decision, with its scan.
    page.get_by_role("link", name="Add a council decision").click()
    # The authority is picked with the type-ahead (the select itself stays hidden).
    page.locator("#id_organisation_search").press_sequentially("Ville de Lil")
    page.locator("#id_organisation_listbox").get_by_role("option", name=str(authority)).click()
    page.locator("#id_number").fill("25-118")
    page.locator("#id_decided_on").fill("2025-11-18")
    attach(page, "délibération.pdf", PDF, "application/pdf")
    page.get_by_role("button", name="Add").click()
    expect(page).to_have_url(agreement_url)
    decision = CouncilDecision.objects.get()
    assert decision.file.name.endswith(".pdf")
    decisions = page.locator("section[aria-labelledby=decisions-title]")
    name, content = download(page, decisions.get_by_role("link", name="Download"))
    assert (name, content) == ("Deliberation 25-118.pdf", PDF)

    # An amendment, with its signed copy.
    page.get_by_role("link", name="Add an amendment").click()
    page.locator("#id_number").fill("1")
    page.locator("#id_signed_on").fill("2025-12-01")
    attach(page, "avenant.pdf", PDF, "application/pdf")
    page.get_by_role("button", name="Add").click()
    expect(page).to_have_url(agreement_url)
    assert Amendment.objects.get().file.name.endswith(".pdf")
    amendments = page.locator("section[aria-labelledby=amendments-title]")
    name, content = download(page, amendments.get_by_role("link", name="Download"))
    assert (name, content) == ("Amendment no. 1.pdf", PDF)


def test_a_field_update_photo_is_uploaded_shown_and_downloaded(live_server, page, officer):
    project = ProjectFactory(code="LIL-OUJ-1")
    photo = png_bytes()
    sign_in(page, live_server, officer)
    page.goto(f"{live_server.url}{reverse('projects:fieldupdate_create')}?project={project.pk}")
    page.locator("#id_title").fill("Chantier de l'école")
    page.locator("#id_occurred_on").fill(datetime.date(2026, 3, 2).isoformat())
    attach(page, "chantier.png", photo, "image/png")
    page.get_by_role("button", name="Save").click()
    update = FieldUpdate.objects.get()
    expect(page).to_have_url(f"{live_server.url}{update.get_absolute_url()}")
    attachment = UpdateAttachment.objects.get()
    assert attachment.file.name.endswith(".png") and "chantier" not in attachment.file.name
    # The photo is drawn in the page, from the file stored.
    image = page.locator(
        f"img[src*='{reverse('projects:updateattachment_image', args=[attachment.pk])}']"
    )
    expect(image).to_be_visible()
    # Its width once loaded (0 if the browser could not decode what it was served).
    loaded_width = """img => img.complete ? img.naturalWidth : new Promise(done => {
        img.addEventListener("load", () => done(img.naturalWidth));
        img.addEventListener("error", () => done(0));
    })"""
    assert image.evaluate(loaded_width) == 2
    photos = page.locator("section[aria-labelledby=photos-title]")
    name, content = download(page, photos.get_by_role("link", name="Download"))
    assert (name, content) == ("chantier.png", photo)
    response = page.request.get(
        f"{live_server.url}{reverse('projects:updateattachment_download', args=[attachment.pk])}"
    )
    assert response.body() == photo
    assert response.headers["content-type"] == "image/png"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert 'filename="chantier.png"' in response.headers["content-disposition"]
