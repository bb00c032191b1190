"""Sign-in, password, preferences and the administrators' user management."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.accounts.filters import UserFilterSet
from maillage.accounts.forms import UserForm
from maillage.accounts.models import Role, User
from maillage.core.crud import Column, CrudViews

SUPPORTED_LANGUAGES = {code for code, _name in settings.LANGUAGES}


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("core:home")

    def form_valid(self, form: forms.Form) -> HttpResponse:
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language: kept on the account, and in a cookie for sign-in."""
    language = request.POST.get("language", "")
    target = request.POST.get("next") or reverse("core:home")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("core:home")
    response = HttpResponseRedirect(target)
    if language not in SUPPORTED_LANGUAGES:
        return response
    if request.user.is_authenticated:
        User.objects.filter(pk=request.user.pk).update(language=language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.HTTPS,
    )
    return response


class UserViews(CrudViews):
    model = User
    form_class = UserForm
    filterset_class = UserFilterSet
    view_roles = frozenset({Role.ADMIN})
    write_roles = frozenset({Role.ADMIN})
    searchable = False
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
        "is_active",
        "last_login",
        "date_joined",
    )
