"""The crawler of test_crawler.py as the administrator, who opens every page and form
(the users, the audit and the settings too): a file of its own, minutes of crawling that
another worker runs beside the other roles' (`--dist loadfile`)."""

import pytest

from tests.test_crawler import crawl_as, plain_templates  # noqa: F401 (the fixture)


@pytest.mark.django_db
def test_the_crawler_finds_no_server_error_and_no_unescaped_echo_as_admin(
    built_demo,
    client,
    plain_templates,  # noqa: F811
):
    crawl_as(client, "admin")
