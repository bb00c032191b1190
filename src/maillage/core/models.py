"""The shared kit's records: base models, background jobs and reference codelists."""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models, transaction
from django.db.models.signals import class_prepared, post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from maillage.core.access import VisibleQuerySet
from maillage.core.collation import sort_key_fields, sort_key_text
from maillage.core.model_checks import validate_constraints
from maillage.core.text import LONG_TEXT, SHORT_TEXT, normalize
from maillage.core.uploads import StoredFileField


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A stored sort key (core.collation.SortKeyField) derives itself on save, but a
        # save of some fields only writes those: its text's key goes with the text
        # (named, or loaded when the key was not: Django saves the loaded fields only).
        keys = sort_key_fields(type(self))
        for key in keys:
            if key.attname not in self.__dict__ and key.source in self.__dict__:
                setattr(self, key.attname, sort_key_text(getattr(self, key.source)))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            names = set(update_fields)
            extra = {key.name for key in keys if key.source in names}
            if extra:
                kwargs["update_fields"] = names | extra
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude: Any = None) -> None:
        """Each constraint's refusal on the field it is about, whoever asks: a ModelForm
        checks constraints before the service does, and Django would put a negative
        budget's message at the top of the form instead of beside the budget."""
        validate_constraints(self, exclude=exclude or ())


class SearchableModel(models.Model):
    """A record found by the global search box, accent- and case-insensitively.

    `search_text` is derived from SEARCH_FIELDS on every save; it is never edited.
    """

    SEARCH_FIELDS: tuple[str, ...] = ()
    search_text = models.TextField(editable=False, default="")

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = self.compute_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)
        # The search index follows every save: services, the trash (out) and restores (in).
        from maillage.core.search import index

        index([self])

    def compute_search_text(self) -> str:
        """The derived text; bulk writes (which skip save) call it themselves."""
        return normalize(" ".join(str(getattr(self, f) or "") for f in self.SEARCH_FIELDS))

    @classmethod
    def search_kinds(cls) -> list[type[models.Model]]:
        """The kinds of record this model's rows are found as, each a content type of its
        own in the index: the model. A table whose rows are told apart by proxies (the
        plan's activities, tasks and milestones) names them, so that a search of one
        kind reads its own entries only, not every item's."""
        return [cls._meta.concrete_model or cls]

    def search_kind(self) -> type[models.Model]:
        """The kind this record is indexed as: one of its table's `search_kinds`."""
        return self._meta.concrete_model or type(self)


class SortKeyQuerySet(VisibleQuerySet):
    """A domain queryset that keeps the stored sort keys (core.collation.SortKeyField)
    through the bulk writes that skip `pre_save`: `bulk_update` and `update` of a text
    write its key too (`bulk_create` calls `pre_save`, so it needs nothing)."""

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> int:
        objs, names = list(objs), list(fields)
        for key in sort_key_fields(self.model):
            if key.source in names and key.name not in names:
                for obj in objs:
                    setattr(obj, key.attname, sort_key_text(getattr(obj, key.source)))
                names.append(key.name)
        return super().bulk_update(objs, names, batch_size=batch_size)

    def update(self, **kwargs: Any) -> int:
        keys = [
            k for k in sort_key_fields(self.model) if k.source in kwargs and k.name not in kwargs
        ]
        computed = [k for k in keys if not hasattr(kwargs[k.source], "resolve_expression")]
        for key in computed:
            kwargs[key.name] = sort_key_text(kwargs[key.source])
        later = [k for k in keys if k not in computed]
        if not later:
            return super().update(**kwargs)
        # A text set by an expression (Concat, F…): its value is known once written, the
        # keys of the rows it changed are written next (the same transaction).
        with transaction.atomic(using=self.db, savepoint=False):
            pks = list(self.values_list("pk", flat=True))
            count = super().update(**kwargs)
            fresh = self.model._base_manager.using(self.db).filter(pk__in=pks)
            rows = list(fresh.only("pk", *(k.source for k in later)))
            for row in rows:
                for key in later:
                    setattr(row, key.attname, sort_key_text(getattr(row, key.source)))
            fresh.bulk_update(rows, [k.name for k in later], batch_size=500)
        return count


class SearchQuerySet(SortKeyQuerySet):
    def search(self, query: str) -> Self:
        """The rows matching every word of `query` (each a prefix), accent- and
        case-insensitively, through the search index (`maillage.core.search`): a list's
        `?q=`, the API's `?search=` and the global search use the same engine."""
        from maillage.core.search import matching

        found = matching(self.model, query)
        if found is None:
            return self if not (query or "").strip() else self.none()
        return self.filter(pk__in=found)


@receiver(class_prepared)
def _unindex_on_delete(sender: type[models.Model], **kwargs: Any) -> None:
    """A searchable record deleted for good (a purge, a cascade) leaves the index."""
    if issubclass(sender, SearchableModel) and not sender._meta.abstract:
        from maillage.core.search import on_delete

        post_delete.connect(on_delete, sender=sender, weak=False, dispatch_uid=f"search-{sender}")


def leave_out_of_save(instance: models.Model, kwargs: dict[str, Any], kept: set[str]) -> None:
    """Make a save of an existing `instance` write the columns it loaded but `kept`: columns
    only a service's UPDATE writes (a period's stored actual, an organisation's last
    interaction date). A form, an import or a merge that read the record before a
    colleague's write would otherwise save the old figure back over the new one. A new
    record, or a save naming its own `update_fields`, is left as it is."""
    if (
        kwargs.get("update_fields") is None
        and not instance._state.adding
        and not kwargs.get("force_insert")
    ):
        kwargs["update_fields"] = [
            f.attname
            for f in instance._meta.concrete_fields
            if not f.primary_key and f.attname in instance.__dict__ and f.name not in kept
        ]


class VersionedModel(models.Model):
    """A record whose concurrent edits are detected: `version` grows by one on every save.

    Editors send back the version they loaded; `maillage.core.concurrency` refuses a save
    when the record has moved on meanwhile.
    """

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding:
            super().save(*args, **kwargs)
            return
        # Compare and set: the UPDATE only matches the row at the version this object
        # holds (`UPDATE … WHERE version = n`), so two writers of version n cannot both
        # win, whatever door they came through and whether or not they locked the row.
        self._saving_from_version = self.version
        self.version += 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        try:
            super().save(*args, **kwargs)
        except BaseException:
            self.version = self._saving_from_version
            raise
        finally:
            del self._saving_from_version

    def _do_update(
        self,
        base_qs: models.QuerySet,
        using: Any,
        pk_val: Any,
        values: Any,
        update_fields: Any,
        forced_update: Any,
    ) -> bool:
        expected = getattr(self, "_saving_from_version", None)
        if expected is None or not values:
            args = (base_qs, using, pk_val, values, update_fields, forced_update)
            return bool(super()._do_update(*args))
        matching = base_qs.filter(pk=pk_val, version=expected)
        if matching._update(values) > 0:  # type: ignore[attr-defined]  # Django's private update, as Model._do_update calls it
            return True
        current = base_qs.model._base_manager.using(using).filter(pk=pk_val).first()
        if current is None:
            return False  # the row is gone: Django inserts it again, as without versions
        from maillage.core.concurrency import VersionConflict

        raise VersionConflict(current)


class LiveManager(models.Manager):
    """The default manager of soft-deletable records: the trash is left out."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(deleted_at__isnull=True)


class SoftDeleteModel(models.Model):
    """A record that goes to the trash first and can be restored from there.

    `objects` leaves deleted records out; `all_objects` includes them. Declare both from
    the model's queryset: `objects = LiveManager.from_queryset(QS)()`,
    `all_objects = models.Manager.from_queryset(QS)()`.
    """

    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


def trash_index(name: str) -> models.Index:
    """The trashed rows of a large table, newest first (the trash page reads its 100
    latest): a small index, as the trash is small. Without it each large table was read
    whole: 72 ms for the million expenses, 192 ms for the page at national scale."""
    return models.Index(
        fields=["deleted_at"], name=name, condition=models.Q(deleted_at__isnull=False)
    )


# --- Background jobs -------------------------------------------------------------------


class JobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class JobQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> JobQuerySet:
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_admin:
            return self.all()
        return self.filter(created_by=user)


class Job(models.Model):
    """A piece of long work (import, export, report, feed poll) with progress for the user."""

    title = models.CharField(_("title"), max_length=200)
    handler = models.CharField(_("handler"), max_length=200)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=JobState.choices, default=JobState.QUEUED
    )
    progress_done = models.PositiveIntegerField(_("done"), default=0)
    progress_total = models.PositiveIntegerField(_("total"), default=0)
    messages = models.JSONField(_("messages"), default=list, blank=True)
    result_file = StoredFileField(_("result file"), upload_to="jobs/%Y/%m/", blank=True)
    result_name = models.CharField(_("result file name"), max_length=200, blank=True)
    # Empty for the jobs the scheduler starts (core.scheduler): administrators see them.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.CASCADE,
        related_name="jobs",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # The process that runs it (core.jobs.this_process): a job whose process died is told
    # from one still running, even when its number was given to another process since.
    worker_pid = models.PositiveIntegerField(_("worker process"), null=True, blank=True)
    worker_host = models.CharField(_("worker host"), max_length=255, blank=True)
    worker_started_at = models.DateTimeField(_("worker process started"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=[s.value for s in JobState]), name="job_state_valid"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("core:job_detail", args=[self.pk])

    @property
    def percent(self) -> int:
        if self.state == JobState.SUCCEEDED:
            return 100
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))

    @property
    def is_finished(self) -> bool:
        return self.state in (JobState.SUCCEEDED, JobState.FAILED)


# --- Reference codelists ---------------------------------------------------------------


class Codelist(models.Model):
    """An official list of codes (IATI codelists: DAC sectors, SDG targets, org types…)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    version = models.CharField(_("version"), max_length=40, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    loaded_at = models.DateTimeField(_("loaded"), default=timezone.now)

    class Meta:
        verbose_name = _("codelist")
        verbose_name_plural = _("codelists")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CodelistItemQuerySet(models.QuerySet):
    def of(self, codelist: str) -> CodelistItemQuerySet:
        return self.filter(codelist__name=codelist)

    def offerable(self) -> CodelistItemQuerySet:
        """Codes that may be chosen for new data: withdrawn codes stay readable only."""
        return self.filter(withdrawn=False)


class CodelistItem(models.Model):
    codelist = models.ForeignKey(Codelist, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("code"), max_length=200)
    # Loaded from the official publication, never typed here: limits far above its texts.
    name_en = models.TextField(
        _("name (English)"), max_length=SHORT_TEXT, validators=[MaxLengthValidator(SHORT_TEXT)]
    )
    name_fr = models.TextField(
        _("name (French)"),
        blank=True,
        max_length=SHORT_TEXT,
        validators=[MaxLengthValidator(SHORT_TEXT)],
    )
    description_en = models.TextField(
        _("description (English)"),
        blank=True,
        max_length=LONG_TEXT,
        validators=[MaxLengthValidator(LONG_TEXT)],
    )
    description_fr = models.TextField(
        _("description (French)"),
        blank=True,
        max_length=LONG_TEXT,
        validators=[MaxLengthValidator(LONG_TEXT)],
    )
    category = models.CharField(_("category"), max_length=200, blank=True)
    withdrawn = models.BooleanField(_("withdrawn"), default=False)

    objects = CodelistItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("codelist item")
        verbose_name_plural = _("codelist items")
        ordering = ["codelist", "code"]
        constraints = [
            models.UniqueConstraint(fields=["codelist", "code"], name="codelist_item_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def name(self) -> str:
        if (get_language() or "fr").startswith("fr") and self.name_fr:
            return self.name_fr
        return self.name_en

    @property
    def description(self) -> str:
        if (get_language() or "fr").startswith("fr") and self.description_fr:
            return self.description_fr
        return self.description_en


# --- Saved list filters ----------------------------------------------------------------


class SavedFilterQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> SavedFilterQuerySet:
        # A saved filter is a personal bookmark: its owner alone sees it, admins included.
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        return self.filter(user=user)


MAX_QUERY_LENGTH = 2000  # a list's query string: filters, search, sort


class SavedFilter(TimestampedModel):
    """A user's named query string of a list page ("Mes communes du Maroc")."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="saved_filters",
    )
    list_name = models.CharField(
        _("list"), max_length=100, help_text=_("The list's URL name, e.g. actors:person_list")
    )
    name = models.CharField(_("name"), max_length=100)
    query = models.TextField(
        _("query string"),
        blank=True,
        max_length=MAX_QUERY_LENGTH,
        validators=[MaxLengthValidator(MAX_QUERY_LENGTH)],
    )

    objects = SavedFilterQuerySet.as_manager()

    class Meta:
        verbose_name = _("saved filter")
        verbose_name_plural = _("saved filters")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "list_name", "name"], name="saved_filter_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        query = f"?{self.query}" if self.query else ""
        return f"{reverse(self.list_name)}{query}"


# Imports from files: their models live in their own module (see its docstring), imported
# here, last, because Django finds an app's models in its `models` module.
from maillage.core.models_imports import ImportMapping, ImportSession, ImportState  # noqa: E402, F401
from maillage.core.models_scheduler import Delivery, ScheduledRun  # noqa: E402, F401
from maillage.core.models_search import SearchEntry  # noqa: E402, F401
