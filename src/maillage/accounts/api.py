from typing import Any

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from maillage.accounts import two_factor
from maillage.accounts.models import User


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username", "first_name", "last_name", "email", "role", "language"]
        read_only_fields = fields


class MeView(APIView):
    """The signed-in user."""

    serializer_class = UserSerializer

    def get(self, request: Request) -> Response:
        user: Any = request.user
        return Response(UserSerializer(user).data)


class TokenThrottle(AnonRateThrottle):
    rate = "20/min"


class TokenView(APIView):
    """Exchange a username and password for an API token."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes = [TokenThrottle]

    @extend_schema(
        request=inline_serializer(
            "TokenRequest",
            {"username": serializers.CharField(), "password": serializers.CharField()},
        ),
        responses={200: inline_serializer("TokenResponse", {"token": serializers.CharField()})},
        auth=[],
    )
    def post(self, request: Request) -> Response:
        username = request.data.get("username") if isinstance(request.data, dict) else None
        password = request.data.get("password") if isinstance(request.data, dict) else None
        if not isinstance(username, str) or not isinstance(password, str):
            return Response(
                {"detail": _("Send a JSON object with username and password.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        user = authenticate(request._request, username=username, password=password)
        if user is None or not user.is_active:
            return Response(
                {"detail": _("Wrong username or password.")}, status=status.HTTP_401_UNAUTHORIZED
            )
        if user.has_two_factor:
            # The second factor guards the API as it guards the pages.
            code = request.data.get("code")
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
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
