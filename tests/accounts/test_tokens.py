"""API tokens that can die: a new key at each issue, stored as a digest; refused after
logout, revocation, expiry, a password change or reset and a two-factor change; the
tokens page and the administrators' view of anyone's; the two-factor rule on Bearer
requests; rate limits counted in the shared cache; the API's documents for signed-in
users only."""

import datetime as dt
import hashlib

import pytest
from django.core.cache import caches
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from maillage.accounts import two_factor
from maillage.accounts.models import ApiToken, AuditEvent, Role
from tests.accounts.test_two_factor import T0, code_at, set_up
from tests.factories import PASSWORD, UserFactory, api_token

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
NEW_PASSWORD = "un-nouveau-mot-2026"


def reset_wait(minutes):
    """The page's message, in the active language."""
    return ngettext(
        "Too many reset requests: try again in %(minutes)s minute. If you "
        "received a link already, use the most recent one.",
        "Too many reset requests: try again in %(minutes)s minutes. If you "
        "received a link already, use the most recent one.",
        minutes,
    ) % {"minutes": minutes}


@pytest.fixture
def clock(monkeypatch):
    """timezone.now() stands still at NOW unless a test moves it (clock["now"] = …)."""
    state = {"now": NOW}
    monkeypatch.setattr(timezone, "now", lambda: state["now"])
    return state


@pytest.fixture(autouse=True)
def totp_clock(monkeypatch):
    """The authenticator's clock stands still at T0 unless a test moves it."""
    state = {"now": T0}
    monkeypatch.setattr(two_factor, "clock", lambda: state["now"])
    return state


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def me(client, key):
    return client.get("/api/me", **bearer(key))


def ask_token(client, username="camille", password=PASSWORD, *, address="127.0.0.1", **fields):
    return client.post(
        "/api/auth/token",
        {"username": username, "password": password, **fields},
        content_type="application/json",
        REMOTE_ADDR=address,
    )


@pytest.fixture
def camille(db):
    return UserFactory(username="camille", email="camille@example.org", role=Role.OFFICER)


# -- issue ------------------------------------------------------------------------------


def test_each_request_issues_a_new_key_with_its_expiry_and_name(client, camille, clock, settings):
    settings.API_TOKEN_DAYS = 30
    first = ask_token(client, name="Tableau de bord")
    second = ask_token(client)
    assert first.status_code == second.status_code == 200
    body = first.json()
    assert set(body) == {"token", "expires_at", "name"}
    assert body["name"] == "Tableau de bord" and second.json()["name"] == "API"
    assert dt.datetime.fromisoformat(body["expires_at"]) == NOW + dt.timedelta(days=30)
    assert body["token"] != second.json()["token"]  # never the same key again
    assert me(client, body["token"]).status_code == 200
    assert me(client, second.json()["token"]).status_code == 200


def test_only_a_digest_and_a_short_prefix_of_the_key_are_stored(camille):
    key = api_token(camille)
    token = ApiToken.objects.get(user=camille)
    assert token.digest == hashlib.sha256(key.encode()).hexdigest()
    assert token.prefix == key[:8] and len(key) > 40
    stored = [str(getattr(token, f.attname)) for f in ApiToken._meta.concrete_fields]
    assert not any(key in value for value in stored)


@pytest.mark.parametrize("name", ["", "   ", "x" * 101, 7, None])
def test_a_bad_name_is_a_400_naming_the_field(client, camille, name):
    response = ask_token(client, name=name)
    assert response.status_code == 400
    assert "name" in response.json()
    assert not ApiToken.objects.exists()


def test_a_key_that_is_not_one_is_refused_with_401(client, camille):
    api_token(camille)
    for header in ("Bearer nothing-like-a-key", "Bearer", "Bearer a b", "Bearer é"):
        response = client.get("/api/me", HTTP_AUTHORIZATION=header.encode().decode("latin-1"))
        assert response.status_code == 401, header
        assert response["WWW-Authenticate"].startswith("Bearer")


# -- death ------------------------------------------------------------------------------


def test_logout_revokes_the_token_it_is_sent_with_and_no_other(client, camille):
    gone, kept = api_token(camille), api_token(camille)
    response = client.post("/api/auth/logout", **bearer(gone))
    assert response.status_code == 204
    assert me(client, gone).status_code == 401
    assert client.post("/api/auth/logout", **bearer(gone)).status_code == 401
    assert me(client, kept).status_code == 200


def test_logout_with_a_session_and_no_token_has_nothing_to_revoke(client, camille):
    key = api_token(camille)
    client.force_login(camille)
    assert client.post("/api/auth/logout").status_code == 400
    assert me(client, key).status_code == 200


def test_an_expired_token_is_refused(client, camille, clock, settings):
    settings.API_TOKEN_DAYS = 90
    key = api_token(camille)
    clock["now"] = NOW + dt.timedelta(days=90) - dt.timedelta(seconds=1)
    assert me(client, key).status_code == 200
    clock["now"] = NOW + dt.timedelta(days=90)
    response = me(client, key)
    assert response.status_code == 401
    assert ApiToken.objects.get().state == "expired"


def test_an_inactive_accounts_token_is_refused(client, camille):
    key = api_token(camille)
    camille.is_active = False
    camille.save()
    assert me(client, key).status_code == 401


def test_changing_the_password_revokes_every_token(client, camille):
    keys = [api_token(camille), api_token(camille)]
    client.force_login(camille)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert [me(client, key).status_code for key in keys] == [401, 401]
    event = AuditEvent.objects.filter(event=AuditEvent.Kind.TOKEN_REVOKED).get()
    assert event.user == camille and event.detail["count"] == 2
    assert event.detail["reason"] == "password"


def test_a_password_reset_revokes_every_token(client, camille, mailoutbox):
    key = api_token(camille)
    client.post(reverse("accounts:password_reset"), {"email": "camille@example.org"})
    link = next(line for line in mailoutbox[0].body.splitlines() if "/password/reset/" in line)
    form_url = client.get("/" + link.split("://", 1)[1].split("/", 1)[1], follow=True)
    assert me(client, key).status_code == 200  # following the link alone changes nothing
    response = client.post(
        form_url.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert me(client, key).status_code == 401


def test_signing_in_and_out_of_the_pages_leaves_tokens_alone(client, camille):
    key = api_token(camille)
    client.post(reverse("accounts:login"), {"username": "camille", "password": PASSWORD})
    assert "_auth_user_id" in client.session
    client.post(reverse("accounts:logout"))
    assert me(client, key).status_code == 200


def test_a_password_rehashed_at_sign_in_revokes_nothing(client, camille, settings):
    # A stronger hasher upgrades the stored hash at the next sign-in: the same password.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    key = api_token(camille)
    response = ask_token(client)
    assert response.status_code == 200
    camille.refresh_from_db()
    assert camille.password.startswith("pbkdf2_")
    assert me(client, key).status_code == 200


def test_turning_two_factor_on_then_off_revokes_every_token(client, camille, totp_clock):
    before = api_token(camille)
    secret, _codes = set_up(client, camille)
    assert me(client, before).status_code == 401
    during = ask_token(client, code=code_at(secret, 1)).json()["token"]
    assert me(client, during).status_code == 200
    client.force_login(camille)
    totp_clock["now"] = T0 + 60
    response = client.post(
        reverse("accounts:two_factor"), {"action": "disable", "code": code_at(secret, 2)}
    )
    assert response.status_code == 302
    assert me(client, during).status_code == 401


def test_the_operators_reset_of_two_factor_revokes_tokens_too(client, camille):
    from django.core.management import call_command

    secret, _codes = set_up(client, camille)
    key = ask_token(client, code=code_at(secret, 1)).json()["token"]
    call_command("reset_two_factor", "camille")
    assert me(client, key).status_code == 401


def test_last_used_is_written_at_most_once_a_minute(client, camille, clock):
    key = api_token(camille)
    token = ApiToken.objects.get()
    assert token.last_used_at is None
    me(client, key)
    token.refresh_from_db()
    assert token.last_used_at == NOW
    clock["now"] = NOW + dt.timedelta(seconds=59)
    me(client, key)
    token.refresh_from_db()
    assert token.last_used_at == NOW
    clock["now"] = NOW + dt.timedelta(seconds=61)
    me(client, key)
    token.refresh_from_db()
    assert token.last_used_at == NOW + dt.timedelta(seconds=61)


# -- the two-factor rule on Bearer requests ---------------------------------------------


def test_an_admin_without_two_factor_gets_403_on_the_api_when_the_rule_is_on(client, settings):
    admin = UserFactory(username="chef", role=Role.ADMIN)
    key = api_token(admin)
    settings.TWO_FACTOR_REQUIRED_FOR_ADMINS = False
    assert me(client, key).status_code == 200
    settings.TWO_FACTOR_REQUIRED_FOR_ADMINS = True
    for response in (me(client, key), client.get("/api/projects", **bearer(key))):
        assert response.status_code == 403
        assert "deux facteurs" in response.json()["detail"]
    # No new token it could not use; but it may still end the one it has.
    assert ask_token(client, username="chef").status_code == 403
    assert client.post("/api/auth/logout", **bearer(key)).status_code == 204
    assert ApiToken.objects.get().revoked_at is not None


def test_the_rule_spares_other_roles_and_admins_with_two_factor(client, settings, camille):
    settings.TWO_FACTOR_REQUIRED_FOR_ADMINS = True
    assert me(client, api_token(camille)).status_code == 200
    admin = UserFactory(username="chef", role=Role.ADMIN)
    secret, _codes = set_up(client, admin)
    key = ask_token(client, username="chef", code=code_at(secret, 1)).json()["token"]
    assert me(client, key).status_code == 200


# -- rate limits ------------------------------------------------------------------------


@pytest.fixture
def token_rates(settings):
    def set_rates(address="100/min", account="100/min"):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"token_address": address, "token_account": account},
        }

    return set_rates


def test_token_requests_are_limited_per_address_with_a_json_429(client, camille, token_rates):
    token_rates(address="3/min")
    for username in ("camille", "other", "third"):
        ask_token(client, username=username, password="wrong")
    # Another address claimed in X-Forwarded-For changes nothing: the real one counts.
    response = client.post(
        "/api/auth/token",
        {"username": "camille", "password": PASSWORD},
        content_type="application/json",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json() and int(response["Retry-After"]) > 0
    other_address = ask_token(client, address="198.51.100.7")
    assert other_address.status_code == 200


def test_token_requests_are_limited_per_account_from_any_address(client, camille, token_rates):
    token_rates(account="2/min")
    for address in ("198.51.100.1", "198.51.100.2"):
        assert ask_token(client, address=address).status_code == 200
    response = ask_token(client, username="CAMILLE", address="198.51.100.3")
    assert response.status_code == 429 and response.json()["detail"]
    assert ask_token(client, username="other", address="198.51.100.3").status_code == 401


def test_the_counts_live_in_the_shared_database_cache(client, camille):
    from django.core.cache.backends.db import DatabaseCache

    assert isinstance(caches["shared"], DatabaseCache)
    ask_token(client)
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM maillage_cache")
        keys = [row[0] for row in cursor.fetchall()]
    assert sum("token_address" in k for k in keys) == 1
    assert sum("token_account" in k for k in keys) == 1
    assert not any("camille" in k for k in keys)


def test_a_locked_out_account_gets_json_on_the_api(client, camille, settings):
    assert ask_token(client, password="wrong").status_code == 401
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        ask_token(client, password="wrong")
    response = ask_token(client)
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"] and int(response["Retry-After"]) == 15 * 60


def test_password_reset_requests_are_limited_per_address(client, camille, settings, mailoutbox):
    settings.PASSWORD_RESET_RATE = "2/hour"
    for email in ("camille@example.org", "nobody@example.org"):
        assert client.post(reverse("accounts:password_reset"), {"email": email}).status_code == 302
    response = client.post(reverse("accounts:password_reset"), {"email": "camille@example.org"})
    assert response.status_code == 429
    (message,) = response.context["form"].non_field_errors()
    assert message == reset_wait(60)
    assert escape(message) in response.content.decode()
    assert int(response["Retry-After"]) > 0
    assert len(mailoutbox) == 1
    elsewhere = client.post(
        reverse("accounts:password_reset"),
        {"email": "autre@example.org"},
        REMOTE_ADDR="198.51.100.4",
    )
    assert elsewhere.status_code == 302


def test_password_reset_requests_are_limited_per_email_from_any_address(
    client, camille, settings, mailoutbox
):
    settings.PASSWORD_RESET_RATE = "2/hour"
    for address in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        response = client.post(
            reverse("accounts:password_reset"),
            {"email": "Camille@example.org"},
            REMOTE_ADDR=address,
        )
    assert response.status_code == 429
    assert len(mailoutbox) == 2


# -- the pages --------------------------------------------------------------------------


def test_the_tokens_page_lists_ones_own_tokens_with_their_state(client, camille, clock):
    api_token(camille, name="Script de synchro")
    revoked = api_token(camille, name="Ancien script")
    client.post("/api/auth/logout", **bearer(revoked))
    api_token(UserFactory(username="autre"), name="Le jeton d’un autre")
    client.force_login(camille)
    page = client.get(reverse("accounts:token_list"))
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    body = page.content.decode()
    assert "Script de synchro" in body and "Ancien script" in body
    assert "Le jeton d’un autre" not in body
    assert pgettext("API token", "Active") in body
    assert pgettext("API token", "Revoked") in body
    assert body.count(f"{_('Revoke')}</button>") == 1


def test_a_named_token_is_made_on_the_page_and_its_key_shown_once(client, camille):
    client.force_login(camille)
    response = client.post(
        reverse("accounts:token_list"), {"name": "Export nocturne", "password": PASSWORD}
    )
    assert response.status_code == 200
    key = response.context["new_key"]
    assert key in response.content.decode()
    assert ApiToken.objects.get().name == "Export nocturne"
    assert me(client, key).status_code == 200
    assert key not in client.get(reverse("accounts:token_list")).content.decode()
    assert AuditEvent.objects.filter(event=AuditEvent.Kind.TOKEN_CREATED, user=camille).exists()


def test_making_a_token_on_the_page_needs_the_password(client, camille, settings):
    client.force_login(camille)
    url = reverse("accounts:token_list")
    response = client.post(url, {"name": "Script", "password": "wrong"})
    assert response.status_code == 422
    assert not ApiToken.objects.exists()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"name": "Script", "password": "wrong"})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_a_token_revoked_on_the_page_is_refused(client, camille):
    key = api_token(camille)
    client.force_login(camille)
    token = ApiToken.objects.get()
    response = client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:token_list")
    assert me(client, key).status_code == 401
    event = AuditEvent.objects.get(event=AuditEvent.Kind.TOKEN_REVOKED)
    assert event.detail["token"] == key[:8] and event.detail["by"] == "camille"


def test_nobody_but_an_admin_revokes_another_users_token(client, camille):
    key = api_token(camille)
    token = ApiToken.objects.get()
    for role in (Role.OFFICER, Role.VIEWER, Role.PARTNER):
        client.force_login(UserFactory(role=role))
        assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
        assert client.get(reverse("accounts:user_tokens", args=[camille.pk])).status_code == 403
    assert me(client, key).status_code == 200
    assert client.get(reverse("accounts:token_revoke", args=[token.pk])).status_code == 405


def test_an_admin_sees_and_revokes_anyones_tokens(client, camille, admin_user):
    key = api_token(camille, name="Script de Camille")
    api_token(admin_user, name="Le script de l’admin")
    client.force_login(admin_user)
    page = client.get(reverse("accounts:user_tokens", args=[camille.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Script de Camille" in body and "Le script de l’admin" not in body
    assert (
        f'href="{reverse("accounts:user_tokens", args=[camille.pk])}"'
        in client.get(reverse("accounts:user_detail", args=[camille.pk])).content.decode()
    )
    token = ApiToken.objects.get(user=camille)
    response = client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response["Location"] == reverse("accounts:user_tokens", args=[camille.pk])
    assert me(client, key).status_code == 401
    assert client.get(reverse("accounts:user_tokens", args=[99999])).status_code == 404


def test_every_user_finds_the_tokens_page_in_the_user_menu(client, camille):
    client.force_login(camille)
    assert f'href="{reverse("accounts:token_list")}"' in client.get("/").content.decode()


# -- the API's documents ----------------------------------------------------------------


def test_the_openapi_document_and_the_docs_are_for_signed_in_users(client, camille):
    response = client.get("/api/openapi.json")
    assert response.status_code == 401 and "paths" not in response.content.decode()
    response = client.get("/api/docs")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert client.get("/api/docs?script=").status_code == 302
    assert client.get("/api/openapi.json", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    key = api_token(camille)
    schema = client.get("/api/openapi.json", **bearer(key))
    assert schema.status_code == 200
    assert schema.json()["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert "/api/auth/logout" in schema.json()["paths"]
    assert client.get("/api/docs", **bearer(key)).status_code == 200
