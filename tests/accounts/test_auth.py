"""Sign-in and its refusals: wrong password, unknown user, CSRF, anonymous access."""

import datetime as dt
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from maillage.accounts.models import AuditEvent
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_an_officer_logs_in_through_the_form_and_sees_the_french_home(client):
    UserFactory(username="camille", first_name="Camille")
    response = client.post(
        reverse("accounts:login"), {"username": "camille", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("reporting:home")
    body = response.content.decode()
    assert '<html lang="fr">' in body
    assert "Bonjour Camille" in body


def test_a_sign_in_records_its_time_and_leaves_the_accounts_history_as_it_was(client):
    """The account's history holds its changes, not its sign-ins (the audit trail has
    those): Django's own receiver saved the user, one empty history row per sign-in."""
    user = UserFactory(username="camille")
    changes = user.history.count()
    assert user.last_login is None
    signed_in_at = dt.datetime(2026, 3, 2, 8, 30, tzinfo=dt.UTC)
    with mock.patch("django.utils.timezone.now", return_value=signed_in_at):
        response = client.post(
            reverse("accounts:login"), {"username": "camille", "password": PASSWORD}
        )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.last_login == signed_in_at
    assert user.history.count() == changes
    assert AuditEvent.objects.filter(user=user, event=AuditEvent.Kind.LOGIN).count() == 1


@pytest.mark.parametrize("username", ["camille", "nobody"])
def test_a_wrong_password_or_unknown_user_is_refused_with_a_message(client, username):
    UserFactory(username="camille")
    response = client.post(reverse("accounts:login"), {"username": username, "password": "wrong"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Saisissez un nom d’utilisateur et un mot de passe valides" in response.content.decode()


def test_repeated_failures_lock_the_account_for_a_while(client, settings):
    UserFactory(username="camille")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "camille", "password": "wrong"})
    response = client.post(reverse("accounts:login"), {"username": "camille", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_tampered_csrf_token_is_refused_with_403_not_500():
    UserFactory(username="camille")
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("accounts:login"))
    response = client.post(
        reverse("accounts:login"),
        {"username": "camille", "password": PASSWORD, "csrfmiddlewaretoken": "tampered" * 8},
    )
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "url",
    ["/", "/projects/", "/actors/organisations/", "/jobs/", "/accounts/users/", "/search/?q=x"],
)
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("url", ["/api/projects", "/api/organisations", "/api/me"])
def test_an_anonymous_api_request_is_refused_with_401_or_403(client, url):
    response = client.get(url)
    assert response.status_code in (401, 403)
    assert "detail" in response.json()


def test_logout_ends_the_session(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_password_reset_sends_a_link_that_sets_a_new_password(client, mailoutbox):
    UserFactory(username="camille", email="camille@example.org")
    response = client.post(reverse("accounts:password_reset"), {"email": "camille@example.org"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/password/reset/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "un-nouveau-mot-2026", "new_password2": "un-nouveau-mot-2026"}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("accounts:login"), {"username": "camille", "password": "un-nouveau-mot-2026"}
    )
    assert response.status_code == 302


def test_password_change_needs_the_old_password(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "wrong",
            "new_password1": "un-nouveau-mot-2026",
            "new_password2": "un-nouveau-mot-2026",
        },
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_passwords_are_hashed_with_argon2_in_production_settings():
    from maillage.config import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_switching_to_english_is_kept_on_the_account(client):
    user = UserFactory(first_name="Camille")
    client.force_login(user)
    response = client.post(
        reverse("accounts:set_language"), {"language": "en", "next": "/"}, follow=True
    )
    assert '<html lang="en">' in response.content.decode()
    assert "Hello Camille" in response.content.decode()
    user.refresh_from_db()
    assert user.language == "en"


def test_the_language_switch_refuses_an_outside_redirect(client):
    response = client.post(
        reverse("accounts:set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_the_browser_language_does_not_override_french(client):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="fr">' in response.content.decode()


def test_an_admin_deactivates_an_account_but_not_their_own(client):
    from maillage.accounts.models import Role, User

    admin = UserFactory(username="chef", role=Role.ADMIN)
    leaver = UserFactory(username="partant")
    client.force_login(admin)
    response = client.post(reverse("accounts:user_delete", args=[leaver.pk]))
    assert response.status_code == 302
    leaver.refresh_from_db()
    assert User.objects.filter(pk=leaver.pk).exists() and not leaver.is_active
    # Refused by the account's service, with the reason on the account's page.
    response = client.post(reverse("accounts:user_delete", args=[admin.pk]), follow=True)
    assert "Vous ne pouvez pas désactiver votre propre compte" in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active
