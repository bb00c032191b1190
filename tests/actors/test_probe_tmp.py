import re
from django.urls import reverse
from tests.actors.test_observatory import login
import pytest

pytestmark = pytest.mark.django_db


def test_probe(client, partner, world):
    login(client, partner)
    body = client.get(reverse("actors:observatory")).content.decode()
    for m in re.finditer("Nord", body):
        print(body[m.start() - 100 : m.end() + 50])
