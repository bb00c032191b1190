"""Security headers, production transport settings, session and password policy, and the
audit trail of sign-ins and sensitive actions (model rows, log records, the admin page)."""

import json
import logging
import os
import subprocess
import sys

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from maillage.accounts.models import AuditEvent, Role
from maillage.core.security import build_permissions_policy, build_policy
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
Kind = AuditEvent.Kind

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def directives(header):
    parsed = {}
    for part in header.split(";"):
        name, _sep, value = part.strip().partition(" ")
        parsed[name] = value.strip()
    return parsed


def assert_security_headers(response):
    assert directives(response["Content-Security-Policy"]) == EXPECTED_CSP
    assert "unsafe-inline" not in directives(response["Content-Security-Policy"])["script-src"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


# -- headers ----------------------------------------------------------------------------


def test_a_page_carries_the_security_headers(client):
    assert_security_headers(client.get(reverse("accounts:login")))


def test_a_signed_in_page_carries_them_too(client, officer):
    client.force_login(officer)
    response = client.get("/")
    assert response.status_code == 200
    assert_security_headers(response)


def test_an_api_response_carries_the_security_headers(client, officer):
    assert_security_headers(client.get("/api/me"))  # refused: still protected
    client.force_login(officer)
    response = client.get("/api/projects")
    assert response.status_code == 200
    assert_security_headers(response)


def test_an_error_page_and_a_redirect_carry_them(client):
    assert_security_headers(client.get("/no-such-page/"))
    assert_security_headers(client.get("/"))


def test_a_static_file_carries_them(client):
    # WhiteNoise answers before XFrameOptionsMiddleware; CSP frame-ancestors covers it.
    response = client.get("/static/maillage/maillage.css")
    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"]) == EXPECTED_CSP
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_api_docs_load_their_start_up_script_from_a_file(client, officer):
    client.force_login(officer)
    response = client.get("/api/docs")
    assert response.status_code == 200
    body = response.content.decode()
    assert_security_headers(response)
    # Every <script> has a src: nothing inline for the CSP to refuse; no inline <style>.
    assert body.count("<script") == body.count("<script src=")
    assert "<style" not in body
    script = client.get("/api/docs?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


def test_the_policy_builders_write_the_header_syntax():
    assert build_policy({"default-src": ["'self'"], "upgrade-insecure-requests": True}) == (
        "default-src 'self'; upgrade-insecure-requests"
    )
    assert build_permissions_policy({"camera": [], "fullscreen": ["self"]}) == (
        "camera=(), fullscreen=(self)"
    )


def test_a_view_that_sets_its_own_policy_keeps_it(rf, settings):
    from django.http import HttpResponse

    from maillage.core.security import SecurityHeadersMiddleware

    def view(request):
        response = HttpResponse()
        response["Content-Security-Policy"] = "default-src 'none'"
        return response

    response = SecurityHeadersMiddleware(view)(rf.get("/"))
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_hsts_is_sent_over_https_when_configured(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get(reverse("accounts:login"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def production_settings(**env):
    """Selected settings as the production module reads them from this environment."""
    names = [
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "LANGUAGE_COOKIE_SECURE",
        "SESSION_COOKIE_AGE",
        "SESSION_EXPIRE_AT_BROWSER_CLOSE",
        "TWO_FACTOR_REQUIRED_FOR_ADMINS",
    ]
    code = (
        "import json; from maillage.config import settings as s; "
        f"print(json.dumps({{n: getattr(s, n, None) for n in {names!r}}}))"
    )
    keep = {k: v for k, v in os.environ.items() if k not in {"HTTPS", "DJANGO_SETTINGS_MODULE"}}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**keep, "SECRET_KEY": "s" * 50, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_https_turns_on_hsts_secure_cookies_and_required_two_factor(tmp_path):
    values = production_settings(HTTPS="true", VAR_DIR=str(tmp_path))
    assert values["SECURE_HSTS_SECONDS"] == 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    for name in ("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE"):
        assert values[name] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["CSRF_COOKIE_HTTPONLY"] is True
    assert values["TWO_FACTOR_REQUIRED_FOR_ADMINS"] is True
    assert values["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is False
    assert values["SESSION_COOKIE_AGE"] == 8 * 3600


def test_session_expiry_and_two_factor_obligation_follow_the_environment(tmp_path):
    values = production_settings(
        HTTPS="false",
        VAR_DIR=str(tmp_path),
        SESSION_EXPIRE_AT_BROWSER_CLOSE="true",
        TWO_FACTOR_REQUIRED_FOR_ADMINS="true",
    )
    assert values["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True
    assert values["TWO_FACTOR_REQUIRED_FOR_ADMINS"] is True
    assert values["SESSION_COOKIE_SECURE"] is None  # Django's default (False) over HTTP
    assert production_settings(VAR_DIR=str(tmp_path))["TWO_FACTOR_REQUIRED_FOR_ADMINS"] is False


# -- session and password policy ---------------------------------------------------------


def test_logging_in_renews_the_session_key(client):
    UserFactory(username="camille")
    client.get(reverse("accounts:login"))
    session = client.session
    session["probe"] = 1
    session.save()
    before = session.session_key
    client.post(reverse("accounts:login"), {"username": "camille", "password": PASSWORD})
    assert client.session.session_key != before
    assert client.session.get_expiry_age() == 8 * 3600


def test_passwords_need_at_least_ten_characters(client):
    with pytest.raises(ValidationError):
        validate_password("Zq7-kfw9x")  # 9 characters
    validate_password("Zq7-kfw9xy")
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "Zq7-kfw9x", "new_password2": "Zq7-kfw9x"},
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


# -- audit trail -------------------------------------------------------------------------


@pytest.fixture
def audit_log(caplog):
    caplog.set_level(logging.INFO, logger="maillage.audit")
    return lambda event: [r for r in caplog.records if getattr(r, "event", None) == event]


def test_a_login_is_recorded_with_user_address_and_a_log_record(client, audit_log):
    user = UserFactory(username="camille")
    client.post(
        reverse("accounts:login"),
        {"username": "camille", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
    )
    event = AuditEvent.objects.get(event=Kind.LOGIN)
    assert (event.user, event.username, event.ip) == (user, "camille", "203.0.113.7")
    (log,) = audit_log("login")
    assert (log.name, log.user_id, log.username, log.ip) == (
        "maillage.audit",
        user.pk,
        "camille",
        "203.0.113.7",
    )


@pytest.mark.parametrize("username", ["camille", "nobody"])
def test_a_failed_login_is_recorded(client, audit_log, username):
    user = UserFactory(username="camille")
    client.post(reverse("accounts:login"), {"username": username, "password": "wrong"})
    event = AuditEvent.objects.get(event=Kind.LOGIN_FAILED)
    assert event.username == username
    assert event.user == (user if username == "camille" else None)
    assert event.detail == {"step": "password"}
    assert "wrong" not in json.dumps(event.detail)
    (log,) = audit_log("login_failed")
    assert log.levelno == logging.WARNING


def test_a_lockout_is_recorded(client, settings):
    UserFactory(username="camille")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "camille", "password": "wrong"})
    assert AuditEvent.objects.filter(event=Kind.LOCKOUT, username="camille").exists()


def test_a_logout_is_recorded(client):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("accounts:logout"))
    assert AuditEvent.objects.filter(event=Kind.LOGOUT, user=user).count() == 1


def test_a_password_change_is_recorded(client, audit_log):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "un-nouveau-mot-2026",
            "new_password2": "un-nouveau-mot-2026",
        },
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(event=Kind.PASSWORD_CHANGE, user=user).count() == 1
    assert audit_log("password_change")


def test_a_password_reset_is_recorded(client, mailoutbox):
    user = UserFactory(username="camille", email="camille@example.org")
    client.post(reverse("accounts:password_reset"), {"email": "camille@example.org"})
    assert AuditEvent.objects.get(event=Kind.PASSWORD_RESET_REQUEST).user == user
    link = next(line for line in mailoutbox[0].body.splitlines() if "/password/reset/" in line)
    response = client.get("/" + link.split("://", 1)[1].split("/", 1)[1], follow=True)
    client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "un-nouveau-mot-2026", "new_password2": "un-nouveau-mot-2026"},
    )
    assert AuditEvent.objects.filter(event=Kind.PASSWORD_RESET, user=user).count() == 1


def test_a_role_change_is_recorded_with_who_made_it(client, admin_user):
    target = UserFactory(username="vera", role=Role.VIEWER)
    client.force_login(admin_user)
    response = client.post(
        reverse("accounts:user_update", args=[target.pk]),
        {
            "username": "vera",
            "first_name": target.first_name,
            "last_name": target.last_name,
            "email": target.email,
            "role": Role.OFFICER,
            "language": "fr",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(event=Kind.ROLE_CHANGE)
    assert event.user == admin_user
    assert event.detail == {
        "target_id": target.pk,
        "target": "vera",
        "old_role": "viewer",
        "new_role": "officer",
    }
    # Saving without a role change records nothing more.
    target.refresh_from_db()
    target.first_name = "Véra"
    target.save()
    assert AuditEvent.objects.filter(event=Kind.ROLE_CHANGE).count() == 1


def test_the_audit_page_is_for_administrators_only(client, officer, admin_user):
    client.force_login(officer)
    assert client.get(reverse("accounts:audit_list")).status_code == 403
    client.force_login(admin_user)
    assert client.get(reverse("accounts:audit_list")).status_code == 200


def test_the_audit_page_lists_newest_first_in_pages_and_filters(client, admin_user):
    for number in range(60):
        AuditEvent.objects.create(event=Kind.LOGIN_FAILED, username=f"guess{number:02d}")
    client.force_login(admin_user)  # the newest event: this login
    response = client.get(reverse("accounts:audit_list"))
    events = list(response.context["page"].object_list)
    assert len(events) == 50
    assert (events[0].event, events[0].username) == (Kind.LOGIN, "admin")
    assert events[1].username == "guess59"
    second = client.get(reverse("accounts:audit_list"), {"page": 2}).context["page"]
    assert [e.username for e in second.object_list][-1] == "guess00"
    filtered = client.get(reverse("accounts:audit_list"), {"event": "login"}).context["page"]
    assert [e.username for e in filtered.object_list] == ["admin"]
    assert "guess59" in response.content.decode()
