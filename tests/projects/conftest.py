import pytest

from maillage.core.models import Codelist, CodelistItem


@pytest.fixture
def sectors(db):
    """Two DAC sectors: water supply and sanitation."""
    codelist = Codelist.objects.create(name="Sector")
    water = CodelistItem.objects.create(codelist=codelist, code="14021", name_en="Water supply")
    sanitation = CodelistItem.objects.create(
        codelist=codelist, code="14022", name_en="Sanitation - large systems"
    )
    return water, sanitation
