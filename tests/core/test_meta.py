"""The typed reads of a model's fields say what they found, or refuse loudly."""

import pytest
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured

from maillage.core.meta import max_length, model_field, related_model
from maillage.core.models import Codelist, CodelistItem


def test_a_declared_field_is_found_on_the_model_and_on_a_record():
    assert model_field(CodelistItem, "code").name == "code"
    assert model_field(CodelistItem(), "codelist").name == "codelist"


def test_a_relation_from_another_model_is_not_a_field_here():
    with pytest.raises(FieldDoesNotExist):
        model_field(Codelist, "items")


def test_a_foreign_key_points_to_its_model_class():
    assert related_model(model_field(CodelistItem, "codelist")) is Codelist
    assert related_model(Codelist._meta.get_field("items")) is CodelistItem


def test_a_text_column_has_its_declared_maximum_length():
    assert max_length(Codelist, "name") == 100


def test_a_column_without_maximum_length_is_refused():
    with pytest.raises(ImproperlyConfigured):
        max_length(Codelist, "loaded_at")
