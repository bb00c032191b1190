"""The financing plan's editor in headless Chromium: the demo's plan shows the two rules it
breaks; typing the fixed amounts clears the panel live (htmx posts the unsaved form to
the check), before anything is saved; saving keeps it clear."""

import pytest
from playwright.sync_api import expect

from maillage.funding.models import LineKind
from tests.browser.test_observatory import sign_in
from tests.funding.demo_plans import FIXED, build_demo_funding

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_typing_the_fixed_amounts_clears_the_violations_live(live_server, page):
    demo = build_demo_funding()
    plan, user = demo["plan"], demo["users"]["youssef"]
    user.language = "en"
    user.save()
    sign_in(page, live_server, user)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: r.status >= 400 and errors.append(r.url))
    page.goto(f"{live_server.url}/funding/plans/{plan.pk}/lines/")
    panel = page.locator("#plan-check")
    expect(panel).to_contain_text("The share of MEAE / DAECT is 62%; AAP DAECT caps it at 50%.")
    expect(panel).to_contain_text("In-kind is 58% of the contribution of Ville de Lille")
    lines = list(plan.lines.order_by("position", "pk"))
    for index, line in enumerate(lines[:1]):
        page.fill(f"#id_lines-{index}-amount", str(FIXED[line.kind]))
    # The ministry's share is fixed; the in-kind is not yet: one rule left, live.
    expect(panel.locator("li[data-code=max_share]")).to_have_count(0)
    expect(panel.locator("li[data-code=in_kind_cap]")).to_have_count(1)
    for index, line in enumerate(lines):
        page.fill(f"#id_lines-{index}-amount", str(FIXED[line.kind]))
    expect(panel.locator("[data-check=clear]")).to_be_visible()
    expect(panel.locator("li")).to_have_count(0)
    # Nothing saved yet.
    assert plan.lines.get(kind=LineKind.DONOR).amount == 260400
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/funding/plans/{plan.pk}/")
    expect(page.locator("#plan-check [data-check=clear]")).to_be_visible()
    assert plan.lines.get(kind=LineKind.DONOR).amount == 168000
    assert not [e for e in errors if "favicon" not in e], errors
