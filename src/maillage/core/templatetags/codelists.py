"""`{% codelist_notice form %}`: a form or a list's filters that offer IATI codes say so
plainly when the codelists are not loaded, instead of showing an empty list of sectors."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maillage.core.models import CodelistItem

register = template.Library()


def empty_codelist_fields(form: forms.BaseForm | None) -> list[str]:
    """The labels of the form's choices among codelist items that have nothing to offer
    (one EXISTS query per such field)."""
    if form is None:
        return []
    labels = []
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is not None and queryset.model is CodelistItem and not queryset.exists():
            labels.append(str(field.label or name))
    return labels


@register.inclusion_tag("core/_codelist_notice.html")
def codelist_notice(form: Any) -> dict[str, Any]:
    labels = empty_codelist_fields(form)
    if not labels:
        return {"message": ""}
    names = ", ".join(_("“%(label)s”") % {"label": label} for label in labels)
    message = ngettext(
        "The IATI codelists are not loaded: %(names)s has nothing to choose from.",
        "The IATI codelists are not loaded: %(names)s have nothing to choose from.",
        len(labels),
    ) % {"names": names}
    return {"message": message}
