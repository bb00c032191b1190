"""Expenses (E2): a partner enters and submits them with receipts, an officer validates or
returns them, a validated expense is locked and corrected by a counter-entry; references,
splits, amounts by currency, the grant's period and eligibility; every bad input of the
issue refused naming its field, nothing half-saved."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from maillage.accounts.models import Role
from maillage.finance.models import Expense, ExpenseCharge, ExpenseStatus, Receipt
from maillage.finance.selectors.expenses import expense_eligibility
from maillage.finance.services import expenses as service
from maillage.finance.services.expenses import CHARGES, ExpenseService, ReceiptService
from maillage.funding.models import CostCategory
from tests.factories import MembershipFactory, ProjectFactory, UserFactory
from tests.finance.factories_expenses import budget_line, expense, pdf_upload
from tests.funding.factories_calls import GrantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def people():
    oujda = UserFactory(username="oujda", role=Role.PARTNER)
    officer = UserFactory(username="youssef", role=Role.OFFICER)
    return oujda, officer


@pytest.fixture
def projects(people):
    oujda, _officer = people
    ours = ProjectFactory(code="LIL-OUJ", country="MA")
    theirs = ProjectFactory(code="SAHEL")
    MembershipFactory(project=ours, user=oujda)
    return ours, theirs


def _form(project, line, **extra):
    return {
        "project": project.pk,
        "spent_on": "2026-03-12",
        "budget_line": line.pk,
        "payee_name": "Hôtel Atlas",
        "description": "Deux nuits pour la mission",
        "amount": "180.00",
        "currency": "EUR",
        "payment_method": "transfer",
        **extra,
    }


def _errors(error: ValidationError) -> dict:
    return error.message_dict


# -- must show 2: the partner submits (page and API), the officer validates, then locked --


def test_a_partner_submits_with_a_receipt_on_the_page_and_an_officer_validates_it(
    client, people, projects
):
    oujda, officer = people
    ours, theirs = projects
    line = budget_line(ours)
    hidden = expense(theirs, by=officer, receipt=True)
    client.force_login(oujda)

    response = client.post(
        reverse("finance:expense_create"),
        _form(ours, line, submit="on", receipt=pdf_upload("facture-hotel.pdf")),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Expense.objects.get(project=ours)
    assert created.status == ExpenseStatus.SUBMITTED and created.entered_by == oujda
    assert created.reference.startswith("DEP-2026-")
    receipt = created.receipts.get()
    assert receipt.original_name == "facture-hotel.pdf" and len(receipt.checksum) == 64

    # The partner cannot validate it, nor see the other project's expense.
    move = reverse("finance:expense_move", args=[created.pk])
    assert client.post(move, {"status": "validated"}).status_code == 403
    assert client.get(reverse("finance:expense_detail", args=[hidden.pk])).status_code == 404
    listing = client.get(reverse("finance:expense_list"))
    assert created.reference in listing.content.decode()
    assert hidden.reference not in listing.content.decode()
    download = reverse("finance:receipt_download", args=[hidden.pk, hidden.receipts.get().pk])
    assert client.get(download).status_code == 404
    mine = client.get(reverse("finance:receipt_download", args=[created.pk, receipt.pk]))
    assert mine.status_code == 200 and b"".join(mine.streaming_content).startswith(b"%PDF")
    created.refresh_from_db()
    assert created.status == ExpenseStatus.SUBMITTED

    # The officer validates it; it is then locked, on the page and through the API.
    client.force_login(officer)
    response = client.post(move, {"status": "validated", "version": created.version})
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.status == ExpenseStatus.VALIDATED and created.validated_by == officer
    assert client.get(reverse("finance:expense_update", args=[created.pk])).status_code == 403
    assert client.post(reverse("finance:receipt_add", args=[created.pk])).status_code == 403
    api = client.patch(
        f"/api/expenses/{created.pk}", {"description": "x"}, content_type="application/json"
    )
    assert api.status_code == 400 and "non_field_errors" in api.json()
    with pytest.raises(ValidationError):
        ExpenseService.update(obj=created, data={"description": "x"}, by=officer)
    created.refresh_from_db()
    assert created.description == "Deux nuits pour la mission"


def test_a_partner_submits_through_the_api_and_only_an_officer_validates(client, people, projects):
    oujda, officer = people
    ours, theirs = projects
    line = budget_line(ours)
    hidden = expense(theirs, by=officer)
    client.force_login(oujda)
    body = _form(ours, line, submit="true", receipt=pdf_upload("ticket.pdf"))
    response = client.post("/api/expenses", body)  # multipart, with the receipt
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "submitted" and data["receipts"][0]["original_name"] == "ticket.pdf"
    assert data["eligibility"] == []
    pk = data["id"]
    assert client.post(f"/api/expenses/{pk}/validate").status_code == 403
    assert client.get(f"/api/expenses/{hidden.pk}").status_code == 404
    assert [row["id"] for row in client.get("/api/expenses").json()["results"]] == [pk]
    assert client.get("/api/expenses", {"project": theirs.pk}).status_code in (200, 400)

    client.force_login(officer)
    validated = client.post(f"/api/expenses/{pk}/validate")
    assert validated.status_code == 200 and validated.json()["status"] == "validated"
    locked = client.patch(
        f"/api/expenses/{pk}", {"amount": "1.00"}, content_type="application/json"
    )
    assert locked.status_code == 400
    receipt = client.post(f"/api/expenses/{pk}/receipts", {"file": pdf_upload("autre.pdf")})
    assert receipt.status_code == 400
    assert client.delete(f"/api/expenses/{pk}").status_code == 400
    assert Expense.objects.get(pk=pk).amount == Decimal("180.00")


def test_returning_needs_a_comment_kept_as_the_historys_reason(client, people, projects):
    oujda, officer = people
    ours, _theirs = projects
    submitted = expense(ours, by=oujda, status=ExpenseStatus.SUBMITTED)
    client.force_login(officer)
    url = reverse("finance:expense_move", args=[submitted.pk])
    assert client.post(url, {"status": "returned", "comment": " "}).status_code == 422
    response = client.post(url, {"status": "returned", "comment": "Le reçu est illisible"})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ExpenseStatus.RETURNED
    assert submitted.history.first().history_change_reason == "Le reçu est illisible"
    # Returned, the partner corrects it and submits it again.
    ExpenseService.update(obj=submitted, data={"amount": Decimal("99.00")}, by=oujda)
    again = ExpenseService.move(obj=submitted, status=ExpenseStatus.SUBMITTED, by=oujda)
    assert again.status == ExpenseStatus.SUBMITTED


def test_submitting_without_a_receipt_is_refused(people, projects):
    oujda, _officer = people
    ours, _theirs = projects
    draft = expense(ours, by=oujda)
    with pytest.raises(ValidationError) as refused:
        ExpenseService.move(obj=draft, status=ExpenseStatus.SUBMITTED, by=oujda)
    assert "receipt" in _errors(refused.value)


def test_a_partner_neither_validates_nor_reverses_through_the_service(people, projects):
    oujda, officer = people
    ours, _theirs = projects
    submitted = expense(ours, by=oujda, status=ExpenseStatus.SUBMITTED)
    with pytest.raises(ValidationError) as refused:
        ExpenseService.move(obj=submitted, status=ExpenseStatus.VALIDATED, by=oujda)
    assert "status" in _errors(refused.value)
    validated = ExpenseService.move(obj=submitted, status=ExpenseStatus.VALIDATED, by=officer)
    with pytest.raises(ValidationError):
        ExpenseService.reverse(obj=validated, by=oujda)


def test_a_correction_is_a_counter_entry_then_a_new_expense(client, people, projects):
    _oujda, officer = people
    ours, _theirs = projects
    grant = GrantFactory(application__project=ours)
    line = budget_line(ours, grant=grant, grant_share=Decimal("6000.00"))
    original = expense(ours, line=line, by=officer, amount=Decimal("100.00"), status="validated")
    client.force_login(officer)
    response = client.post(reverse("finance:expense_reverse", args=[original.pk]))
    counter = Expense.objects.get(reverses=original)
    assert response.status_code == 302 and response.url == counter.get_absolute_url()
    assert counter.amount == Decimal("-100.00") and counter.status == ExpenseStatus.VALIDATED
    assert sorted(c.amount for c in counter.charges.all()) == sorted(
        -c.amount for c in original.charges.all()
    )
    assert counter.spent_on == original.spent_on and counter.reference != original.reference
    # Not twice; and the counter-entry itself is no expense to reverse.
    with pytest.raises(ValidationError):
        ExpenseService.reverse(obj=original, by=officer)
    with pytest.raises(ValidationError):
        ExpenseService.reverse(obj=counter, by=officer)
    page = client.get(counter.get_absolute_url()).content.decode()
    assert reverse("finance:expense_create") in page  # "Enter the corrected expense"
    corrected = expense(ours, line=line, by=officer, amount=Decimal("90.00"))
    assert corrected.status == ExpenseStatus.DRAFT


# -- references and splits ------------------------------------------------------------


def test_references_are_numbered_per_year_and_a_taken_number_is_taken_again(
    people, projects, monkeypatch
):
    _oujda, officer = people
    ours, _theirs = projects
    first = expense(ours, by=officer)
    second = expense(ours, by=officer)
    other_year = expense(ours, by=officer, spent_on=dt.date(2027, 1, 5))
    assert (first.reference, second.reference) == ("DEP-2026-0001", "DEP-2026-0002")
    assert other_year.reference == "DEP-2027-0001"
    # Someone took the number between the count and the insert: the next one is taken.
    calls = iter([2, 3])
    monkeypatch.setattr(service, "next_number", lambda year: next(calls))
    third = expense(ours, by=officer)
    assert third.reference == "DEP-2026-0003"


def test_splits_follow_the_line_and_must_add_up_to_the_amount(people, projects):
    _oujda, officer = people
    ours, _theirs = projects
    grant = GrantFactory(application__project=ours)
    line = budget_line(ours, grant=grant, grant_share=Decimal("7500.00"))  # 75 % of 10,000
    made = expense(ours, line=line, by=officer, amount=Decimal("100.01"))
    shares = {c.grant_id: c.amount for c in made.charges.all()}
    assert shares == {grant.pk: Decimal("75.01"), None: Decimal("25.00")}
    with pytest.raises(ValidationError) as refused:
        ExpenseService.update(
            obj=made,
            data={CHARGES: [{"grant": grant, "amount": Decimal("50.00")}]},
            by=officer,
        )
    assert CHARGES in _errors(refused.value)
    ExpenseService.update(
        obj=made, data={CHARGES: [{"grant": grant, "amount": Decimal("100.01")}]}, by=officer
    )
    charge = ExpenseCharge.objects.get(expense=made)
    assert charge.donor == grant.application.call.instrument.donor


# -- bad input of the issue: named field, nothing half-saved ----------------------------


def _refused_on(field, *, by, **data):
    before = (Expense.all_objects.count(), Receipt.objects.count(), ExpenseCharge.objects.count())
    with pytest.raises(ValidationError) as refused:
        ExpenseService.create(data=data, by=by)
    after = (Expense.all_objects.count(), Receipt.objects.count(), ExpenseCharge.objects.count())
    assert after == before
    assert field in _errors(refused.value), _errors(refused.value)
    return _errors(refused.value)[field]


def _data(project, line, **extra):
    return {
        "project": project,
        "budget_line": line,
        "spent_on": dt.date(2026, 3, 12),
        "description": "Achat",
        "amount": Decimal("10.00"),
        "currency": "EUR",
        **extra,
    }


def test_three_decimals_in_euros_and_decimals_in_cfa_francs_are_refused(people, projects):
    _oujda, officer = people
    ours, _theirs = projects
    line = budget_line(ours)
    _refused_on("amount", by=officer, **_data(ours, line, amount=Decimal("10.125")))
    messages = _refused_on(
        "amount", by=officer, **_data(ours, line, amount=Decimal("10.50"), currency="XOF")
    )
    assert any("XOF" in m for m in messages)


def test_an_unknown_currency_is_refused(people, projects):
    _oujda, officer = people
    ours, _theirs = projects
    _refused_on("currency", by=officer, **_data(ours, budget_line(ours), currency="XYZ"))


def test_an_expense_outside_the_grant_period_is_refused_on_its_date(people, projects):
    oujda, officer = people
    ours, _theirs = projects
    grant = GrantFactory(
        application__project=ours, start_on=dt.date(2026, 1, 1), end_on=dt.date(2026, 12, 31)
    )
    line = budget_line(ours, grant=grant)
    late = _data(ours, line, spent_on=dt.date(2027, 2, 1))
    messages = _refused_on("spent_on", by=officer, **late)
    assert str(grant) in messages[0]
    # A partner reads why without the grant's name (funding is internal).
    messages = _refused_on("spent_on", by=oujda, **late)
    assert str(grant) not in messages[0]


def test_an_expense_on_a_line_of_another_project_is_refused(people, projects):
    _oujda, officer = people
    ours, theirs = projects
    _refused_on("budget_line", by=officer, **_data(ours, budget_line(theirs)))


def test_a_file_named_pdf_that_is_not_a_pdf_is_refused(people, projects):
    _oujda, officer = people
    ours, _theirs = projects
    fake = SimpleUploadedFile("facture.pdf", b"<html><script>alert(1)</script></html>")
    _refused_on("receipt", by=officer, **_data(ours, budget_line(ours), receipt=fake))


class _Huge(SimpleUploadedFile):
    """An upload that says it weighs 200 MB (what the request handler measured)."""

    @property
    def size(self):
        return 200 * 1024 * 1024

    @size.setter
    def size(self, value):
        pass


def test_a_200_mb_receipt_is_refused_with_the_limit(people, projects):
    _oujda, officer = people
    ours, _theirs = projects
    huge = _Huge("scan.pdf", b"%PDF-1.4\n%%EOF\n")
    messages = _refused_on("receipt", by=officer, **_data(ours, budget_line(ours), receipt=huge))
    assert "200" in messages[0]
    expense_ = expense(ours, by=officer)
    with pytest.raises(ValidationError) as refused:
        ReceiptService.create(data={"expense": expense_, "file": huge}, by=officer)
    assert "file" in _errors(refused.value)


def test_a_too_large_receipt_on_the_page_and_the_api_names_the_field(
    client, people, projects, settings
):
    oujda, _officer = people
    ours, _theirs = projects
    settings.RECEIPT_MAX_BYTES = 100
    line = budget_line(ours)
    client.force_login(oujda)
    big = pdf_upload("gros.pdf", text="x" * 500)
    page = client.post(reverse("finance:expense_create"), _form(ours, line, receipt=big))
    assert page.status_code == 413  # stopped as soon as it passed the limit
    assert "receipt" in page.context["form"].errors
    # A body announcing 200 MB is refused before it is read, the field named.
    huge = client.post(
        reverse("finance:expense_create"),
        _form(ours, line),
        CONTENT_LENGTH=str(200 * 1024 * 1024),
    )
    assert huge.status_code == 413 and huge.context["receipt_error"]
    assert "200" in huge.context["receipt_error"]
    big.seek(0)
    api = client.post("/api/expenses", _form(ours, line, receipt=big))
    assert api.status_code == 400 and "receipt" in api.json()
    assert not Expense.objects.exists() and not Receipt.objects.exists()


def test_a_receipt_already_attached_to_another_expense_is_refused_naming_it(
    client, people, projects
):
    oujda, officer = people
    ours, theirs = projects
    first = expense(ours, by=officer)
    ReceiptService.create(data={"expense": first, "file": pdf_upload(text="même")}, by=officer)
    messages = _refused_on(
        "receipt",
        by=officer,
        **_data(ours, budget_line(ours), receipt=pdf_upload(text="même")),
    )
    assert first.reference in messages[0]
    # The partner is told it is attached elsewhere, named only when it may open it.
    hidden = expense(theirs, by=officer)
    ReceiptService.create(data={"expense": hidden, "file": pdf_upload(text="caché")}, by=None)
    mine = expense(ours, by=oujda)
    with pytest.raises(ValidationError) as refused:
        ReceiptService.create(data={"expense": mine, "file": pdf_upload(text="caché")}, by=oujda)
    message = _errors(refused.value)["file"][0]
    assert hidden.reference not in message
    # Through the API's receipts action: 400 naming `file`.
    client.force_login(officer)
    again = client.post(f"/api/expenses/{mine.pk}/receipts", {"file": pdf_upload(text="même")})
    assert again.status_code == 400 and first.reference in again.json()["file"][0]


def test_an_amount_with_three_decimals_is_a_400_naming_it_on_the_api(client, people, projects):
    _oujda, officer = people
    ours, _theirs = projects
    client.force_login(officer)
    body = {**_form(ours, budget_line(ours)), "amount": "10.125"}
    response = client.post("/api/expenses", body, content_type="application/json")
    assert response.status_code == 400 and "amount" in response.json()
    body = {**body, "amount": "10.00", "currency": "XYZ"}
    response = client.post("/api/expenses", body, content_type="application/json")
    assert response.status_code == 400 and "currency" in response.json()
    body = {**body, "currency": "EUR", "budget_line": 99999999999999999999}
    response = client.post("/api/expenses", body, content_type="application/json")
    assert response.status_code == 400 and "budget_line" in response.json()
    assert not Expense.objects.exists()


# -- eligibility --------------------------------------------------------------------------


def test_eligibility_states_the_grants_rules_in_words(client, people, projects):
    _oujda, officer = people
    ours, _theirs = projects
    grant = GrantFactory(
        application__project=ours,
        application__call__instrument__ineligible_cost_categories=[CostCategory.EQUIPMENT],
        application__call__instrument__eligible_countries=["SN"],
    )
    line = budget_line(ours, grant=grant, category=CostCategory.EQUIPMENT)
    made = expense(ours, line=line, by=officer)
    problems = expense_eligibility(made, officer)
    assert {p.field for p in problems} == {"budget_line", "project"}
    # A grant's period that moved since: the expense now falls outside it.
    type(grant).all_objects.filter(pk=grant.pk).update(end_on=dt.date(2026, 2, 1))
    made.refresh_from_db()
    assert "spent_on" in {p.field for p in expense_eligibility(made, officer)}
    client.force_login(officer)
    page = client.get(made.get_absolute_url())
    assert page.status_code == 200
    assert problems[0].message in page.content.decode()
    api = client.get(f"/api/expenses/{made.pk}").json()
    assert {p["field"] for p in api["eligibility"]} == {"budget_line", "project", "spent_on"}


# -- the officers' queue and home page ----------------------------------------------------


def test_the_queue_and_the_home_page_show_what_waits_for_the_officers(client, people, projects):
    oujda, officer = people
    ours, _theirs = projects
    waiting = expense(ours, by=oujda, status=ExpenseStatus.SUBMITTED)
    expense(ours, by=oujda)  # a draft: not waiting
    client.force_login(officer)
    queue = client.get(reverse("finance:expense_queue"))
    assert queue.status_code == 200 and waiting.reference in queue.content.decode()
    assert "Dépenses à valider" in queue.content.decode()  # French by default
    detail = client.get(waiting.get_absolute_url()).content.decode()
    assert "Éligibilité" in detail and "Renvoyer avec un commentaire" in detail
    home = client.get("/").content.decode()
    assert reverse("finance:expense_queue") in home
    assert "1 dépense attend une validation" in home
    client.force_login(oujda)
    assert client.get(reverse("finance:expense_queue")).status_code == 403
    assert reverse("finance:expense_queue") not in client.get("/").content.decode()


# -- import from a file ------------------------------------------------------------------


def _preview(text: str, user):
    import io

    from maillage.core.imports import build_preview, read_table
    from maillage.core.imports.mapping import auto_mapping
    from maillage.core.imports.preview import sheet_headers
    from maillage.finance.imports_expenses import ExpenseImporter

    sheet = read_table(io.BytesIO(text.encode()))
    mapping = auto_mapping(sheet_headers(sheet, 0), ExpenseImporter)
    importer = ExpenseImporter(user)
    return importer, build_preview(importer, sheet, mapping)


def test_an_import_reads_comma_decimals_and_names_an_unknown_line_per_row(people, projects):
    from maillage.core.imports import ImportAborted, commit

    oujda, _officer = people
    ours, _theirs = projects
    budget_line(ours, code="DEP-MIS", currency="MAD")
    text = (
        "Projet;Date;Ligne;Bénéficiaire;Libellé;Montant\n"
        "LIL-OUJ;12/03/2026;DEP-MIS;Hôtel Atlas;Nuits d'hôtel;1 234,50\n"
        "LIL-OUJ;13/03/2026;INCONNUE;Taxi;Course;80,00\n"
        "SAHEL;14/03/2026;DEP-MIS;Taxi;Course;10,00\n"
    )
    importer, preview = _preview(text, oujda)
    assert preview.rows[0].values["amount"] == Decimal("1234.50")
    assert preview.rows[0].values["currency"] == "MAD"  # the line's, left empty
    assert not preview.rows[0].has_errors
    second = [i.message for i in preview.rows[1].issues if i.level == "error"]
    assert len(second) == 1 and "INCONNUE" in second[0]
    third = [i.message for i in preview.rows[2].issues if i.level == "error"]
    assert len(third) == 1 and "SAHEL" in third[0]  # not a project of the partner's
    with pytest.raises(ImportAborted):
        commit(importer, preview)
    assert not Expense.objects.exists()  # all or nothing

    importer, preview = _preview(text.split("LIL-OUJ;13/03")[0], oujda)
    outcomes = commit(importer, preview)
    made = Expense.objects.get()
    assert [o.action for o in outcomes] == ["created"]
    assert made.status == ExpenseStatus.DRAFT and made.entered_by == oujda
    assert made.reference == "DEP-2026-0001" and made.charges.get().amount == made.amount


# -- queries do not grow with the rows ---------------------------------------------------


def test_the_list_queue_detail_and_api_make_constant_queries(client, people, projects):
    from tests.querycount import assert_constant_queries

    oujda, officer = people
    ours, _theirs = projects
    grant = GrantFactory(application__project=ours)
    line = budget_line(ours, grant=grant, grant_share=Decimal("5000.00"))
    record = expense(ours, line=line, by=oujda, status=ExpenseStatus.SUBMITTED)

    def more(n):
        for _ in range(n):
            expense(ours, line=line, by=oujda, status=ExpenseStatus.SUBMITTED)

    client.force_login(officer)
    assert_constant_queries(client, reverse("finance:expense_list"), grow=more)
    assert_constant_queries(client, reverse("finance:expense_queue"), grow=more)
    assert_constant_queries(client, "/api/expenses", grow=more)

    def receipts(n):
        for _ in range(n):
            ReceiptService.create(data={"expense": record, "file": pdf_upload()}, by=None)

    assert_constant_queries(client, record.get_absolute_url(), grow=receipts, rows=(1, 6))
    assert_constant_queries(client, f"/api/expenses/{record.pk}", grow=receipts, rows=(1, 6))
    client.force_login(oujda)
    assert_constant_queries(client, reverse("finance:expense_list"), grow=more)


# -- the splits page and the receipts' rows ----------------------------------------------


def test_the_splits_page_saves_only_splits_adding_up_to_the_amount(client, people, projects):
    _oujda, officer = people
    ours, _theirs = projects
    grant = GrantFactory(application__project=ours)
    made = expense(ours, by=officer, amount=Decimal("100.00"))
    url = reverse("finance:expense_charges", args=[made.pk])
    client.force_login(officer)
    assert client.get(url).status_code == 200

    def rows(*shares):
        data = {
            "version": made.version,
            "charges-TOTAL_FORMS": str(len(shares)),
            "charges-INITIAL_FORMS": "0",
            "charges-MIN_NUM_FORMS": "0",
            "charges-MAX_NUM_FORMS": "20",
        }
        for index, (grant_, amount) in enumerate(shares):
            data[f"charges-{index}-grant"] = grant_.pk if grant_ else ""
            data[f"charges-{index}-amount"] = amount
        return data

    before = list(made.charges.values_list("amount", flat=True))
    assert client.post(url, rows((grant, "60.00"), (None, "30.00"))).status_code == 422
    assert list(made.charges.values_list("amount", flat=True)) == before
    assert client.post(url, rows((grant, "60.00"), (None, "40.00"))).status_code == 302
    shares = {c.grant_id: c.amount for c in made.charges.all()}
    assert shares == {grant.pk: Decimal("60.00"), None: Decimal("40.00")}


def test_a_receipt_added_on_the_page_is_checked_like_every_other(client, people, projects):
    oujda, _officer = people
    ours, _theirs = projects
    mine = expense(ours, by=oujda)
    client.force_login(oujda)
    url = reverse("finance:receipt_add", args=[mine.pk])
    assert client.post(url, {"file": pdf_upload("a.pdf", text="r1")}).status_code == 302
    again = client.post(url, {"file": pdf_upload("b.pdf", text="r1")})
    assert again.status_code == 422 and "file" in again.context["form"].errors
    fake = SimpleUploadedFile("c.pdf", b"MZ\x90\x00 not a pdf")
    assert client.post(url, {"file": fake}).status_code == 422
    assert mine.receipts.count() == 1
    receipt = mine.receipts.get()
    delete = reverse("finance:receipt_delete", args=[mine.pk, receipt.pk])
    assert client.post(delete).status_code == 302 and not mine.receipts.exists()


def test_a_partner_filtering_by_line_category_or_code_sees_its_own_expenses_of_them(
    client, people, projects
):
    """The line filters read the partner's own lines first (ExpenseFilterSet.filter_line):
    the same rows as through every line, on the page and in the API."""
    oujda, officer = people
    ours, theirs = projects
    mine = expense(ours, line=budget_line(ours, code="S1", category=CostCategory.STAFF))
    other_line = expense(ours, line=budget_line(ours, code="T1", category=CostCategory.TRAVEL))
    hidden = expense(theirs, line=budget_line(theirs, code="S1", category=CostCategory.STAFF))
    for user, seen in ((oujda, {mine.pk}), (officer, {mine.pk, hidden.pk})):
        client.force_login(user)
        for query in ("category=staff", "line_code=s1"):
            api = client.get(f"/api/expenses?{query}").json()
            assert {row["id"] for row in api["results"]} == seen, (user, query)
            page = client.get(f"{reverse('finance:expense_list')}?{query}").content.decode()
            assert mine.reference in page and other_line.reference not in page
            assert (hidden.reference in page) == (user == officer), (user, query)
