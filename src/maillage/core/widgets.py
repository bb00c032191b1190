"""Choice widgets rendered in Python: Django's HTML without one template per option.

Django's `Select`, `SelectMultiple`, `RadioSelect` and `CheckboxSelectMultiple` render
each option through its own template include (`select_option.html`, then `attrs.html`):
a list's filters of 250 countries, 101 départements, themes and SDGs cost ~950 includes
and ~9,000 variable lookups, 60 % of the organisation list's CPU time. The widgets below
write the very same markup (names, ids, `selected`/`checked`, optgroups, attributes,
escaping: `tests/core/test_fast_widgets.py` compares them with Django's) in one pass over
the choices. `core.filters.FilterSet` gives them to every list's filters, and
`core.reference` to every form field whose choices are a reference list.

A subclass that changes the templates, `get_context`, `optgroups` or `create_option`
is rendered by Django's templates as before: only the stock markup is written here. The
project overrides none of Django's widget templates; one that did would need its markup
here too (the equality tests compare with whatever templates are found).
"""

from __future__ import annotations

from html import escape
from typing import Any, ClassVar

from django import forms
from django.forms.widgets import ChoiceWidget
from django.utils import timezone
from django.utils.formats import localize
from django.utils.safestring import SafeData, SafeString, mark_safe


def _text(value: Any) -> str:
    """`{{ value }}` in an autoescaped template: local numbers and dates, escaped unless
    marked safe."""
    if type(value) is str:
        return escape(value)
    value = localize(timezone.template_localtime(value))  # type: ignore[attr-defined]  # in Django, missing from django-stubs
    if isinstance(value, SafeData):
        return str(value)
    return escape(str(value))


def _formatted(value: Any) -> str:
    """`{{ value|stringformat:"s" }}`: the value as text, escaped unless marked safe."""
    if type(value) is str:
        return escape(value)
    text = "%s" % (str(value) if isinstance(value, tuple) else value)  # the filter's own formatting
    return text if isinstance(value, SafeData) else escape(text)


def attributes(attrs: dict[str, Any]) -> str:
    """`django/forms/widgets/attrs.html`: ` name="value"`, a bare ` name` for True,
    nothing for False."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _stock(widget: ChoiceWidget, base: type[ChoiceWidget]) -> bool:
    """Whether `widget` renders as `base` does (same templates and option building)."""
    cls = type(widget)
    return (
        widget.template_name == base.template_name
        and widget.option_template_name == base.option_template_name
        and cls.get_context is base.get_context
        and cls.optgroups is ChoiceWidget.optgroups
        and cls.create_option is ChoiceWidget.create_option
    )


Option = tuple[Any, Any, bool, str]  # value, label, selected, index
Group = tuple[Any, list[Option]]  # group name (None: no group), its options


class FastChoiceWidget(ChoiceWidget):
    """What the fast widgets share: the choices walked as `ChoiceWidget.optgroups` does."""

    stock: ClassVar[type[ChoiceWidget]] = ChoiceWidget

    def groups(self, value: list[str]) -> list[Group]:
        """`optgroups` without an option dictionary (and its attributes) per choice."""
        chosen = set(value)
        multiple = self.allow_multiple_selected
        has_selected = False
        groups: list[Group] = []
        for index, (option_value, option_label) in enumerate(self.choices):
            if option_value is None:
                option_value = ""
            options: list[Option] = []
            if isinstance(option_label, list | tuple):
                groups.append((option_value, options))
                for subindex, (subvalue, sublabel) in enumerate(option_label):
                    selected = (not has_selected or multiple) and str(subvalue) in chosen
                    has_selected |= selected
                    options.append((subvalue, sublabel, selected, f"{index}_{subindex}"))
            else:
                groups.append((None, options))
                selected = (not has_selected or multiple) and str(option_value) in chosen
                has_selected |= selected
                options.append((option_value, option_label, selected, str(index)))
        return groups

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        if not _stock(self, self.stock):
            return super().render(name, value, attrs, renderer)
        # The context of Widget (name, value, attrs), not ChoiceWidget's option list.
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]
        return mark_safe(self.markup(name, widget, attrs))  # noqa: S308  # every part escaped above

    def markup(self, name: str, widget: dict[str, Any], attrs: dict[str, Any] | None) -> str:
        """The widget's HTML; each kind below writes its own, and a kind without one
        renders through Django's template as the stock widget does."""
        return str(ChoiceWidget.render(self, name, widget["value"], attrs))


class Select(FastChoiceWidget, forms.Select):
    """`forms.Select`, rendered in Python."""

    stock: ClassVar[type[ChoiceWidget]] = forms.Select

    def markup(self, name: str, widget: dict[str, Any], attrs: dict[str, Any] | None) -> str:
        select_attrs = widget["attrs"]
        if self.allow_multiple_selected:
            select_attrs["multiple"] = True
        parts = [f'<select name="{_text(name)}"{attributes(select_attrs)}>']
        for group, options in self.groups(widget["value"]):
            if group:
                parts.append(f'\n  <optgroup label="{_text(group)}">')
            # Each option ends with its template file's line break.
            parts.extend(
                f'\n  <option value="{_formatted(value)}"{" selected" if selected else ""}>'
                f"{_text(label)}</option>\n"
                for value, label, selected, _index in options
            )
            if group:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return "".join(parts)


class SelectMultiple(Select, forms.SelectMultiple):
    """`forms.SelectMultiple`, rendered in Python."""

    stock: ClassVar[type[ChoiceWidget]] = forms.SelectMultiple


class RadioSelect(FastChoiceWidget, forms.RadioSelect):
    """`forms.RadioSelect`, rendered in Python (`multiple_input.html`)."""

    stock: ClassVar[type[ChoiceWidget]] = forms.RadioSelect

    def markup(self, name: str, widget: dict[str, Any], attrs: dict[str, Any] | None) -> str:
        div_id = widget["attrs"].get("id")
        div_class = widget["attrs"].get("class")
        parts = [
            "<div",
            f' id="{_text(div_id)}"' if div_id else "",
            f' class="{_text(div_class)}"' if div_class else "",
            ">",
        ]
        shared = self.build_attrs(self.attrs, attrs)
        for group, options in self.groups(widget["value"]):
            if group:
                parts.append(f"\n  <div><label>{_text(group)}</label>")
            parts.extend(
                f"<div>\n    {self.option(name, value, label, selected, index, shared)}</div>"
                for value, label, selected, index in options
            )
            if group:
                parts.append("\n  </div>")
        parts.append("\n</div>")
        return "".join(parts)

    def option(
        self, name: str, value: Any, label: Any, selected: bool, index: str, shared: dict
    ) -> str:
        """`radio_option.html` or `checkbox_option.html` (`input_option.html`, `input.html`:
        their files' last line breaks included) with the attributes `create_option` gives."""
        option_attrs = dict(shared)
        if selected:
            option_attrs.update(self.checked_attribute)
        if "id" in option_attrs:
            option_attrs["id"] = self.id_for_label(option_attrs["id"], index)
        option_id = option_attrs.get("id")
        value_attr = "" if value is None else f' value="{_formatted(value)}"'
        return (
            (f'<label for="{_text(option_id)}">' if option_id else "<label>")
            + f'<input type="{self.input_type}" name="{_text(name)}"{value_attr}'
            + f"{attributes(option_attrs)}>\n {_text(label)}</label>\n\n"
        )


class CheckboxSelectMultiple(RadioSelect, forms.CheckboxSelectMultiple):
    """`forms.CheckboxSelectMultiple`, rendered in Python."""

    stock: ClassVar[type[ChoiceWidget]] = forms.CheckboxSelectMultiple


# Django's widget → its fast twin; exact classes only (a subclass may render otherwise).
FAST_WIDGETS: dict[type[forms.Widget], type[forms.Widget]] = {
    forms.Select: Select,
    forms.SelectMultiple: SelectMultiple,
    forms.RadioSelect: RadioSelect,
    forms.CheckboxSelectMultiple: CheckboxSelectMultiple,
}


def fast_widget(widget: Any) -> Any:
    """`widget` (a class or an instance) as its fast twin when it has one, else itself."""
    if isinstance(widget, type):
        return FAST_WIDGETS.get(widget, widget)
    fast: Any = FAST_WIDGETS.get(type(widget))
    if fast is None:
        return widget
    return fast(attrs=widget.attrs, choices=widget.choices)
