"""In headless Chromium: the interaction form's people field is a type-ahead that finds
"Verhaeghe" among many and saves the interaction with that person; a tag is created on the
spot from the organisation form; an import's step indicator reads without overlaps."""

import io

import pytest
from playwright.sync_api import expect

from maillage.accounts.models import Role
from maillage.actors.models import Interaction, Organisation, Tag
from tests.browser.test_observatory import sign_in
from tests.factories import OrganisationFactory, PersonFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def watch_errors(page):
    errors = []
    page.on("response", lambda r: r.status >= 500 and errors.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def test_typing_in_the_people_field_finds_verhaeghe_and_saves_the_interaction(live_server, page):
    user = UserFactory(username="camille", role=Role.OFFICER, language="en")
    verhaeghe = PersonFactory(first_name="Anne", last_name="Verhaeghe")
    PersonFactory(first_name="Luc", last_name="Verhaeren")
    for index in range(40):
        PersonFactory(last_name=f"Diallo {index}")
    sign_in(page, live_server, user)
    errors = watch_errors(page)
    page.goto(f"{live_server.url}/actors/interactions/new/")
    assert page.locator("select[name=people] option").count() == 0  # not 42 people
    expect(page.locator("select[name=people]")).to_be_hidden()
    box = page.get_by_role("combobox", name="People")
    box.focus()
    page.keyboard.type("verhaeghe")
    listbox = page.get_by_role("listbox", name="People")
    expect(listbox.get_by_role("option")).to_have_count(1)
    expect(listbox.get_by_role("option")).to_have_text(str(verhaeghe))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")  # chooses; does not send the form
    chosen = page.get_by_role("list", name="Chosen — People")
    expect(chosen.get_by_role("listitem")).to_have_count(1)
    expect(chosen).to_contain_text(str(verhaeghe))
    expect(box).to_have_value("")
    # A second one, then removed again with its button.
    page.keyboard.type("verhaeren")
    expect(listbox.get_by_role("option")).to_have_count(1)
    listbox.get_by_role("option").click()
    expect(chosen.get_by_role("listitem")).to_have_count(2)
    chosen.get_by_role("button", name="Remove Luc Verhaeren").click()
    expect(chosen.get_by_role("listitem")).to_have_count(1)

    page.locator("#id_kind").select_option(index=1)
    page.locator("#id_occurred_on").fill("2025-06-10")
    page.locator("#id_subject").fill("Comité de pilotage")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(lambda url: "/new/" not in url)
    interaction = Interaction.objects.get()
    assert list(interaction.people.all()) == [verhaeghe]
    assert not errors, errors


def test_a_tag_is_created_on_the_spot_from_the_organisation_form(live_server, page):
    user = UserFactory(username="camille", role=Role.OFFICER, language="en")
    organisation = OrganisationFactory(name="Eau Vive")
    sign_in(page, live_server, user)
    errors = watch_errors(page)
    page.goto(f"{live_server.url}/actors/organisations/{organisation.pk}/edit/")
    box = page.get_by_role("combobox", name="Tags")
    box.focus()
    page.keyboard.type("Jumelage")
    option = page.get_by_role("listbox", name="Tags").get_by_role("option")
    expect(option).to_have_text("Create “Jumelage”")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.get_by_role("list", name="Chosen — Tags")).to_contain_text("Jumelage")
    assert Tag.objects.filter(name="Jumelage").exists()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(lambda url: "/edit/" not in url)
    assert list(Organisation.objects.get().tags.values_list("name", flat=True)) == ["Jumelage"]
    assert not errors, errors


def boxes_overlap(a, b):
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_the_import_steps_render_side_by_side_without_overlap(live_server, page, width):
    user = UserFactory(username="camille", role=Role.OFFICER)  # French, as by default
    sign_in(page, live_server, user)
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{live_server.url}/actors/organisations/import/")
    steps = page.locator(".import-steps li")
    expect(steps).to_have_count(3)
    texts = [steps.nth(i).inner_text().strip() for i in range(3)]
    assert texts[0].startswith("1.") and not texts[0].startswith("1. 1.")
    # No list marker drawn beside the numbers written in the text.
    marker = page.evaluate(
        "getComputedStyle(document.querySelector('.import-steps li')).listStyleType"
    )
    assert marker == "none"
    boxes = [steps.nth(i).bounding_box() for i in range(3)]
    for i in range(3):
        for j in range(i + 1, 3):
            assert not boxes_overlap(boxes[i], boxes[j]), (texts[i], texts[j], boxes)
    # Each step's text fits in its own box (nothing drawn over the next one).
    for i in range(3):
        fits = steps.nth(i).evaluate("el => el.scrollWidth <= el.clientWidth + 1")
        assert fits, texts[i]
    current = page.locator(".import-steps li[aria-current=step]")
    expect(current).to_have_count(1)


def test_the_preview_offers_the_valid_rows_when_a_row_has_an_error(live_server, page):
    user = UserFactory(username="camille", role=Role.OFFICER, language="en")
    sign_in(page, live_server, user)
    page.goto(f"{live_server.url}/actors/organisations/import/")
    data = b"Nom,Type,SIRET\nBonne,association,\nMauvaise,association,123\n"
    page.get_by_label("File").set_input_files(
        {"name": "organisations.csv", "mimeType": "text/csv", "buffer": io.BytesIO(data).read()}
    )
    page.get_by_role("button", name="Read the file").click()
    page.get_by_role("button", name="Check the rows").click()
    expect(page.get_by_role("status").first).to_contain_text("2 rows, 1 error")
    page.get_by_role("button", name="Import the 1 valid row").click()
    page.wait_for_url(lambda url: "/jobs/" in url)
    assert list(Organisation.objects.values_list("name", flat=True)) == ["Bonne"]
