"""Exchange rates: the table, its CSV import (Bank Al-Maghrib's dirham series), the ECB's
reference file (read from the real file), the daily schedule, and the refusals."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation

from maillage.core import scheduler
from maillage.core.imports import build_preview, commit, read_table
from maillage.core.imports.mapping import auto_mapping
from maillage.core.imports.preview import sheet_headers
from maillage.finance import ecb
from maillage.finance.imports_rates import ExchangeRateImporter
from maillage.finance.models import ExchangeRate
from maillage.finance.services.rates import ExchangeRateService, import_ecb_rates
from tests.finance.factories_budgets import rate

pytestmark = pytest.mark.django_db

ECB_FILE = Path(__file__).resolve().parents[3] / "shared" / "data" / "fx" / "eurofxref-hist.csv"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def preview_of(text: str):
    sheet = read_table(io.BytesIO(text.encode()))
    mapping = auto_mapping(sheet_headers(sheet, 0), ExchangeRateImporter)
    return build_preview(ExchangeRateImporter(), sheet, mapping)


def errors(preview) -> list[str]:
    return [str(i) for i in preview.issues() if i.level == "error"]


def test_comma_decimal_in_the_csv_accepted():
    preview = preview_of("date;devise;taux\n02/03/2026;MAD;10,8523\n03/03/2026;MAD;10.86\n")
    assert preview.is_clean, errors(preview)
    commit(ExchangeRateImporter(), preview)
    rates = list(
        ExchangeRate.objects.order_by("on").values_list("on", "currency", "rate", "source")
    )
    assert rates == [
        (dt.date(2026, 3, 2), "MAD", Decimal("10.8523"), "import"),
        (dt.date(2026, 3, 3), "MAD", Decimal("10.86"), "import"),
    ]


def test_bank_al_maghrib_rows_keep_their_source():
    preview = preview_of("date;currency;rate;source\n2026-03-02;MAD;10,85;bam\n")
    assert preview.is_clean, errors(preview)
    commit(ExchangeRateImporter(), preview)
    assert ExchangeRate.objects.get().source == "bam"


def test_csv_rows_in_error_are_named_and_nothing_is_written():
    preview = preview_of(
        "date;currency;rate\n2026-03-02;MAD;10,85\n2026-03-03;XYZ;1\n2026-03-04;XOF;655\n"
        "2026-03-05;MAD;-3\n31/02/2026;MAD;10\n"
    )
    found = "\n".join(errors(preview))
    assert "Row 3" in found and "XYZ" in found  # unknown currency
    assert "Row 4" in found and "655.957" in found  # the CFA franc needs no rate
    assert "Row 5" in found and "positive" in found
    assert "Row 6" in found  # no 31 February
    with pytest.raises(Exception, match="errors"):
        commit(ExchangeRateImporter(), preview)
    assert not ExchangeRate.objects.exists()


def test_a_rate_already_in_the_table_is_a_duplicate_at_the_preview():
    rate("MAD", "10.80", dt.date(2026, 3, 2))
    preview = preview_of("date;currency;rate\n2026-03-02;MAD;10,85\n")
    assert len(preview.duplicates()) == 1


def test_unknown_currency_refused_naming_the_field():
    with pytest.raises(ValidationError) as refused:
        ExchangeRateService.create(
            data={"on": dt.date(2026, 3, 2), "currency": "XYZ", "rate": Decimal("2")}, by=None
        )
    assert "currency" in refused.value.message_dict


def test_a_cfa_franc_rate_is_refused_naming_the_currency():
    with pytest.raises(ValidationError) as refused:
        rate("XOF", "655.957", dt.date(2026, 3, 2))
    assert "655.957" in refused.value.message_dict["currency"][0]


def test_two_rates_of_one_currency_on_one_day_are_refused():
    rate("MAD", "10.80", dt.date(2026, 3, 2))
    with pytest.raises(ValidationError) as refused:
        rate("MAD", "10.90", dt.date(2026, 3, 2))
    assert "already has a rate on this date" in str(refused.value)


# -- the ECB's file --------------------------------------------------------------------


def test_the_real_ecb_file_is_read_without_na_and_without_dirham():
    rows = list(ecb.read_rates(ecb.unpack(ECB_FILE.read_bytes())))
    days = {on for on, _c, _r in rows}
    assert len(days) == 7126
    assert min(days) == dt.date(1999, 1, 4) and max(days) == dt.date(2026, 10, 30)
    quoted = {(on, c): r for on, c, r in rows}
    assert quoted[(dt.date(2026, 10, 30), "USD")] == Decimal("1.1172")
    assert quoted[(dt.date(2026, 10, 30), "JPY")] == Decimal("175.68")
    assert (dt.date(2026, 10, 30), "BGN") not in quoted  # N/A: last quoted 2025-12-31
    assert quoted[(dt.date(2025, 12, 31), "BGN")] > 0
    assert not {c for _on, c, _r in rows} & {"MAD", "XOF", "XAF"}
    assert all(isinstance(r, Decimal) and r > 0 for _on, _c, r in rows)


def test_a_file_that_is_not_the_ecbs_is_refused_with_its_line():
    with pytest.raises(ecb.EcbFileError, match="Date"):
        list(ecb.read_rates("Jour,USD\n2026-01-02,1.1\n"))
    with pytest.raises(ecb.EcbFileError, match="Line 3"):
        list(ecb.read_rates("Date,USD,\n2026-01-02,1.1,\n2026-01-01,abc,\n"))


def test_the_ecb_zip_is_unpacked():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("eurofxref-hist.csv", "Date,USD,\n2026-01-02,1.1,\n")
    assert list(ecb.read_rates(ecb.unpack(buffer.getvalue()))) == [
        (dt.date(2026, 1, 2), "USD", Decimal("1.1"))
    ]


def test_the_command_imports_the_real_file_from_a_date_and_again_changes_nothing():
    out = io.StringIO()
    call_command("import_ecb_rates", file=str(ECB_FILE), since=dt.date(2026, 10, 1), stdout=out)
    stored = ExchangeRate.objects.filter(source="ecb")
    days = set(stored.values_list("on", flat=True))
    assert min(days) == dt.date(2026, 10, 1) and max(days) == dt.date(2026, 10, 30)
    assert stored.get(on=dt.date(2026, 10, 30), currency="USD").rate == Decimal("1.1172")
    assert not stored.filter(currency__in=["MAD", "XOF", "BGN"]).exists()
    count = stored.count()
    assert f"{count} rate(s) created" in out.getvalue()
    out = io.StringIO()
    call_command("import_ecb_rates", file=str(ECB_FILE), since=dt.date(2026, 10, 1), stdout=out)
    assert "0 rate(s) created, 0 updated" in out.getvalue()
    assert ExchangeRate.objects.count() == count


def test_a_rate_the_ecb_corrected_is_updated_with_its_history():
    day = dt.date(2026, 10, 30)
    typed = rate("USD", "1.2000", day, source="manual")
    result = import_ecb_rates([(day, "USD", Decimal("1.1172"))])
    assert (result.created, result.updated) == (0, 1)
    typed.refresh_from_db()
    assert (typed.rate, typed.source) == (Decimal("1.1172"), "ecb")
    assert typed.history.count() == 2


def test_the_ecb_import_is_scheduled_every_day():
    schedule = scheduler.SCHEDULES["finance.import_ecb_rates"]
    assert schedule.handler == "maillage.finance.jobs_rates.import_ecb_rates"
    assert schedule.daily_at == dt.time(17, 30)


def test_without_a_file_the_command_downloads_the_ecbs(monkeypatch):
    sent = ECB_FILE.read_bytes()
    monkeypatch.setattr(ecb, "download", lambda: sent)
    call_command("import_ecb_rates", since=dt.date(2026, 10, 29), stdout=io.StringIO())
    assert ExchangeRate.objects.filter(on=dt.date(2026, 10, 29), currency="USD").exists()
