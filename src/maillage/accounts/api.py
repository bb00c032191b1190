from typing import Any

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from maillage.accounts import two_factor
from maillage.accounts.authentication import TWO_FACTOR_REQUIRED
from maillage.accounts.models import ApiToken, User
from maillage.accounts.services import ApiTokenService
from maillage.accounts.throttling import TokenAccountThrottle, TokenAddressThrottle
from maillage.core.api import ModelSerializer

DEFAULT_TOKEN_NAME = "API"  # noqa: S105 (a label, not a secret)
NAME_MAX = ApiToken._meta.get_field("name").max_length or 100


class UserSerializer(ModelSerializer):
    class Meta:
        model = User
        fields = [
            "id",
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
        ]
        read_only_fields = fields


class MeView(APIView):
    """The signed-in user."""

    serializer_class = UserSerializer

    def get(self, request: Request) -> Response:
        user: Any = request.user
        return Response(UserSerializer(user).data)


class BearerScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI document describes accounts' Bearer tokens."""

    target_class = "maillage.accounts.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return build_bearer_security_scheme_object(
            header_name="Authorization",
            token_prefix="Bearer",  # noqa: S106 (the scheme's name, not a secret)
        )


class TokenView(APIView):
    """Exchange a username and password (and the two-factor code, when the account has
    one) for a new API token. Every call issues a new key, valid API_TOKEN_DAYS days."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes = [TokenAddressThrottle, TokenAccountThrottle]

    @extend_schema(
        request=inline_serializer(
            "TokenRequest",
            {
                "username": serializers.CharField(),
                "password": serializers.CharField(),
                "code": serializers.CharField(required=False),
                "name": serializers.CharField(required=False, max_length=NAME_MAX),
            },
        ),
        responses={
            200: inline_serializer(
                "TokenResponse",
                {
                    "token": serializers.CharField(),
                    "expires_at": serializers.DateTimeField(),
                    "name": serializers.CharField(),
                },
            )
        },
        auth=[],
    )
    def post(self, request: Request) -> Response:
        data = request.data if isinstance(request.data, dict) else {}
        username, password = data.get("username"), data.get("password")
        name = data.get("name", DEFAULT_TOKEN_NAME)
        if not isinstance(username, str) or not isinstance(password, str):
            return Response(
                {"detail": _("Send a JSON object with username and password.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        if not isinstance(name, str) or not name.strip() or len(name.strip()) > NAME_MAX:
            return Response(
                {
                    "name": [
                        _("Give the token a name of at most %(max)s characters.")
                        % {"max": NAME_MAX}
                    ]
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        user = authenticate(request._request, username=username, password=password)
        if user is None or not user.is_active:
            return Response(
                {"detail": _("Wrong username or password.")}, status=status.HTTP_401_UNAUTHORIZED
            )
        if user.has_two_factor:
            # The second factor guards the API as it guards the pages.
            code = data.get("code")
            if not isinstance(code, str) or two_factor.verify(user, code) is None:
                return Response(
                    {
                        "detail": _(
                            "This account uses two-factor authentication: "
                            'send its current code as "code".'
                        )
                    },
                    status=status.HTTP_401_UNAUTHORIZED,
                )
        elif two_factor.required_but_off(user):
            # A token it could not use: the rule holds administrators until 2FA is on.
            return Response({"detail": TWO_FACTOR_REQUIRED}, status=status.HTTP_403_FORBIDDEN)
        token, key = ApiTokenService.issue(user=user, name=name.strip(), by=user)
        return Response({"token": key, "expires_at": token.expires_at, "name": token.name})


class LogoutView(APIView):
    """Revoke the token this request is sent with (`Authorization: Bearer …`)."""

    permission_classes = [IsAuthenticated]
    # An administrator held by the two-factor rule may still end its token.
    two_factor_exempt = True

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        token = request.auth
        if not isinstance(token, ApiToken):
            return Response(
                {"detail": _("Send the token to revoke as “Authorization: Bearer <token>”.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        ApiTokenService.revoke(obj=token, by=request.user, reason="logout")
        return Response(status=status.HTTP_204_NO_CONTENT)
