"""French company identifiers (SIREN, SIRET), phone numbers and language codes, checked
and normalised."""

from __future__ import annotations

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from maillage.core.formatting import format_phone

# La Poste's establishments use a SIRET that fails Luhn but whose digits sum to a multiple of 5.
LA_POSTE_SIREN = "356000000"


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def is_digits(value: str) -> bool:
    """Only 0 to 9 (not "²" nor other scripts' digits, which str.isdigit accepts)."""
    return value.isascii() and value.isdigit()


def clean_digits(value: str) -> str:
    return "".join(value.split()).replace(".", "").replace("-", "")


def validate_siren(value: str) -> None:
    digits = clean_digits(value)
    if len(digits) != 9 or not is_digits(digits):
        raise ValidationError(_("A SIREN has 9 digits."), code="siren_length")
    if not luhn_valid(digits):
        raise ValidationError(
            _("This SIREN is not valid: its check digit is wrong (typing error?)."),
            code="siren_checksum",
        )


def validate_siret(value: str) -> None:
    digits = clean_digits(value)
    if len(digits) != 14 or not is_digits(digits):
        raise ValidationError(_("A SIRET has 14 digits."), code="siret_length")
    if digits.startswith(LA_POSTE_SIREN):
        valid = sum(int(c) for c in digits) % 5 == 0
    else:
        valid = luhn_valid(digits) and luhn_valid(digits[:9])
    if not valid:
        raise ValidationError(
            _("This SIRET is not valid: its check digit is wrong (typing error?)."),
            code="siret_checksum",
        )


def normalise_phone(value: str, default_region: str = "FR") -> str:
    """Any written form of a phone number → E.164 ("+33320495000"), or ValidationError."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, default_region or "FR")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(
            _("“%(value)s” is not a phone number."), params={"value": value}, code="phone"
        ) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("“%(value)s” is not a valid phone number (add the country code, e.g. +212)."),
            params={"value": value},
            code="phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_languages(value: str) -> str:
    """ "FR, ar fr" → "fr ar": lowercase codes, once each, separated by spaces (the model
    checks that each is a known ISO code)."""
    codes = (value or "").replace(",", " ").replace(";", " ").lower().split()
    return " ".join(dict.fromkeys(codes))


def display_phone(value: str) -> str:
    """ "+33320960857" → "+33 3 20 96 08 57" (`core.formatting.format_phone`)."""
    return format_phone(value)
