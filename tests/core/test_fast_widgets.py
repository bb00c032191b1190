"""What a list renders in Python instead of templates reads exactly as Django's: the choice
widgets of the filters (core/widgets.py) and the labels of fixed choices in the cells
(core/formatting.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import django_filters
import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from maillage.core import widgets
from maillage.core.filters import FilterSet, YesNoSelect
from maillage.core.formatting import display_value, export_value
from maillage.core.models import CodelistItem
from maillage.core.reference import country_choices

HOSTILE = "Fish & <chips> \"quoted\" 'single'"
FLAT = [("", "All"), ("a", "Alpha"), ("b&c", HOSTILE), (3, "Three"), ("d", gettext_lazy("Yes"))]
GROUPED = [
    ("", "—"),
    ("Europe", [("fr", "France"), ("de", "Germany & co")]),
    (HOSTILE, [("x<y", "X < Y"), (None, "None value")]),
    ("z", "Zed"),
]
ODD = [
    ("safe", mark_safe("<b>bold</b>")),
    (Decimal("1.5"), Decimal("2.5")),
    (7, 1234),
    ("d", dt.date(2026, 3, 1)),
]
PAIRS = [
    (forms.Select, widgets.Select),
    (forms.SelectMultiple, widgets.SelectMultiple),
    (forms.RadioSelect, widgets.RadioSelect),
    (forms.CheckboxSelectMultiple, widgets.CheckboxSelectMultiple),
]
VALUES: list[Any] = [None, "", "a", "b&c", 3, ["a", "d"], ("fr", "x<y"), ["de", "z"], "None"]
ATTRS: list[dict[str, Any] | None] = [
    None,
    {"id": "id_field"},
    {"id": "id_f", "required": True, "aria-describedby": "id_f_helptext", "class": 'a"b'},
    {"id": "", "disabled": False, "data-x": "<&>"},
]


@pytest.mark.parametrize(("stock", "fast"), PAIRS, ids=[p[0].__name__ for p in PAIRS])
@pytest.mark.parametrize(
    "choices", [FLAT, GROUPED, ODD, []], ids=["flat", "grouped", "odd", "none"]
)
@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize("attrs", ATTRS)
def test_a_fast_widget_writes_django_s_html(stock, fast, choices, value, attrs):
    own = {"class": "own", "title": "T&T"}
    expected = stock(attrs=own, choices=choices).render("field", value, attrs=attrs)
    got = fast(attrs=own, choices=choices).render("field", value, attrs=attrs)
    assert got == expected
    assert ("<option" in got or "<input" in got) == bool(choices)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_country_list_reads_the_same_in_each_language(language):
    with override(language):
        stock = forms.Select(choices=[("", "All"), *country_choices()]).render("country", "FR")
        fast = widgets.Select(choices=[("", "All"), *country_choices()]).render("country", "FR")
    assert fast == stock
    assert fast.count("<option") == len(country_choices()) + 1
    assert ' value="FR" selected>' in fast


def test_a_single_select_marks_only_its_first_match_selected():
    choices = [("a", "A"), ("a", "A again")]
    html = widgets.Select(choices=choices).render("f", "a")
    assert html.count(" selected") == 1
    assert html == forms.Select(choices=choices).render("f", "a")


def test_a_subclass_with_its_own_option_template_keeps_django_s_rendering():
    class Custom(widgets.Select):
        option_template_name = "django/forms/widgets/select_option.html"
        template_name = "django/forms/widgets/select.html"

        def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
            option = super().create_option(*args, **kwargs)
            option["attrs"]["data-own"] = "1"
            return option

    html = Custom(choices=FLAT).render("f", "a")
    assert html.count('data-own="1"') == len(FLAT)


def test_the_yes_no_select_is_fast_and_reads_as_before():
    stock = forms.Select(choices=YesNoSelect().choices)
    assert isinstance(YesNoSelect(), widgets.Select)
    for value, chosen in ((True, "true"), ("false", "false"), (None, "")):
        html = YesNoSelect().render("active", value)
        assert html == stock.render("active", chosen)
        assert f'<option value="{chosen}" selected>' in html


class _Filters(FilterSet):
    kind = django_filters.MultipleChoiceFilter(
        choices=FLAT[1:], widget=forms.CheckboxSelectMultiple
    )
    country = django_filters.ChoiceFilter(choices=country_choices, empty_label="All")
    many = django_filters.MultipleChoiceFilter(choices=GROUPED[1:])
    radio = django_filters.ChoiceFilter(choices=FLAT[1:], widget=forms.RadioSelect(attrs={"x": 1}))
    active = django_filters.BooleanFilter()

    class Meta:
        model = CodelistItem
        fields: list[str] = []


def test_the_kit_s_filters_render_their_choices_with_the_fast_widgets():
    form = _Filters(data={"kind": ["a", "d"], "country": "FR", "many": ["de"]}).form
    assert type(form.fields["kind"].widget) is widgets.CheckboxSelectMultiple
    assert type(form.fields["country"].widget) is widgets.Select
    assert type(form.fields["many"].widget) is widgets.SelectMultiple
    assert type(form.fields["radio"].widget) is widgets.RadioSelect
    assert form.fields["radio"].widget.attrs == {"x": 1}
    assert isinstance(form.fields["active"].widget, widgets.Select)
    html = str(form["country"])
    assert '<option value="FR" selected>' in html
    assert '<option value="">All</option>' in html
    # The same markup as the stock widget of the same field.
    field = form["kind"]
    stock = forms.CheckboxSelectMultiple(choices=field.field.choices)
    assert str(field) == stock.render("kind", ["a", "d"], attrs={"id": "id_kind"})


@pytest.mark.parametrize("language", ["fr", "en", None])
def test_a_cell_reads_a_fixed_choice_as_django_s_own_display(language):
    from maillage.actors.models import Organisation, OrganisationType
    from maillage.projects.models import Project, ProjectStatus

    records = [Organisation(type=t) for t in OrganisationType.values]
    records += [Organisation(type="not-a-type"), Organisation(type="")]
    records += [Project(status=s) for s in ProjectStatus.values]
    with override(language):
        for record in records:
            name = "type" if isinstance(record, Organisation) else "status"
            django_s = getattr(record, f"get_{name}_display")()
            assert display_value(record, name) == django_s
            assert export_value(record, name) == str(django_s)
    with override("en"):
        assert display_value(Organisation(type="association"), "type") == "Association"
        assert display_value(Project(status="idea"), "status") == "Idea"
    with override("fr"):
        assert display_value(Project(status="idea"), "status") == "Idée"


def test_a_reference_field_of_a_form_is_a_fast_select_unless_the_form_names_its_widget():
    from maillage.actors.forms import OrganisationForm
    from maillage.projects.forms import ProjectForm

    departement = OrganisationForm().fields["departement"]
    assert type(departement.widget) is widgets.Select
    html = str(OrganisationForm(initial={"departement": "59"})["departement"])
    stock = forms.Select(choices=departement.choices)
    assert html == stock.render("departement", "59", attrs={"id": "id_departement"})
    assert '<option value="59" selected>59 — Nord</option>' in html
    assert type(ProjectForm().fields["currency"].widget) is widgets.Select
    assert not isinstance(OrganisationForm().fields["country"].widget, widgets.Select)
