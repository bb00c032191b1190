"""SIREN and SIRET are checked by their checksum; phones are stored as E.164."""

import pytest
from django.core.exceptions import ValidationError

from maillage.actors.identifiers import (
    display_phone,
    normalise_phone,
    validate_siren,
    validate_siret,
)


@pytest.mark.parametrize("siren", ["217 701 473", "217701473", "356000000"])
def test_valid_sirens_pass(siren):
    validate_siren(siren)


@pytest.mark.parametrize("siren", ["217701474", "12345678", "21770147A"])
def test_a_siren_with_a_bad_checksum_or_length_is_refused(siren):
    with pytest.raises(ValidationError):
        validate_siren(siren)


def test_a_valid_siret_passes_and_one_wrong_digit_fails():
    validate_siret("21770147300019")
    with pytest.raises(ValidationError, match=r"clé de contrôle"):
        validate_siret("21770147300018")


def test_la_poste_sirets_follow_their_own_rule():
    validate_siret("35600000000010")  # La Poste: digits sum to a multiple of 5
    with pytest.raises(ValidationError):
        validate_siret("35600000000011")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("03 20 49 50 00", "+33320495000"),
        ("+212 5 36 68 23 11", "+212536682311"),
        ("0033 3 20 49 50 00", "+33320495000"),
    ],
)
def test_phones_are_stored_as_e164(typed, stored):
    assert normalise_phone(typed) == stored


def test_a_bad_phone_is_refused_and_a_stored_one_displays_readably():
    with pytest.raises(ValidationError):
        normalise_phone("12")
    assert display_phone("+33320495000") == "+33 3 20 49 50 00"


@pytest.mark.parametrize("value", ["²13303183", "٢١٣٣٠٣١٨٣"])
def test_digits_of_other_scripts_are_refused_not_a_crash(value):
    with pytest.raises(ValidationError):
        validate_siren(value)
    with pytest.raises(ValidationError):
        validate_siret(value + "00017")
