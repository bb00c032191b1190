"""The crawler of test_crawler.py as the officer, `camille`, who sees every write button
of the network's and the twinning's pages: a file of its own, minutes of crawling that
another worker runs beside the other roles' (`--dist loadfile`)."""

import pytest

from tests.test_crawler import crawl_as, plain_templates  # noqa: F401 (the fixture)


@pytest.mark.django_db
def test_the_crawler_finds_no_server_error_and_no_unescaped_echo_as_officer(
    built_demo,
    client,
    plain_templates,  # noqa: F811
):
    crawl_as(client, "camille")
