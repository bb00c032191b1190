"""Sign-in (with its two-factor step), password, two-factor authentication, preferences,
the audit trail and the administrators' user management."""

from __future__ import annotations

import time
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from maillage.accounts import two_factor
from maillage.accounts.audit import record
from maillage.accounts.filters import UserFilterSet
from maillage.accounts.forms import ApiTokenForm, CodeForm, UserForm
from maillage.accounts.models import ApiToken, AuditEvent, Role, User
from maillage.accounts.selectors import api_tokens_of, audit_events
from maillage.accounts.services import ApiTokenService
from maillage.accounts.services import set_language as set_language_of
from maillage.accounts.throttling import password_reset_wait
from maillage.core.crud import Column, CrudViews
from maillage.core.pagination import DeepPaginator

SUPPORTED_LANGUAGES = {code for code, _name in settings.LANGUAGES}
Kind = AuditEvent.Kind

# Session keys of the two-factor steps.
PENDING_LOGIN = "_two_factor_pending"  # password checked, code awaited: not signed in yet
PENDING_SECONDS = 300
SETUP_KEY = "_two_factor_setup"  # the secret being set up, shown until confirmed
NEW_RECOVERY_CODES = "_two_factor_new_codes"  # shown once, on the next page
MANAGE_FAILURES = "_two_factor_failures"
TOKEN_FAILURES = "_api_token_failures"  # noqa: S105 (a session key: wrong passwords on the tokens page)


class LoginView(auth_views.LoginView):
    """The password step. A user with two-factor authentication is not signed in here:
    the password is remembered as checked, and the code page signs in."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if not user.has_two_factor:
            return super().form_valid(form)
        self.request.session[PENDING_LOGIN] = {
            "user_id": user.pk,
            "backend": user.backend,
            "at": int(time.time()),
            "next": self.get_redirect_url(),
        }
        return redirect("accounts:login_code")


def _pending_login(request: HttpRequest) -> tuple[User, dict[str, Any]] | None:
    pending = request.session.get(PENDING_LOGIN)
    if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        request.session.pop(PENDING_LOGIN, None)
        return None
    user = User.objects.filter(pk=pending.get("user_id"), is_active=True).first()
    if user is None or not user.has_two_factor:
        request.session.pop(PENDING_LOGIN, None)
        return None
    return user, pending


@never_cache
def login_code(request: HttpRequest) -> HttpResponse:
    """The second sign-in step: a code from the authenticator app, or a recovery code.

    Wrong codes count as failed logins for axes (same username and address), so the
    lockout covers both steps.
    """
    found = _pending_login(request)
    if found is None:
        messages.info(request, _("Please log in again."))
        return redirect("accounts:login")
    user, pending = found
    form = CodeForm(request.POST if request.method == "POST" else None, recovery=True)
    if request.method == "POST" and form.is_valid():
        credentials = {"username": user.get_username(), "step": "two_factor"}
        if AxesProxyHandler.is_locked(request, credentials):
            request.session.pop(PENDING_LOGIN, None)
            return get_lockout_response(request, None, credentials)
        method = two_factor.verify(user, form.cleaned_data["code"])
        if method is None:
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            form.add_error("code", _("This code is not valid. Enter the current code."))
        else:
            del request.session[PENDING_LOGIN]
            auth_login(request, user, backend=pending["backend"])
            if method == "recovery":
                left = two_factor.remaining_recovery_codes(user)
                record(Kind.RECOVERY_CODE_USED, request, user=user, remaining=left)
                messages.warning(
                    request,
                    _("You used a recovery code; %(count)s left. Renew them if few are left.")
                    % {"count": left},
                )
            target = pending.get("next") or resolve_url(settings.LOGIN_REDIRECT_URL)
            return HttpResponseRedirect(target)
    return render(request, "accounts/login_code.html", {"form": form})


class TwoFactorView(LoginRequiredMixin, View):
    """Turn two-factor authentication on (scan, confirm a code) or off, renew recovery codes.

    The secret is shown only while being set up; once confirmed it is never shown again.
    Turning it off or renewing the recovery codes needs a current code.
    """

    template_name = "accounts/two_factor.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.page(CodeForm(recovery=request.user.has_two_factor))

    def post(self, request: HttpRequest) -> HttpResponse:
        user: Any = request.user
        action = request.POST.get("action")
        form = CodeForm(request.POST, recovery=user.has_two_factor)
        if not form.is_valid():
            return self.page(form, status=422)
        code = form.cleaned_data["code"]
        if not user.has_two_factor and action == "enable":
            secret = request.session.get(SETUP_KEY)
            codes = two_factor.enable(user, secret, code) if secret else None
            if codes is None:
                return self.refuse(form)
            del request.session[SETUP_KEY]
            request.session[NEW_RECOVERY_CODES] = codes
            record(Kind.TWO_FACTOR_ENABLED, request)
            messages.success(request, _("Two-factor authentication is on."))
        elif user.has_two_factor and action in {"disable", "renew"}:
            if two_factor.verify(user, code) is None:
                return self.refuse(form)
            if action == "disable":
                two_factor.disable(user)
                record(Kind.TWO_FACTOR_DISABLED, request)
                messages.success(request, _("Two-factor authentication is off."))
            else:
                request.session[NEW_RECOVERY_CODES] = two_factor.renew_recovery_codes(user)
                record(Kind.RECOVERY_CODES, request)
                messages.success(request, _("New recovery codes replace the old ones."))
        request.session.pop(MANAGE_FAILURES, None)
        return redirect("accounts:two_factor")

    def refuse(self, form: CodeForm) -> HttpResponse:
        """A wrong code; after too many, the session ends (a stolen session can't guess)."""
        request = self.request
        failures = request.session.get(MANAGE_FAILURES, 0) + 1
        request.session[MANAGE_FAILURES] = failures
        if failures >= settings.AXES_FAILURE_LIMIT:
            auth_logout(request)
            messages.error(request, _("Too many wrong codes: log in again."))
            return redirect("accounts:login")
        form.add_error("code", _("This code is not valid. Enter the current code."))
        return self.page(form, status=422)

    def page(self, form: CodeForm, status: int = 200) -> HttpResponse:
        request = self.request
        user: Any = request.user
        context: dict[str, Any] = {"form": form, "enabled": user.has_two_factor}
        if user.has_two_factor:
            context["device"] = user.two_factor
            context["recovery_left"] = len(user.two_factor.recovery_codes)
            context["new_recovery_codes"] = request.session.pop(NEW_RECOVERY_CODES, None)
        else:
            secret = request.session.get(SETUP_KEY)
            if not secret:
                secret = request.session[SETUP_KEY] = two_factor.new_secret()
            uri = two_factor.provisioning_uri(secret, user)
            context.update(
                secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
                uri=uri,
                qr_code=two_factor.qr_code_svg(uri, _("QR code to scan")),
                required=user.is_admin and settings.TWO_FACTOR_REQUIRED_FOR_ADMINS,
            )
        response = render(request, self.template_name, context, status=status)
        response["Cache-Control"] = "no-store"
        return response


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    """The audit trail, newest first; administrators only."""
    if not request.user.is_admin:  # type: ignore[union-attr]  # login_required: never an AnonymousUser here
        raise PermissionDenied
    event = request.GET.get("event", "")
    username = request.GET.get("username", "").strip()[:150]
    events = audit_events(event=event, username=username)
    page = DeepPaginator(events, 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "page": page,
        "kinds": Kind.choices,
        "event": event,
        "username": username,
        "querystring": params.urlencode(),
    }
    return render(request, "accounts/audit_list.html", context)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    # The home page belongs to a higher app: its route comes from the settings.
    success_url = reverse_lazy(settings.LOGIN_REDIRECT_URL)

    def form_valid(self, form: forms.Form) -> HttpResponse:
        response = super().form_valid(form)
        record(Kind.PASSWORD_CHANGE, self.request)
        messages.success(self.request, _("Your password has been changed."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        email = form.cleaned_data["email"]
        wait = password_reset_wait(self.request, email)
        if wait is not None:
            # Counted per address and per email address, across all server processes.
            minutes = max(1, -(-wait // 60))
            form.add_error(
                None,
                ngettext(
                    "Too many reset requests: try again in %(minutes)s minute. If you "
                    "received a link already, use the most recent one.",
                    "Too many reset requests: try again in %(minutes)s minutes. If you "
                    "received a link already, use the most recent one.",
                    minutes,
                )
                % {"minutes": minutes},
            )
            response = self.form_invalid(form)
            response.status_code = 429
            response["Retry-After"] = str(wait)
            return response
        accounts = list(form.get_users(email))
        record(
            Kind.PASSWORD_RESET_REQUEST,
            self.request,
            user=accounts[0] if len(accounts) == 1 else None,
            username=", ".join(u.get_username() for u in accounts),
            email=email,
            accounts=len(accounts),
        )
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        record(Kind.PASSWORD_RESET, self.request, user=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language: kept on the account, and in a cookie for sign-in."""
    language = request.POST.get("language", "")
    home = resolve_url(settings.LOGIN_REDIRECT_URL)
    target = request.POST.get("next") or home
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = home
    response = HttpResponseRedirect(target)
    if language not in SUPPORTED_LANGUAGES:
        return response
    if request.user.is_authenticated:
        # The account itself, not the request's lazy proxy of it, is what the service locks.
        set_language_of(user=User.objects.get(pk=request.user.pk), language=language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.HTTPS,
    )
    return response


@login_required
@never_cache
def token_list(request: HttpRequest) -> HttpResponse:
    """The signed-in user's API tokens: see them, revoke them, make a named one (its key
    is shown on this answer only, never stored)."""
    user: Any = request.user
    form = ApiTokenForm(request.POST or None, user=user)
    new_key = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            request.session.pop(TOKEN_FAILURES, None)
            token, new_key = ApiTokenService.issue(
                user=user, name=form.cleaned_data["name"], by=user
            )
            messages.success(request, _("Token “%(name)s” created.") % {"name": token.name})
            form = ApiTokenForm(user=user)
        else:
            status = 422
            if form.has_error("password", "wrong_password"):
                failures = request.session.get(TOKEN_FAILURES, 0) + 1
                request.session[TOKEN_FAILURES] = failures
                if failures >= settings.AXES_FAILURE_LIMIT:
                    # A stolen session does not get to guess the password here.
                    auth_logout(request)
                    messages.error(request, _("Too many wrong passwords: log in again."))
                    return redirect("accounts:login")
    context = {
        "form": form,
        "tokens": api_tokens_of(user, viewer=user),
        "new_key": new_key,
        "lifetime_days": settings.API_TOKEN_DAYS,
    }
    response = render(request, "accounts/token_list.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one token: one's own, or anyone's for an administrator (else 404)."""
    token = get_object_or_404(ApiToken.objects.visible_to(request.user), pk=pk)
    if ApiTokenService.revoke(obj=token, by=request.user, reason="page"):
        messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    if token.user_id == request.user.pk:
        return redirect("accounts:token_list")
    return redirect("accounts:user_tokens", pk=token.user_id)


@login_required
def user_tokens(request: HttpRequest, pk: int) -> HttpResponse:
    """An account's API tokens, for administrators: see and revoke them."""
    if not request.user.is_admin:  # type: ignore[union-attr]  # login_required: never an AnonymousUser here
        raise PermissionDenied
    account = get_object_or_404(User.objects.visible_to(request.user), pk=pk)
    context = {
        "object": account,
        "crud": UserViews,
        "list_url": reverse("accounts:user_list"),
        "verbose_name_plural": User._meta.verbose_name_plural,
        "may_write": True,
        "tab": "tokens",
        "tokens": api_tokens_of(account, viewer=request.user),
    }
    return render(request, "accounts/user_tokens.html", context)


class UserViews(CrudViews):
    model = User
    form_class = UserForm
    filterset_class = UserFilterSet
    view_roles = frozenset({Role.ADMIN})
    write_roles = frozenset({Role.ADMIN})
    searchable = False
    # Details, History and the account's API tokens.
    tabs_template = "accounts/_user_tabs.html"
    columns = (
        Column("username", link=True),
        Column("first_name"),
        Column("last_name"),
        Column("email"),
        Column("role"),
        Column("is_active"),
        Column("last_login"),
    )
    detail_fields = (
        "username",
        "first_name",
        "last_name",
        "email",
        "role",
        "language",
        "timezone",
        "working_hours_start",
        "working_hours_end",
        "working_days",
        "is_active",
        "last_login",
        "date_joined",
    )
