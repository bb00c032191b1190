from typing import Any

from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

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
