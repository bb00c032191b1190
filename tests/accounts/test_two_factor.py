"""Two-factor authentication (TOTP): setup from the shown secret, the login's second step,
replays, recovery codes, lockout, turning it off, and the administrators' obligation."""

import html
import re

import pyotp
import pytest
from django.urls import reverse

from maillage.accounts import two_factor
from maillage.accounts.models import AuditEvent, TwoFactorDevice
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

T0 = 1_800_000_010  # 10 s into a 30 s time step
Kind = AuditEvent.Kind


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    """The TOTP clock stands still at T0 unless a test moves it."""
    clock = {"now": T0}
    monkeypatch.setattr(two_factor, "clock", lambda: clock["now"])
    return clock


def code_at(secret, steps=0):
    return pyotp.TOTP(secret).at(T0 + 30 * steps)


def shown_secret(response):
    match = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', response.content.decode())
    assert match, "the setup page shows the secret"
    return match.group(1).replace(" ", "")


def set_up(client, user):
    """Turn 2FA on through the page, as a person would; the secret and recovery codes."""
    client.force_login(user)
    page = client.get(reverse("accounts:two_factor"))
    secret = shown_secret(page)
    response = client.post(
        reverse("accounts:two_factor"), {"action": "enable", "code": code_at(secret)}
    )
    assert response.status_code == 302
    page = client.get(reverse("accounts:two_factor")).content.decode()
    codes = re.findall(r"<li><code>([a-z0-9]{5}-[a-z0-9]{5})</code></li>", page)
    client.logout()
    return secret, codes


def log_in_with_password(client, username="camille", **extra):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": PASSWORD, **extra}
    )


def send_code(client, code):
    return client.post(reverse("accounts:login_code"), {"code": code})


def test_the_setup_page_shows_a_secret_uri_and_qr_code_and_a_code_turns_it_on(client):
    user = UserFactory(username="camille")
    client.force_login(user)
    response = client.get(reverse("accounts:two_factor"))
    body = response.content.decode()
    secret = shown_secret(response)
    uri = html.unescape(re.search(r'href="(otpauth://[^"]+)"', body).group(1))
    assert pyotp.parse_uri(uri).secret == secret
    assert uri.startswith("otpauth://totp/Maillage:camille?")
    assert '<svg width="' in body and 'class="qr-code"' in body
    assert response["Cache-Control"] == "no-store"
    # The same secret until confirmed (a reload does not change what was scanned).
    assert shown_secret(client.get(reverse("accounts:two_factor"))) == secret

    response = client.post(reverse("accounts:two_factor"), {"action": "enable", "code": "123456"})
    assert response.status_code == 422
    assert not TwoFactorDevice.objects.filter(user=user).exists()

    response = client.post(
        reverse("accounts:two_factor"), {"action": "enable", "code": code_at(secret)}
    )
    assert response.status_code == 302
    assert TwoFactorDevice.objects.get(user=user).secret == secret
    page = client.get(reverse("accounts:two_factor")).content.decode()
    codes = re.findall(r"<li><code>([a-z0-9]{5}-[a-z0-9]{5})</code></li>", page)
    assert len(codes) == 8
    # Never shown again: neither the secret nor the recovery codes.
    response = client.get(reverse("accounts:two_factor"))
    assert response.context["recovery_left"] == 8
    again = response.content.decode()
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    assert 'class="secret"' not in again and grouped not in again and secret not in again
    assert "otpauth://" not in again
    assert codes[0] not in again
    assert AuditEvent.objects.filter(event=Kind.TWO_FACTOR_ENABLED, user=user).exists()
    # Stored digests only.
    assert codes[0] not in str(TwoFactorDevice.objects.get(user=user).recovery_codes)


def test_login_asks_for_the_code_and_signs_in_only_with_the_right_one(client, frozen_clock):
    user = UserFactory(username="camille", first_name="Camille")
    secret, _codes = set_up(client, user)
    logins = AuditEvent.objects.filter(event=Kind.LOGIN, user=user)
    before = logins.count()

    response = log_in_with_password(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login_code")
    assert "_auth_user_id" not in client.session
    assert logins.count() == before
    assert client.get("/").status_code == 302  # not signed in yet

    response = send_code(client, "000000" if code_at(secret, 1) != "000000" else "111111")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(
        event=Kind.LOGIN_FAILED, user=user, detail__step="two_factor"
    ).exists()

    frozen_clock["now"] = T0 + 30
    response = send_code(client, code_at(secret, 1))
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:home")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get("/").status_code == 200
    assert logins.count() == before + 1
    assert logins.latest("pk").ip == "127.0.0.1"


def test_a_code_is_accepted_once_a_replay_in_the_same_window_is_refused(client, frozen_clock):
    user = UserFactory(username="camille")
    secret, _codes = set_up(client, user)
    # The code used to confirm the setup cannot sign in afterwards either.
    log_in_with_password(client)
    assert send_code(client, code_at(secret)).status_code == 200
    assert "_auth_user_id" not in client.session

    frozen_clock["now"] = T0 + 30
    assert send_code(client, code_at(secret, 1)).status_code == 302
    client.logout()
    log_in_with_password(client)
    response = send_code(client, code_at(secret, 1))
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    # One step of clock drift is allowed, further is not.
    assert send_code(client, code_at(secret, 3)).status_code == 200
    assert send_code(client, code_at(secret, 2)).status_code == 302


def test_the_code_page_keeps_the_next_page_and_needs_the_password_step_first(client, frozen_clock):
    user = UserFactory(username="camille")
    secret, _codes = set_up(client, user)
    assert client.get(reverse("accounts:login_code")).status_code == 302
    response = log_in_with_password(client, next="/projects/")
    assert response["Location"] == reverse("accounts:login_code")
    frozen_clock["now"] = T0 + 30
    response = send_code(client, code_at(secret, 1))
    assert response["Location"] == "/projects/"


def test_the_pending_password_step_expires(client):
    user = UserFactory(username="camille")
    secret, _codes = set_up(client, user)
    log_in_with_password(client)
    session = client.session
    session["_two_factor_pending"]["at"] -= 3600
    session.save()
    response = send_code(client, code_at(secret, 1))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_a_recovery_code_signs_in_once(client):
    user = UserFactory(username="camille")
    _secret, codes = set_up(client, user)
    assert len(codes) == 8
    log_in_with_password(client)
    assert send_code(client, codes[0].upper()).status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert AuditEvent.objects.filter(event=Kind.RECOVERY_CODE_USED, user=user).exists()
    client.logout()
    log_in_with_password(client)
    assert send_code(client, codes[0]).status_code == 200
    assert "_auth_user_id" not in client.session
    assert len(TwoFactorDevice.objects.get(user=user).recovery_codes) == 7


def test_wrong_codes_count_towards_the_lockout(client, settings, frozen_clock):
    user = UserFactory(username="camille")
    secret, _codes = set_up(client, user)
    log_in_with_password(client)
    responses = [send_code(client, "999999") for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert responses[-1].status_code == 429
    assert AuditEvent.objects.filter(event=Kind.LOCKOUT, username="camille").exists()
    # Locked: neither the password step nor a right code gets in.
    response = log_in_with_password(client)
    assert response.status_code == 429
    frozen_clock["now"] = T0 + 30
    send_code(client, code_at(secret, 1))
    assert "_auth_user_id" not in client.session


def test_turning_it_off_needs_a_current_code(client, frozen_clock):
    user = UserFactory(username="camille")
    secret, _codes = set_up(client, user)
    client.force_login(user)
    response = client.post(reverse("accounts:two_factor"), {"action": "disable", "code": "1"})
    assert response.status_code == 422
    response = client.post(
        reverse("accounts:two_factor"), {"action": "disable", "code": code_at(secret)}
    )
    assert response.status_code == 422  # already used to set it up
    assert TwoFactorDevice.objects.filter(user=user).exists()
    frozen_clock["now"] = T0 + 30
    response = client.post(
        reverse("accounts:two_factor"), {"action": "disable", "code": code_at(secret, 1)}
    )
    assert response.status_code == 302
    assert not TwoFactorDevice.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(event=Kind.TWO_FACTOR_DISABLED, user=user).exists()
    client.logout()
    assert log_in_with_password(client)["Location"] == reverse("reporting:home")


def test_renewing_recovery_codes_needs_a_code_and_replaces_them(client, frozen_clock):
    user = UserFactory(username="camille")
    secret, old_codes = set_up(client, user)
    client.force_login(user)
    frozen_clock["now"] = T0 + 30
    client.post(reverse("accounts:two_factor"), {"action": "renew", "code": code_at(secret, 1)})
    page = client.get(reverse("accounts:two_factor")).content.decode()
    new_codes = re.findall(r"<li><code>([a-z0-9]{5}-[a-z0-9]{5})</code></li>", page)
    assert len(new_codes) == 8 and not set(new_codes) & set(old_codes)
    client.logout()
    log_in_with_password(client)
    assert send_code(client, old_codes[1]).status_code == 200
    assert send_code(client, new_codes[1]).status_code == 302


def test_too_many_wrong_codes_on_the_settings_page_end_the_session(client, settings):
    user = UserFactory(username="camille")
    set_up(client, user)
    client.force_login(user)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            reverse("accounts:two_factor"), {"action": "disable", "code": "999999"}
        )
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session
    assert TwoFactorDevice.objects.filter(user=user).exists()


def test_the_secret_is_in_no_history_and_no_api_answer(client):
    user = UserFactory(username="camille")
    secret, _codes = set_up(client, user)
    client.force_login(user)
    assert secret not in client.get("/api/me").content.decode()
    assert not hasattr(user.history.model, "secret")


# -- the administrators' obligation ---------------------------------------------------


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED_FOR_ADMINS = True


@pytest.mark.parametrize("url", ["/", "/projects/", "/accounts/users/", "/accounts/password/"])
def test_an_admin_without_two_factor_is_sent_to_its_setup(client, required, admin_user, url):
    client.force_login(admin_user)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two_factor")


def test_the_admin_can_still_set_it_up_log_out_and_the_api_refuses(client, required, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("accounts:two_factor"))
    assert page.status_code == 200
    assert page.context["required"] is True
    assert client.get("/api/me").status_code == 403
    response = client.get("/", headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == reverse("accounts:two_factor")
    assert client.post(reverse("accounts:logout")).status_code == 302


def test_once_two_factor_is_on_the_admin_goes_everywhere(client, required, admin_user):
    set_up(client, admin_user)
    client.force_login(admin_user)
    assert client.get("/").status_code == 200
    assert client.get("/accounts/users/").status_code == 200


def test_other_roles_are_not_held(client, required, officer):
    client.force_login(officer)
    assert client.get("/").status_code == 200


def test_without_the_setting_an_admin_is_not_held(client, settings, admin_user):
    settings.TWO_FACTOR_REQUIRED_FOR_ADMINS = False
    client.force_login(admin_user)
    assert client.get("/").status_code == 200


def test_every_user_finds_the_page_in_the_user_menu(client, officer):
    client.force_login(officer)
    assert f'href="{reverse("accounts:two_factor")}"' in client.get("/").content.decode()


def test_an_operator_can_reset_a_lost_authenticator(client):
    from django.core.management import call_command

    user = UserFactory(username="camille")
    set_up(client, user)
    call_command("reset_two_factor", "camille")
    assert not TwoFactorDevice.objects.filter(user=user).exists()
    event = AuditEvent.objects.filter(event=Kind.TWO_FACTOR_DISABLED).latest("pk")
    assert event.user == user and event.detail == {"by": "reset_two_factor command"}


def test_the_api_token_needs_the_second_factor_too(client, frozen_clock):
    from maillage.accounts import two_factor
    from tests.factories import PASSWORD, UserFactory

    user = UserFactory(username="deux")
    secret = two_factor.new_secret()
    totp = pyotp.TOTP(secret)
    assert two_factor.enable(user, secret, totp.at(frozen_clock["now"])) is not None
    credentials = {"username": "deux", "password": PASSWORD}
    response = client.post("/api/auth/token", credentials, content_type="application/json")
    assert response.status_code == 401 and "token" not in response.json()
    wrong = {**credentials, "code": "000000"}
    assert client.post("/api/auth/token", wrong, content_type="application/json").status_code == 401
    frozen_clock["now"] += 30  # the enabling code is spent; the next step's code works
    right = {**credentials, "code": totp.at(frozen_clock["now"])}
    response = client.post("/api/auth/token", right, content_type="application/json")
    assert response.status_code == 200 and response.json()["token"]
