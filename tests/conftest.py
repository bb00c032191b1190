import pytest
from django.conf import settings
from django.utils import translation

from maillage.accounts.models import Role
from tests.factories import MembershipFactory, ProjectFactory, UserFactory


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in French, whatever language the previous request activated."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def officer(db):
    return UserFactory(username="officer", role=Role.OFFICER)


@pytest.fixture
def viewer(db):
    return UserFactory(username="viewer", role=Role.VIEWER)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", role=Role.ADMIN)


@pytest.fixture
def partner(db):
    return UserFactory(username="partner", role=Role.PARTNER)


@pytest.fixture
def partner_project(partner):
    """A project the `partner` fixture is a member of."""
    project = ProjectFactory(code="SHARED-1", title="Projet partagé")
    MembershipFactory(project=project, user=partner)
    return project


@pytest.fixture
def other_project(db):
    """A project the `partner` fixture is not a member of."""
    return ProjectFactory(code="OTHER-1", title="Projet confidentiel")
