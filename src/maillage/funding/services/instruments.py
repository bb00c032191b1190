"""Writes of donors, instruments and their prerequisites. An instrument's rules refuse
themselves when they contradict each other (`Instrument.clean`, named constraints), the
same through the pages, the API and the demo."""

from __future__ import annotations

from typing import Any

from maillage.core.services import ModelService
from maillage.funding.models import Donor, Instrument, InstrumentPrerequisite
from maillage.funding.money import round_money


class DonorService(ModelService[Donor]):
    model = Donor


class InstrumentService(ModelService[Instrument]):
    """Instruments; amounts kept to their currency's minor unit."""

    model = Instrument

    @classmethod
    def prepare(cls, obj: Instrument, *, by: Any, before: Instrument | None) -> None:
        obj.min_amount = round_money(obj.min_amount, obj.currency)
        obj.max_amount = round_money(obj.max_amount, obj.currency)


class InstrumentPrerequisiteService(ModelService[InstrumentPrerequisite]):
    model = InstrumentPrerequisite
