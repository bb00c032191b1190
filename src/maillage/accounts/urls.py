from django.contrib.auth import views as auth_views
from django.urls import path

from maillage.accounts import views
from maillage.accounts.views import UserViews

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/code/", views.login_code, name="login_code"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("two-factor/", views.TwoFactorView.as_view(), name="two_factor"),
    path("tokens/", views.token_list, name="token_list"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("language/", views.set_language, name="set_language"),
    path("audit/", views.audit_list, name="audit_list"),
    path("users/", UserViews.list_view(), name="user_list"),
    path("users/new/", UserViews.create_view(), name="user_create"),
    path("users/export/", UserViews.export_view(), name="user_export"),
    path("users/<int:pk>/", UserViews.detail_view(), name="user_detail"),
    path("users/<int:pk>/edit/", UserViews.update_view(), name="user_update"),
    path("users/<int:pk>/delete/", UserViews.delete_view(), name="user_delete"),
    path("users/<int:pk>/history/", UserViews.history_view(), name="user_history"),
    path("users/<int:pk>/tokens/", views.user_tokens, name="user_tokens"),
]
