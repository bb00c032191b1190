"""Times on the users and audit pages read in the reader's time zone (the site's, or
the one the user chose), and the audit's details in the reader's language."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from maillage.accounts.models import AuditEvent, Role
from maillage.accounts.services import UserService
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NOON_UTC = dt.datetime(2025, 6, 10, 12, 0, tzinfo=dt.UTC)


def _page(client, name, **query):
    response = client.get(reverse(name), query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_users_page_shows_times_in_the_readers_time_zone(client, admin_user):
    UserFactory(username="vera", last_login=NOON_UTC)
    client.force_login(admin_user)
    page = _page(client, "accounts:user_list")
    assert "10/06/2025 14:00" in page  # Paris, summer time: the site's zone
    assert "10/06/2025 12:00" not in page
    admin_user.timezone = "America/New_York"
    admin_user.save()
    assert "10/06/2025 08:00" in _page(client, "accounts:user_list")


def test_the_audit_page_shows_times_in_the_readers_time_zone(client, admin_user):
    AuditEvent.objects.create(event=AuditEvent.Kind.LOGIN_FAILED, username="guess", at=NOON_UTC)
    admin_user.timezone = "Africa/Casablanca"
    admin_user.save()
    client.force_login(admin_user)
    page = _page(client, "accounts:audit_list", event="login_failed")
    assert "10/06/2025 13:00" in page


def test_a_time_zone_that_does_not_exist_is_refused(admin_user):
    from django.core.exceptions import ValidationError

    target = UserFactory(username="vera")
    with pytest.raises(ValidationError) as refused:
        UserService.update(obj=target, data={"timezone": "Mars/Olympus"}, by=admin_user)
    assert "timezone" in refused.value.message_dict


def test_audit_details_read_in_the_readers_language(client, admin_user):
    target = UserFactory(username="vera", role=Role.VIEWER)
    UserService.update(obj=target, data={"role": Role.OFFICER}, by=admin_user)
    client.force_login(admin_user)
    page = _page(client, "accounts:audit_list", event="role_change")
    assert "old_role" not in page and "new_role" not in page
    assert "Chargé(e) de coopération" in page  # the role by its name
    admin_user.language = "en"
    admin_user.save()
    with translation.override("en"):
        page = _page(client, "accounts:audit_list", event="role_change")
    assert "former role: Viewer" in page and "new role: Cooperation officer" in page
