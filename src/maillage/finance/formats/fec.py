"""The French accounting-entries file (FEC, *fichier des écritures comptables*): writer
and reader, as small pure functions on plain values (no model here: `finance.fec`
turns validated expenses into `FecExpense` values and calls these).

The layout is the legal one (Livre des procédures fiscales, article A47 A-1): the 18
columns below in this order, the first line naming them; columns separated by a tab (or a
vertical bar); dates as YYYYMMDD; amounts with a decimal comma and no thousands separator,
in Debit and Credit columns (one of the two zero); every entry — same JournalCode and
EcritureNum — balanced; entries in ascending validation order. Text is written as UTF-8
(the file says nothing of its encoding: the accountant is told, as the text requires).

Accounts (plan comptable général). Each validated expense makes two entries:

- in the purchases journal `AC`, on the date of the expense: the expense account of its
  cost category (class 6, `EXPENSE_ACCOUNTS`) debited, the supplier account 401 credited
  (with the payee as auxiliary account);
- in the bank journal `BQ` (or the cash journal `CA` for a cash payment), on the same date:
  401 debited, the bank 512 (or cash 530) credited. The two 401 lines share a matching
  code (EcritureLet), since the payment settles the invoice.

An in-kind contribution moves no money: one entry in the journal `CV`, account 864
(*personnel bénévole* and other voluntary contributions used) debited against 875
(*bénévolat*, contributions received), as the associations' chart (ANC 2018-06) has it.

A counter-entry (an expense of negative amount, correcting a validated one) is written
with the sides swapped, so that every amount in the file is positive.

Amounts are in euros (the accounting currency); an expense in another currency carries its
own amount and ISO code in Montantdevise and Idevise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

COLUMNS: tuple[str, ...] = (
    "JournalCode",
    "JournalLib",
    "EcritureNum",
    "EcritureDate",
    "CompteNum",
    "CompteLib",
    "CompAuxNum",
    "CompAuxLib",
    "PieceRef",
    "PieceDate",
    "EcritureLib",
    "Debit",
    "Credit",
    "EcritureLet",
    "DateLet",
    "ValidDate",
    "Montantdevise",
    "Idevise",
)
SEPARATORS = ("\t", "|")
ACCOUNTING_CURRENCY = "EUR"
CENT = Decimal("0.01")

# Cost category (funding.CostCategory values) → expense account of the PCG, with its
# label. The categories are the funders' eligible-cost ones; the accounts are where a
# French accountant books such a cost.
EXPENSE_ACCOUNTS: dict[str, tuple[str, str]] = {
    "staff": ("641000", "Rémunérations du personnel"),
    "travel": ("625100", "Voyages et déplacements"),
    "equipment": ("606300", "Fournitures d'entretien et de petit équipement"),
    "works": ("615000", "Entretien et réparations"),
    "services": ("622600", "Honoraires"),
    "training": ("618500", "Frais de colloques, séminaires, conférences"),
    "communication": ("623000", "Publicité, publications, relations publiques"),
    "overheads": ("628000", "Divers"),
    "contingency": ("658000", "Charges diverses de gestion courante"),
    "other": ("658000", "Charges diverses de gestion courante"),
}
IN_KIND_CATEGORY = "in_kind"
IN_KIND_USED = ("864000", "Personnel bénévole")
IN_KIND_RECEIVED = ("875000", "Bénévolat")
SUPPLIERS = ("401000", "Fournisseurs")
BANK = ("512000", "Banque")
CASH = ("530000", "Caisse")
# Payee without an organisation in the CRM: one auxiliary account for them all.
SUNDRY_SUPPLIER = "FDIVERS"

JOURNALS: dict[str, str] = {
    "AC": "Achats",
    "BQ": "Banque",
    "CA": "Caisse",
    "CV": "Contributions volontaires en nature",
}


@dataclass(frozen=True)
class FecExpense:
    """What the FEC needs of one validated expense, already converted to euros."""

    reference: str
    spent_on: dt.date
    validated_on: dt.date
    description: str
    category: str  # a funding.CostCategory value
    amount_eur: Decimal  # negative for a counter-entry
    amount: Decimal  # in `currency`
    currency: str
    payee_key: str  # auxiliary account number ("" for the sundry suppliers' one)
    payee_name: str
    cash: bool = False  # paid in cash: the cash journal and account 530


@dataclass(frozen=True)
class FecLine:
    """One line of the file: the 18 columns as values (formatted by `format_line`)."""

    journal_code: str
    journal_lib: str
    entry_number: str
    entry_on: dt.date
    account: str
    account_label: str
    aux_account: str
    aux_label: str
    piece_ref: str
    piece_on: dt.date
    label: str
    debit: Decimal
    credit: Decimal
    matching: str
    matched_on: dt.date | None
    validated_on: dt.date
    foreign_amount: Decimal | None
    foreign_currency: str


def format_date(day: dt.date | None) -> str:
    """YYYYMMDD, or empty for no date."""
    return day.strftime("%Y%m%d") if day else ""


def format_amount(amount: Decimal | None) -> str:
    """Two decimals, a decimal comma, no thousands separator ("1234,50"); empty for none."""
    if amount is None:
        return ""
    return format(amount.quantize(CENT), "f").replace(".", ",")


def clean_text(text: str) -> str:
    """A text cell without the separators or line ends that would break the layout."""
    for char in ("\t", "|", "\r", "\n"):
        text = text.replace(char, " ")
    return " ".join(text.split())


def format_line(line: FecLine) -> list[str]:
    """The 18 cells of a line, in the legal order."""
    return [
        line.journal_code,
        clean_text(line.journal_lib),
        line.entry_number,
        format_date(line.entry_on),
        line.account,
        clean_text(line.account_label),
        line.aux_account,
        clean_text(line.aux_label),
        clean_text(line.piece_ref),
        format_date(line.piece_on),
        clean_text(line.label),
        format_amount(line.debit),
        format_amount(line.credit),
        line.matching,
        format_date(line.matched_on),
        format_date(line.validated_on),
        format_amount(line.foreign_amount),
        line.foreign_currency,
    ]


def _sides(amount: Decimal) -> tuple[Decimal, Decimal]:
    """(debit, credit) of the line that is debited for a positive amount."""
    amount = amount.quantize(CENT)
    return (amount, Decimal("0.00")) if amount >= 0 else (Decimal("0.00"), -amount)


def expense_entries(
    expense: FecExpense, numbers: dict[str, int], *, matching: str = ""
) -> list[FecLine]:
    """The balanced entries of one expense (see the module's text); `numbers` holds the
    last entry number of each journal and is advanced."""
    foreign = expense.currency != ACCOUNTING_CURRENCY
    foreign_amount = abs(expense.amount) if foreign else None
    foreign_currency = expense.currency if foreign else ""
    debit, credit = _sides(expense.amount_eur)
    label = clean_text(f"{expense.reference} {expense.description}")[:200]

    def line(
        journal: str,
        account: tuple[str, str],
        *,
        debit_side: bool,
        aux: tuple[str, str] = ("", ""),
        letter: str = "",
    ) -> FecLine:
        return FecLine(
            journal_code=journal,
            journal_lib=JOURNALS[journal],
            entry_number=f"{journal}{numbers[journal]:06d}",
            entry_on=expense.spent_on,
            account=account[0],
            account_label=account[1],
            aux_account=aux[0],
            aux_label=aux[1],
            piece_ref=expense.reference,
            piece_on=expense.spent_on,
            label=label,
            debit=debit if debit_side else credit,
            credit=credit if debit_side else debit,
            matching=letter,
            matched_on=expense.spent_on if letter else None,
            validated_on=expense.validated_on,
            foreign_amount=foreign_amount,
            foreign_currency=foreign_currency,
        )

    if expense.category == IN_KIND_CATEGORY:
        numbers["CV"] = numbers.get("CV", 0) + 1
        return [
            line("CV", IN_KIND_USED, debit_side=True),
            line("CV", IN_KIND_RECEIVED, debit_side=False),
        ]
    account = EXPENSE_ACCOUNTS.get(expense.category, EXPENSE_ACCOUNTS["other"])
    supplier = (expense.payee_key or SUNDRY_SUPPLIER, expense.payee_name)
    payment_journal, payment_account = ("CA", CASH) if expense.cash else ("BQ", BANK)
    numbers["AC"] = numbers.get("AC", 0) + 1
    numbers[payment_journal] = numbers.get(payment_journal, 0) + 1
    return [
        line("AC", account, debit_side=True),
        line("AC", SUPPLIERS, debit_side=False, aux=supplier, letter=matching),
        line(payment_journal, SUPPLIERS, debit_side=True, aux=supplier, letter=matching),
        line(payment_journal, payment_account, debit_side=False),
    ]


def matching_code(index: int) -> str:
    """Letters AA, AB, … ZZ, AAA…: the matching codes of the supplier lines, in order."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    width = 2
    while index >= 26**width:
        index -= 26**width
        width += 1
    code = ""
    for _ in range(width):
        index, rest = divmod(index, 26)
        code = letters[rest] + code
    return code


def fec_lines(expenses: Iterable[FecExpense]) -> Iterator[FecLine]:
    """The lines of every expense, entries numbered per journal in the order given
    (the caller sorts by validation)."""
    numbers: dict[str, int] = {}
    for index, expense in enumerate(expenses):
        yield from expense_entries(expense, numbers, matching=matching_code(index))


def write_fec(lines: Iterable[FecLine], *, separator: str = "\t") -> str:
    """The file's text: the column names, then one line per entry line."""
    if separator not in SEPARATORS:
        raise ValueError(f"FEC separator must be a tab or a vertical bar, not {separator!r}")
    out = [separator.join(COLUMNS)]
    out.extend(separator.join(format_line(line)) for line in lines)
    return "\r\n".join(out) + "\r\n"


def file_name(siren: str, closing_on: dt.date) -> str:
    """`<SIREN>FEC<YYYYMMDD>.txt`, the date being the close of the financial year."""
    return f"{siren}FEC{format_date(closing_on)}.txt"


# --- Reading back (tests, and a check before handing the file over) ---------------------


def parse_amount(text: str) -> Decimal:
    return Decimal(text.replace(",", ".")) if text else Decimal("0")


def read_fec(text: str) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows of a FEC text (tab or bar separated, told by its header)."""
    lines = [line for line in text.replace("\r\n", "\n").split("\n") if line]
    if not lines:
        return [], []
    separator = "\t" if "\t" in lines[0] else "|"
    header = lines[0].lstrip("\ufeff").split(separator)
    rows = [dict(zip(header, line.split(separator), strict=True)) for line in lines[1:]]
    return header, rows


def entry_totals(rows: Sequence[dict[str, str]]) -> dict[tuple[str, str], tuple[Decimal, Decimal]]:
    """(debit, credit) per entry (JournalCode, EcritureNum)."""
    totals: dict[tuple[str, str], tuple[Decimal, Decimal]] = {}
    for row in rows:
        key = (row["JournalCode"], row["EcritureNum"])
        debit, credit = totals.get(key, (Decimal("0"), Decimal("0")))
        totals[key] = (debit + parse_amount(row["Debit"]), credit + parse_amount(row["Credit"]))
    return totals


def unbalanced_entries(rows: Sequence[dict[str, str]]) -> list[tuple[str, str]]:
    """The entries whose debits and credits differ: none in a valid file."""
    return [key for key, (debit, credit) in entry_totals(rows).items() if debit != credit]


def file_totals(rows: Sequence[dict[str, str]]) -> tuple[Decimal, Decimal]:
    """(total debit, total credit) of the whole file."""
    debit = sum((parse_amount(row["Debit"]) for row in rows), Decimal("0"))
    credit = sum((parse_amount(row["Credit"]) for row in rows), Decimal("0"))
    return debit, credit
