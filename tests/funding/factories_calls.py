"""Factories of calls, applications and grants (F2's part of the funding area)."""

import datetime as dt
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from maillage.funding.models import (
    Application,
    ApplicationStatus,
    Call,
    CallAttachment,
    CallDocument,
    ChecklistItem,
    Grant,
    ObligationKind,
    ReportingObligation,
    Tranche,
)
from tests.funding.factories_plans import InstrumentFactory
from tests.partnerships.factories import AgreementFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class CallFactory(DjangoModelFactory):
    class Meta:
        model = Call

    instrument = factory.SubFactory(InstrumentFactory)
    title = factory.Sequence(lambda n: f"Appel à projets {n}")
    reference = factory.Sequence(lambda n: f"AAP-2027-{n:03d}")
    published_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    deadline_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=40))
    deadline_time = dt.time(12, 0)
    deadline_tz = "Europe/Paris"


class CallDocumentFactory(DjangoModelFactory):
    class Meta:
        model = CallDocument

    call = factory.SubFactory(CallFactory)
    name = factory.Sequence(lambda n: f"Pièce {n}")
    required = True


class CallAttachmentFactory(DjangoModelFactory):
    class Meta:
        model = CallAttachment

    call = factory.SubFactory(CallFactory)
    title = "Règlement de l'appel"
    file = factory.LazyFunction(lambda: ContentFile(PDF, name="reglement.pdf"))
    content_type = "application/pdf"


class ApplicationFactory(DjangoModelFactory):
    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory)
    idea_title = factory.Sequence(lambda n: f"Idée de projet {n}")
    status = ApplicationStatus.DRAFTING
    requested_amount = Decimal("50000.00")
    currency = "EUR"


class ChecklistItemFactory(DjangoModelFactory):
    class Meta:
        model = ChecklistItem

    application = factory.SubFactory(ApplicationFactory)
    name = factory.Sequence(lambda n: f"Document {n}")
    required = True


class GrantFactory(DjangoModelFactory):
    class Meta:
        model = Grant

    application = factory.SubFactory(ApplicationFactory, status=ApplicationStatus.GRANTED)
    agreement = factory.SubFactory(AgreementFactory)
    amount = Decimal("40000.00")
    currency = "EUR"
    start_on = dt.date(2026, 1, 1)
    end_on = dt.date(2027, 12, 31)


class ReportingObligationFactory(DjangoModelFactory):
    class Meta:
        model = ReportingObligation

    grant = factory.SubFactory(GrantFactory)
    kind = ObligationKind.NARRATIVE
    title = factory.Sequence(lambda n: f"Rapport intermédiaire {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))


class TrancheFactory(DjangoModelFactory):
    class Meta:
        model = Tranche

    grant = factory.SubFactory(GrantFactory)
    position = factory.Sequence(lambda n: n + 1)
    expected_on = dt.date(2026, 3, 1)
    expected_amount = Decimal("10000.00")
