"""Text from users is shown as formatting only: nothing in it runs or loads anything."""

import pytest
from django.template import Context, Template

from maillage.core.sanitize import render_markdown, sanitize_html


@pytest.mark.parametrize(
    ("dirty", "gone"),
    [
        ("<p>Bonjour<script>alert(1)</script></p>", "alert"),
        ("<p onclick=\"alert(1)\" onmouseover='x()'>Salut</p>", "on"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ('<a href="javascript:alert(1)">lien</a>', "javascript"),
        ('<a href="JaVaScRiPt:alert(1)">lien</a>', "script:"),
        ('<a href="java&#x09;script:alert(1)">lien</a>', "script:"),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">lien</a>', "data:"),
        ('<p style="background:url(javascript:alert(1))">x</p>', "style"),
        ('<iframe src="https://evil.example"></iframe>', "iframe"),
        ('<svg onload="alert(1)"><script>alert(1)</script></svg>', "alert"),
        ('<object data="x.swf"></object><embed src="x.swf">', "swf"),
        ("<style>body{display:none}</style>", "display"),
        ('<form action="/accounts/logout/"><button>ok</button></form>', "form"),
        ("<!-- <script>alert(1)</script> -->", "alert"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "refresh"),
    ],
)
def test_dangerous_html_is_removed(dirty, gone):
    assert gone not in sanitize_html(dirty).lower()


def test_allowed_formatting_is_kept():
    html = (
        "<h2>Bilan</h2><p><strong>Gras</strong> et <em>italique</em><br>suite</p>"
        '<ul><li>un</li></ul><ol start="3"><li>trois</li></ol><blockquote>cité</blockquote>'
        "<pre><code>x = 1</code></pre><table><thead><tr><th>a</th></tr></thead>"
        "<tbody><tr><td>1</td></tr></tbody></table>"
    )
    assert sanitize_html(html) == html


def test_links_keep_web_and_mail_addresses_and_get_rel():
    html = sanitize_html(
        '<a href="https://example.org/x" target="_blank">site</a> <a href="mailto:a@b.fr">m</a>'
    )
    assert html == (
        '<a href="https://example.org/x" rel="noopener noreferrer">site</a> '
        '<a href="mailto:a@b.fr" rel="noopener noreferrer">m</a>'
    )


def test_relative_links_lose_their_address():
    assert "href" not in sanitize_html('<a href="/accounts/logout/">sortir</a>')


def test_images_are_not_loaded_from_notes():
    assert "<img" not in sanitize_html('<img src="https://tracker.example/pixel.gif">')


def test_markdown_emphasis_lists_and_links_render():
    html = render_markdown(
        "Réunion du *lundi* avec **l’ONG**\n\n- budget\n- calendrier\n\n"
        "1. un\n2. deux\n\n[Compte-rendu](https://example.org/cr)"
    )
    assert "<em>lundi</em>" in html and "<strong>l’ONG</strong>" in html
    assert "<ul>\n<li>budget</li>\n<li>calendrier</li>\n</ul>" in html
    assert "<ol>\n<li>un</li>" in html
    assert '<a href="https://example.org/cr" rel="noopener noreferrer">Compte-rendu</a>' in html


def test_markdown_headings_start_below_the_page_title():
    html = render_markdown("# Bilan\n\n## Détails\n\n#### Plus bas")
    assert "<h2>Bilan</h2>" in html and "<h3>Détails</h3>" in html
    assert "<h4>Plus bas</h4>" in html and "<h1" not in html


def test_markdown_keeps_line_breaks_tables_and_strikethrough():
    html = render_markdown("ligne 1\nligne 2 ~~annulé~~\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert "ligne 1<br>" in html and "<s>annulé</s>" in html
    assert "<td>1</td>" in html


def test_html_inside_markdown_is_shown_as_text():
    html = render_markdown('Voir <script>alert(1)</script> et <img src=x onerror="alert(1)">')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_markdown_links_to_scripts_are_not_links():
    html = render_markdown("[clic](javascript:alert(1)) [b](vbscript:x) [c](data:text/html,x)")
    assert "href" not in html


def test_empty_text_gives_nothing():
    assert render_markdown(None) == render_markdown("") == ""
    assert sanitize_html(None) == ""


def test_the_template_filters_render_safe_html():
    template = Template("{% load sanitize %}{{ note|markdown }}|{{ html|sanitize_html }}")
    out = template.render(
        Context({"note": "*Bonjour* <b>x</b>", "html": '<p onclick="x">ok</p><script>1</script>'})
    )
    assert out == "<p><em>Bonjour</em> &lt;b&gt;x&lt;/b&gt;</p>\n|<p>ok</p>"
