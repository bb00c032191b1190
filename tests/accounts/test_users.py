"""Accounts are written through their service: a role change is audited with who made
it, an account is deactivated and never erased, and never by its own holder."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from maillage.accounts import hooks as account_hooks
from maillage.accounts.models import AuditEvent, Role, User
from maillage.accounts.services import UserService
from maillage.core import hooks
from maillage.core.services import error_dict, service_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
Kind = AuditEvent.Kind
OWN_ACCOUNT = "Vous ne pouvez pas désactiver votre propre compte."


def _form(user, **changes):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": user.role,
        "language": user.language,
        "is_active": "on" if user.is_active else "",
    }
    return {k: v for k, v in (data | changes).items() if v != ""}


def test_the_users_pages_write_through_the_user_service():
    assert service_for(User) is UserService


def test_a_role_change_made_outside_a_request_is_recorded_with_who_made_it(admin_user):
    target = UserFactory(username="vera", role=Role.VIEWER)
    UserService.update(obj=target, data={"role": Role.OFFICER}, by=admin_user)
    event = AuditEvent.objects.get(event=Kind.ROLE_CHANGE)
    assert event.user == admin_user
    assert event.ip is None
    assert event.detail == {
        "target_id": target.pk,
        "target": "vera",
        "old_role": "viewer",
        "new_role": "officer",
    }


def test_a_save_that_keeps_the_role_records_no_role_change(client, admin_user):
    target = UserFactory(username="vera", role=Role.VIEWER)
    client.force_login(admin_user)
    response = client.post(
        reverse("accounts:user_update", args=[target.pk]), _form(target, first_name="Véra")
    )
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(event=Kind.ROLE_CHANGE).exists()


def test_a_role_change_through_the_page_keeps_the_address_it_came_from(client, admin_user):
    target = UserFactory(username="vera", role=Role.VIEWER)
    client.force_login(admin_user)
    client.post(
        reverse("accounts:user_update", args=[target.pk]),
        _form(target, role=Role.OFFICER),
        REMOTE_ADDR="203.0.113.9",
    )
    assert AuditEvent.objects.get(event=Kind.ROLE_CHANGE).ip == "203.0.113.9"


def test_deleting_an_account_deactivates_it_and_says_so(admin_user):
    leaver = UserFactory(username="partant")
    said = UserService.delete(obj=leaver, by=admin_user)
    assert "partant" in said or str(leaver) in said
    leaver.refresh_from_db()
    assert not leaver.is_active
    assert leaver.history.first().history_user == admin_user


def test_an_admin_cannot_deactivate_their_own_account_from_the_edit_form_either(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("accounts:user_update", args=[admin_user.pk]), _form(admin_user, is_active="")
    )
    assert response.status_code == 422
    assert OWN_ACCOUNT in response.content.decode()
    admin_user.refresh_from_db()
    assert admin_user.is_active


def test_the_service_refuses_to_deactivate_the_acting_account(admin_user):
    with pytest.raises(ValidationError) as refused:
        UserService.delete(obj=admin_user, by=admin_user)
    assert error_dict(refused.value) == {"__all__": [OWN_ACCOUNT]}


def test_the_users_entry_of_the_navigation_is_for_administrators_only(admin_user, officer):
    assert account_hooks.navigation in hooks.get_hooks(hooks.NAVIGATION)
    [entry] = account_hooks.navigation(admin_user)
    assert (str(entry.label), entry.url, entry.order) == (
        "Utilisateurs",
        reverse("accounts:user_list"),
        95,
    )
    assert account_hooks.navigation(officer) == []


def test_the_menu_shows_users_to_administrators_only(client, admin_user, officer):
    url = reverse("accounts:user_list")
    client.force_login(admin_user)
    assert f'href="{url}"' in client.get(reverse("accounts:password_change")).content.decode()
    client.force_login(officer)
    assert f'href="{url}"' not in client.get(reverse("accounts:password_change")).content.decode()
