"""Training (H2): sessions and workshops with their trainers, participants, attendance,
feedback and skills gained; and the training needs noted for people."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.core.dates import dates_in_order, end_before_start
from maillage.core.models import (
    LiveManager,
    SearchableModel,
    SearchQuerySet,
    SoftDeleteModel,
    TimestampedModel,
    VersionedModel,
)
from maillage.core.text import SHORT_TEXT, TEXT, normalize

SCORE_RANGE = _("Enter a score between 1 and 5.")


def skill_list(text: str) -> list[str]:
    """ "Gestion de cycle de projet, budget" → the topics, as typed, without blanks."""
    return [part.strip() for part in (text or "").replace(";", ",").split(",") if part.strip()]


def skill_keys(text: str) -> set[str]:
    """The topics of `text`, accents and capitals set aside, for matching needs."""
    return {normalize(part) for part in skill_list(text)}


class TrainingKind(models.TextChoices):
    TRAINING = "training", _("Training")
    WORKSHOP = "workshop", _("Workshop")


class TrainingQuerySet(SearchQuerySet):
    """Training records are internal: partners see none, even the sessions their own
    people attend (the default)."""


class TrainingSession(SoftDeleteModel, VersionedModel, SearchableModel, TimestampedModel):
    """A training session or workshop: objectives, trainers, dates, place (or online),
    the skills it targets, its participants and their feedback."""

    create_title = _("New training session")

    SEARCH_FIELDS = ("title", "skills", "place")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=16, choices=TrainingKind.choices, default=TrainingKind.TRAINING
    )
    objectives = models.TextField(
        _("objectives"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    trainers = models.ManyToManyField(
        "actors.Person", verbose_name=_("trainers"), blank=True, related_name="trainings_given"
    )
    start_on = models.DateField(_("start date"))
    end_on = models.DateField(_("end date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    online = models.BooleanField(_("online"), default=False)
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_sessions",
    )
    skills = models.CharField(
        _("skills targeted"),
        max_length=SHORT_TEXT,
        blank=True,
        help_text=_("Topics separated by commas, e.g. project cycle management, budgeting."),
    )
    history = HistoricalRecords(m2m_fields=[trainers])

    objects = LiveManager.from_queryset(TrainingQuerySet)()
    all_objects = models.Manager.from_queryset(TrainingQuerySet)()

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-start_on", "pk"]
        constraints = [dates_in_order("trainingsession_dates_in_order")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("team:trainingsession_detail", args=[self.pk])

    def clean(self) -> None:
        if end_before_start(self.start_on, self.end_on):
            raise ValidationError({"end_on": _("The session cannot end before it starts.")})
        if not self.online and not self.place:
            raise ValidationError(
                {"place": _("Say where the session takes place, or tick online.")}
            )

    @property
    def skill_list(self) -> list[str]:
        return skill_list(self.skills)


class TrainingParticipant(TimestampedModel):
    """A person taking part in a session (staff or a partner's people): whether they
    attended and the skills they gained."""

    create_title = _("New participant")

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("training session"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    person = models.ForeignKey(
        "actors.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="training_participations",
    )
    attended = models.BooleanField(_("attended"), default=False)
    skills_gained = models.CharField(_("skills gained"), max_length=SHORT_TEXT, blank=True)
    history = HistoricalRecords()

    objects = SearchQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["person__last_name", "person__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"],
                name="trainingparticipant_once_per_session",
                violation_error_message=_("This person already takes part in the session."),
            )
        ]

    def __str__(self) -> str:
        return str(self.person) if self.person_id else ""

    def get_absolute_url(self) -> str:
        return reverse("team:trainingsession_detail", args=[self.session_id])


def score_field(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


def score_in_range(field: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__gte": 1, f"{field}__lte": 5}),
        name=f"trainingfeedback_{field}_range",
        violation_error_message=SCORE_RANGE,
    )


# The questionnaire's scored questions, in the order of the form and of the results.
SCORES = ("content", "trainer", "organisation", "usefulness")


class TrainingFeedback(TimestampedModel):
    """One participant's answers to the session's short questionnaire: satisfaction with
    the content, the trainer and the organisation, usefulness (1 to 5), a comment."""

    create_title = _("New feedback")

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("training session"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    participant = models.OneToOneField(
        TrainingParticipant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    content = score_field(_("content"))
    trainer = score_field(_("trainer"))
    organisation = score_field(_("organisation"))
    usefulness = score_field(_("usefulness"))
    comment = models.TextField(
        _("comment"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    history = HistoricalRecords()

    objects = SearchQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["pk"]
        constraints = [score_in_range(name) for name in SCORES]

    def __str__(self) -> str:
        return _("Feedback of %(person)s") % {
            "person": self.participant if self.participant_id else ""
        }

    def get_absolute_url(self) -> str:
        return reverse("team:trainingsession_detail", args=[self.session_id])

    def clean(self) -> None:
        if (
            self.participant_id
            and self.session_id
            and self.participant.session_id != self.session_id
        ):
            raise ValidationError({"participant": _("Choose a participant of this session.")})


class NeedPriority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class TrainingNeed(SoftDeleteModel, VersionedModel, SearchableModel, TimestampedModel):
    """A training need noted for a person: a skill or topic and its priority, matched to
    the planned sessions that target it (team.selectors.training)."""

    create_title = _("New training need")

    SEARCH_FIELDS = ("person", "topic")

    person = models.ForeignKey(
        "actors.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="training_needs",
    )
    topic = models.CharField(_("skill or topic"), max_length=200)
    priority = models.CharField(
        _("priority"), max_length=8, choices=NeedPriority.choices, default=NeedPriority.MEDIUM
    )
    noted_on = models.DateField(_("noted on"))
    note = models.CharField(_("note"), max_length=SHORT_TEXT, blank=True)
    history = HistoricalRecords()

    objects = LiveManager.from_queryset(TrainingQuerySet)()
    all_objects = models.Manager.from_queryset(TrainingQuerySet)()

    class Meta:
        verbose_name = _("training need")
        verbose_name_plural = _("training needs")
        ordering = ["-noted_on", "pk"]

    def __str__(self) -> str:
        return f"{self.topic} — {self.person}" if self.person_id else self.topic

    def get_absolute_url(self) -> str:
        return reverse("team:trainingneed_detail", args=[self.pk])
