"""One way to declare the pages of an entity: list (paged, sorted, filtered, exportable),
detail, create, update, delete and history.

    class OrganisationViews(CrudViews):
        model = Organisation
        filterset_class = OrganisationFilterSet
        form_class = OrganisationForm
        columns = (Column("name", link=True), Column("type"), Column("country"))

and in the app's urls.py, explicitly: `path("organisations/", OrganisationViews.list_view(),
name="organisation_list")`. Every view starts from `Model.objects.visible_to(user)`: a
record the user may not see answers 404; a write by a role without write access answers 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.files import File
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import classproperty
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from maillage.core.access import HiddenRecord, can_write, hide_unseen
from maillage.core.bulk import BulkAction, BulkActionView, offered_actions, parse_ids
from maillage.core.collation import natural_ordering
from maillage.core.concurrency import VersionConflict, parse_version
from maillage.core.exports import FORMATS, format_label
from maillage.core.formatting import display_value, export_value, format_money
from maillage.core.history import history_entries
from maillage.core.jobs import JobRecovery, register_recovery, start_job
from maillage.core.meta import create_title
from maillage.core.ordering import sort_ordering
from maillage.core.pagination import DeepPaginator
from maillage.core.saved_filters import saved_filters_of
from maillage.core.services import (
    ModelService,
    StillInUse,
    add_to_form,
    error_dict,
    field_label,
    service_for,
)


@dataclass(frozen=True)
class Column:
    """A list column: a model field or attribute, how it sorts, how it reads and exports."""

    name: str
    label: str | None = None
    sort: str | bool | None = True  # True: sort by the field itself; a string: by that path
    link: bool = False
    money: str | None = None  # name of the currency field beside an amount
    display: Callable[[Any], Any] | None = None
    value: Callable[[Any], Any] | None = None

    def header(self, model: type[models.Model]) -> str:
        if self.label is not None:
            return str(self.label)
        return field_label(model, self.name)

    def sort_key(self) -> str | None:
        if self.sort is True:
            return self.name
        return self.sort or None

    def render(self, obj: Any) -> Any:
        if self.display:
            text = self.display(obj)
        elif self.money:
            text = format_money(getattr(obj, self.name), getattr(obj, self.money))
        else:
            text = display_value(obj, self.name)
        if self.link:
            return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), text)
        return text

    def export(self, obj: Any) -> Any:
        if self.value:
            return self.value(obj)
        return export_value(obj, self.name)


@dataclass(frozen=True)
class _UserRequest:
    """What a FilterSet needs of a request (its user) when run by a job, not a request."""

    user: Any


class CrudViews:
    """The declaration of an entity's pages; subclasses set the class attributes."""

    model: ClassVar[type[models.Model]]
    form_class: ClassVar[type[forms.ModelForm] | None] = None
    filterset_class: ClassVar[type[django_filters.FilterSet] | None] = None
    columns: ClassVar[tuple[Column, ...]] = ()
    detail_fields: ClassVar[tuple[str, ...]] = ()
    select_related: ClassVar[tuple[str, ...]] = ()
    prefetch_related: ClassVar[tuple[str, ...]] = ()
    default_ordering: ClassVar[tuple[str, ...] | None] = None
    searchable: ClassVar[bool] = True
    paginate_by: ClassVar[int] = 25
    view_roles: ClassVar[frozenset[str] | None] = None  # None: everyone, through visible_to
    write_roles: ClassVar[frozenset[str] | None] = None  # None: the user's own can_write
    export_formats: ClassVar[tuple[str, ...]] = ("csv", "csv-semicolon", "xlsx", "ods")
    bulk_actions: ClassVar[tuple[str | BulkAction, ...]] = ()  # names in core.bulk.BULK_ACTIONS
    # The import page (core.imports.views); None: "<app>:<model>_import" if that route exists.
    import_url_name: ClassVar[str | None] = None
    template_dir: ClassVar[str] = "core/crud"
    # Fields of a new record whose initial value comes from the query string: a "new
    # risk" link on a project's page is `…/risks/new/?project=3`.
    initial_from_query: ClassVar[tuple[str, ...]] = ()
    # The record's tabs (Details, History by default); e.g. a project's plan and risks.
    tabs_template: ClassVar[str | None] = None
    do_not_call_in_templates: ClassVar[bool] = True

    # -- names ---------------------------------------------------------------------

    @classproperty
    def app_label(cls) -> str:
        return cls.model._meta.app_label

    @classproperty
    def model_name(cls) -> str:
        return cls.model._meta.model_name or cls.model.__name__.lower()

    @classmethod
    def url_name(cls, action: str) -> str:
        return f"{cls.app_label}:{cls.model_name}_{action}"

    @classmethod
    def import_url(cls) -> str | None:
        from django.urls import NoReverseMatch

        try:
            return reverse(cls.import_url_name or cls.url_name("import"))
        except NoReverseMatch:
            return None

    @classmethod
    def dotted_path(cls) -> str:
        return f"{cls.__module__}.{cls.__qualname__}"

    # -- access --------------------------------------------------------------------

    @classmethod
    def may_view(cls, user: Any) -> bool:
        return cls.view_roles is None or getattr(user, "role", None) in cls.view_roles

    @classmethod
    def may_write(cls, user: Any) -> bool:
        return can_write(user, cls.write_roles)

    @classmethod
    def may_change(cls, obj: models.Model, user: Any) -> bool:
        """Whether `user` may edit or delete this record (object-level: e.g. a partner
        edits only the field updates it wrote); by default, the role's write access."""
        return cls.may_write(user)

    @classmethod
    def form_kwargs(cls, request: HttpRequest, obj: models.Model | None) -> dict[str, Any]:
        """Extra keyword arguments of the form (e.g. `user=` to limit its choices to the
        records the user sees)."""
        return {}

    @classmethod
    def base_queryset(cls, user: Any) -> models.QuerySet:
        # Every entity's `objects` manager is built from a VisibleQuerySet.
        objects = cls.model.objects  # type: ignore[attr-defined]
        if not cls.may_view(user):
            return objects.none()
        qs = objects.visible_to(user)
        if cls.select_related:
            qs = qs.select_related(*cls.select_related)
        if cls.prefetch_related:
            qs = qs.prefetch_related(*cls.prefetch_related)
        return qs

    @classmethod
    def filtered_queryset(cls, user: Any, params: Any) -> tuple[models.QuerySet, Any]:
        """The list's rows for `params` (a QueryDict): filters, search, then sort."""
        qs = cls.base_queryset(user)
        filterset = None
        if cls.filterset_class is not None:
            filterset = cls.filterset_class(params, queryset=qs, request=_UserRequest(user))
            qs = filterset.qs if filterset.is_valid() else qs.none()
        if "ids" in params:
            # The selected rows of a bulk action ("ids=3,4,5"), within what the user sees.
            qs = qs.filter(pk__in=parse_ids(params.getlist("ids")))
        query = (params.get("q") or "").strip()
        if cls.searchable and query and hasattr(qs, "search"):
            qs = qs.search(query)
        sort = params.get("sort") or ""
        keys = {c.sort_key(): c for c in cls.columns if c.sort_key()}
        field = sort.removeprefix("-")
        # Text sorts by the collation: "Béarn" before "Bordeaux" (core.collation).
        if field in keys:
            # Through another table (by project): that row's key and id, then the list's
            # own order, so that indexes serve it (core.ordering).
            own = cls.default_ordering or cls.model._meta.ordering or ()
            qs = qs.order_by(*sort_ordering(cls.model, sort, own))
        else:
            # Explicit: Meta.ordering is dropped by aggregated (GROUP BY) querysets.
            ordering = cls.default_ordering or cls.model._meta.ordering or ()
            qs = qs.order_by(*natural_ordering(cls.model, ordering), "pk")
        return qs, filterset

    @classmethod
    def unshown_texts(cls) -> list[str]:
        """The long text columns the list and its export do not show: left unloaded
        (`defer`), so that 9 MB of one record's notes do not weigh on every page."""
        shown = {c.name for c in cls.columns}
        return [
            f.name
            for f in cls.model._meta.concrete_fields
            if isinstance(f, models.TextField) and f.name not in shown
        ]

    @classproperty
    def service(cls) -> type[ModelService[Any]]:
        """The entity's write path (its app's `services.py`): every create, update and
        delete of these pages goes through it, as the API's and the imports' do."""
        return service_for(cls.model)

    @classmethod
    def detail_context(cls, obj: models.Model, user: Any) -> dict[str, Any]:
        """Extra context of the detail page: related records, each from its visible_to."""
        return {}

    # -- views ---------------------------------------------------------------------

    @classmethod
    def list_view(cls) -> Callable[..., HttpResponseBase]:
        return CrudListView.as_view(crud=cls)

    @classmethod
    def detail_view(cls) -> Callable[..., HttpResponseBase]:
        return CrudDetailView.as_view(crud=cls)

    @classmethod
    def create_view(cls) -> Callable[..., HttpResponseBase]:
        return CrudFormView.as_view(crud=cls, creating=True)

    @classmethod
    def update_view(cls) -> Callable[..., HttpResponseBase]:
        return CrudFormView.as_view(crud=cls, creating=False)

    @classmethod
    def delete_view(cls) -> Callable[..., HttpResponseBase]:
        return CrudDeleteView.as_view(crud=cls)

    @classmethod
    def history_view(cls) -> Callable[..., HttpResponseBase]:
        return CrudHistoryView.as_view(crud=cls)

    @classmethod
    def export_view(cls) -> Callable[..., HttpResponseBase]:
        return CrudExportView.as_view(crud=cls)

    @classmethod
    def bulk_view(cls) -> Callable[..., HttpResponseBase]:
        return BulkActionView.as_view(crud=cls)

    @classmethod
    def urls(cls, prefix: str) -> list[Any]:
        """The seven routes of the entity under `prefix` ("risks/"), named
        "<model>_list", "<model>_create", … as `url_name` expects."""
        from django.urls import path

        name = cls.model_name
        return [
            path(f"{prefix}", cls.list_view(), name=f"{name}_list"),
            path(f"{prefix}new/", cls.create_view(), name=f"{name}_create"),
            path(f"{prefix}export/", cls.export_view(), name=f"{name}_export"),
            path(f"{prefix}<int:pk>/", cls.detail_view(), name=f"{name}_detail"),
            path(f"{prefix}<int:pk>/edit/", cls.update_view(), name=f"{name}_update"),
            path(f"{prefix}<int:pk>/delete/", cls.delete_view(), name=f"{name}_delete"),
            path(f"{prefix}<int:pk>/history/", cls.history_view(), name=f"{name}_history"),
        ]

    # -- export job ----------------------------------------------------------------

    @classmethod
    def export_rows(cls, queryset: models.QuerySet, user: Any = None) -> tuple[list[str], Any]:
        """The export's header and rows; given the reader, a row names only the related
        records it may open (`hide_unseen`, one query per foreign key and 500 rows)."""
        headers = [c.header(cls.model) for c in cls.columns]

        def rows() -> Any:
            chunk: list[Any] = []
            for obj in queryset.iterator(chunk_size=500):
                chunk.append(obj)
                if len(chunk) == 500:
                    yield from _export_chunk(cls, chunk, user)
                    chunk = []
            yield from _export_chunk(cls, chunk, user)

        return headers, rows()

    @classmethod
    def write_export(
        cls, fmt: str, queryset: models.QuerySet, ctx: Any
    ) -> tuple[bytes | File, str]:
        """The export file's content and extension; a format beyond tables overrides this."""
        from maillage.core.exports import write_table_file

        ctx.set_total(queryset.count())
        headers, rows = cls.export_rows(queryset.defer(*cls.unshown_texts()), ctx.user)

        def counted(rows: Any) -> Any:
            for row in rows:
                ctx.advance()
                yield row

        return write_table_file(fmt, headers, counted(rows)), FORMATS[fmt][1]


def _export_chunk(crud: type[CrudViews], chunk: list[Any], user: Any) -> Any:
    if user is not None:
        hide_unseen(user, chunk)
    for obj in chunk:
        yield [_readable(c.export(obj)) for c in crud.columns]


def _readable(value: Any) -> Any:
    return str(value) if isinstance(value, HiddenRecord) else value


def form_data(form: forms.BaseForm, *, creating: bool) -> dict[str, Any]:
    """What a valid form parsed, as a service takes it.

    A ModelForm has already set its columns on `form.instance` (files, defaults of
    omitted fields): they are read back from there; many-to-many values and fields that
    are not columns come from `cleaned_data`. On a create, columns set on the instance
    before the form (the project a new risk belongs to) come along too."""
    instance = getattr(form, "instance", None)
    data: dict[str, Any] = {}
    if instance is None:
        return dict(form.cleaned_data)
    if creating:
        for field in instance._meta.concrete_fields:
            if field.editable and not field.primary_key:
                data[field.name] = getattr(instance, field.attname)
                if field.is_relation:
                    data[field.attname] = data.pop(field.name)
    for name, value in form.cleaned_data.items():
        try:
            field = instance._meta.get_field(name)
        except FieldDoesNotExist:
            data[name] = value
            continue
        if field.many_to_many or not getattr(field, "concrete", False):
            data[name] = value
        elif field.is_relation:
            data.pop(field.attname, None)
            data[name] = getattr(instance, name)
        else:
            data[name] = getattr(instance, name)
    return data


class CrudMixin(LoginRequiredMixin):
    crud: type[CrudViews] = CrudViews
    creating: bool = False
    request: HttpRequest
    kwargs: dict[str, Any]

    def context(self, **extra: Any) -> dict[str, Any]:
        crud = self.crud
        meta = crud.model._meta
        return {
            "crud": crud,
            "verbose_name": meta.verbose_name,
            "verbose_name_plural": meta.verbose_name_plural,
            "create_title": create_title(crud.model),
            "may_write": crud.may_write(self.request.user),
            "list_url": reverse(crud.url_name("list")),
            **extra,
        }

    def get_object(self) -> models.Model:
        return get_object_or_404(self.crud.base_queryset(self.request.user), pk=self.kwargs["pk"])

    def require_write(self, obj: models.Model | None = None) -> None:
        user = self.request.user
        allowed = self.crud.may_write(user) if obj is None else self.crud.may_change(obj, user)
        if not allowed:
            raise PermissionDenied(_("Your role does not allow changes here."))

    def template(self, name: str) -> list[str]:
        crud = self.crud
        return [
            f"{crud.app_label}/{crud.model_name}_{name}.html",
            f"{crud.template_dir}/{name}.html",
        ]


class CrudListView(CrudMixin, TemplateView):
    def get_template_names(self) -> list[str]:
        # django-htmx's middleware sets request.htmx.
        if self.request.htmx and not self.request.htmx.boosted:  # type: ignore[attr-defined]
            return self.template("results")
        return self.template("list")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        crud = self.crud
        if not crud.may_view(self.request.user):
            raise PermissionDenied
        qs, filterset = crud.filtered_queryset(self.request.user, self.request.GET)
        paginator = DeepPaginator(qs.defer(*crud.unshown_texts()), crud.paginate_by)
        page = paginator.get_page(self.request.GET.get("page"))
        params = self.request.GET.copy()
        params.pop("page", None)
        for name in [n for n, values in params.lists() if not any(values)]:
            params.pop(name)  # links carry the filters chosen, not the "All" of each
        sort = self.request.GET.get("sort", "")
        headers = []
        for c in crud.columns:
            key = c.sort_key()
            url = None
            if key:
                params_sort = params.copy()
                params_sort["sort"] = f"-{key}" if sort == key else key
                url = f"?{params_sort.urlencode()}"
            headers.append(
                {
                    "label": c.header(crud.model),
                    "url": url,
                    "state": "ascending"
                    if sort == key
                    else "descending"
                    if sort == f"-{key}"
                    else "none",
                }
            )
        objects = list(page.object_list)
        hide_unseen(self.request.user, objects)  # a row names only what its reader may open
        rows = [(obj, [c.render(obj) for c in crud.columns]) for obj in objects]
        bulk_actions = offered_actions(crud, self.request.user)
        return self.context(
            page=page,
            rows=rows,
            headers=headers,
            filterset=filterset,
            query=self.request.GET.get("q", ""),
            querystring=params.urlencode(),
            export_formats=crud.export_formats,
            export_url=reverse(crud.url_name("export")) if crud.export_formats else None,
            create_url=reverse(crud.url_name("create")) if crud.form_class else None,
            import_url=crud.import_url(),
            bulk_actions=bulk_actions,
            bulk_url=reverse(crud.url_name("bulk")) if bulk_actions else None,
            list_name=crud.url_name("list"),
            saved_filters=saved_filters_of(self.request.user, crud.url_name("list")),
            **kwargs,
        )


class CrudDetailView(CrudMixin, TemplateView):
    def get_template_names(self) -> list[str]:
        return self.template("detail")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        obj = self.get_object()
        crud = self.crud
        hide_unseen(self.request.user, [obj])
        fields = [
            (field_label(type(obj), name), display_value(obj, name)) for name in crud.detail_fields
        ]
        return self.context(
            object=obj,
            fields=fields,
            tab="detail",
            may_write=crud.may_change(obj, self.request.user),
            **crud.detail_context(obj, self.request.user),
            **kwargs,
        )


class CrudFormView(CrudMixin, TemplateView):
    object: models.Model | None

    def get_template_names(self) -> list[str]:
        return self.template("form")

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.object = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.creating:
            self.object = self.get_object()  # 404 before 403: hide what is not visible
        self.require_write(self.object)
        return super().dispatch(request, *args, **kwargs)

    def get_form(self) -> forms.ModelForm:
        assert self.crud.form_class is not None
        data = self.request.POST if self.request.method == "POST" else None
        files = self.request.FILES if self.request.method == "POST" else None
        kwargs = self.crud.form_kwargs(self.request, self.object)
        if self.creating and self.crud.initial_from_query:
            initial = dict(kwargs.get("initial") or {})
            for name in self.crud.initial_from_query:
                value = self.request.GET.get(name, "")
                if value.isdigit():
                    initial.setdefault(name, int(value))
            kwargs["initial"] = initial
        return self.crud.form_class(data, files, instance=self.object, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("form", self.get_form())
        return self.context(object=self.object, creating=self.creating, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        form = self.get_form()
        version = parse_version(request.POST.get("version"))
        if not self.creating and hasattr(self.crud.model, "version") and version is None:
            # Without the version it was loaded at, a save could silently overwrite
            # someone else's: the form must be reloaded.
            form.is_valid()
            form.add_error(
                None,
                _(
                    "This form was sent without the version of the record it was opened "
                    "on: reload the page and enter your changes again."
                ),
            )
        if form.is_valid():
            service = self.crud.service
            data = form_data(form, creating=self.creating)
            try:
                if self.creating:
                    obj = service.create(data=data, by=request.user)
                else:
                    assert self.object is not None
                    obj = service.update(
                        obj=self.object,
                        data=data,
                        by=request.user,
                        version=version,
                    )
            except VersionConflict as conflict:
                return self.conflict(form, conflict.current)
            except ValidationError as error:
                add_to_form(form, error)
            else:
                if self.creating:
                    messages.success(request, _("%(name)s created.") % {"name": obj})
                else:
                    messages.success(request, _("%(name)s saved.") % {"name": obj})
                return redirect(obj.get_absolute_url())
        messages.error(request, _("Please correct the errors below."))
        return self.render_to_response(self.get_context_data(form=form), status=422)

    def conflict(self, form: forms.ModelForm, current: models.Model) -> HttpResponse:
        """Someone saved first: show what they changed beside what this user typed."""
        loaded = parse_version(self.request.POST.get("version"))
        changes = []
        for name, field in form.fields.items():
            if name not in form.cleaned_data or not hasattr(current, name):
                continue
            if isinstance(field, forms.ModelMultipleChoiceField):
                continue
            theirs = display_value(current, name)
            mine = form.cleaned_data[name]
            if str(getattr(current, name)) != str(getattr(self.object, name)):
                changes.append((field.label, theirs, mine))
        messages.error(
            self.request,
            _(
                "Someone else saved this record while you were editing it. Their changes are "
                "shown below: check your values, then save again to keep yours."
            ),
        )
        data = self.request.POST.copy()
        # Only a VersionedModel's update raises VersionConflict.
        data["version"] = str(current.version)  # type: ignore[attr-defined]
        form.data = data
        self.object = current
        context = self.get_context_data(form=form, conflict_changes=changes, loaded_version=loaded)
        return self.render_to_response(context, status=409)


class CrudDeleteView(CrudMixin, TemplateView):
    def get_template_names(self) -> list[str]:
        return self.template("delete")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.get_object()
        self.require_write(self.object)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return self.context(object=self.object, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        name = str(self.object)
        try:
            said = self.crud.service.delete(obj=self.object, by=request.user)
        except StillInUse as error:
            messages.error(request, " ".join(str(m) for m in error.messages))
            # Every entity with pages has get_absolute_url.
            return redirect(self.object.get_absolute_url())  # type: ignore[attr-defined]
        except ValidationError as error:
            for msgs in error_dict(error).values():
                for message in msgs:
                    messages.error(request, message)
            # Every entity with pages has get_absolute_url.
            return redirect(self.object.get_absolute_url())  # type: ignore[attr-defined]
        if said:
            messages.success(request, said)
        elif hasattr(self.object, "deleted_at"):
            messages.success(
                request,
                _("%(name)s moved to the trash; it can be restored from there.") % {"name": name},
            )
        else:
            messages.success(request, _("%(name)s deleted.") % {"name": name})
        return redirect(self.crud.url_name("list"))


class CrudHistoryView(CrudMixin, TemplateView):
    def get_template_names(self) -> list[str]:
        return self.template("history")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        obj = self.get_object()
        entries = history_entries(obj, user=self.request.user)
        return self.context(object=obj, entries=entries, tab="history", **kwargs)


class CrudExportView(CrudMixin, View):
    """POST starts an export job of the filtered list; the job page shows its progress."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        crud = self.crud
        fmt = request.POST.get("format", "")
        if fmt not in crud.export_formats or not crud.may_view(request.user):
            raise PermissionDenied(_("This export is not available."))
        query = request.POST.get("query", "")
        job = start_job(
            handler="maillage.core.crud.run_export",
            title=_("Export of %(what)s (%(format)s)")
            % {"what": crud.model._meta.verbose_name_plural, "format": format_label(fmt)},
            params={"views": crud.dotted_path(), "query": query, "format": fmt},
            user=request.user,
        )
        return HttpResponseRedirect(job.get_absolute_url())


def run_export(ctx: Any) -> None:
    """Job handler: write the filtered list visible to the job's user into a file."""
    from django.http import QueryDict
    from django.utils import timezone
    from django.utils.module_loading import import_string

    views_path = ctx.params["views"]
    if not views_path.startswith("maillage."):
        raise ValueError(views_path)
    crud: type[CrudViews] = import_string(views_path)
    fmt = ctx.params["format"]
    if fmt not in crud.export_formats:
        raise ValueError(fmt)
    qs, _filterset = crud.filtered_queryset(ctx.user, QueryDict(ctx.params.get("query", "")))
    content, extension = crud.write_export(fmt, qs, ctx)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    ctx.save_file(f"{crud.model._meta.model_name}s-{stamp}.{extension}", content)


# An export only reads: run again, it writes the same file from the data of the day.
register_recovery("maillage.core.crud.run_export", JobRecovery())
