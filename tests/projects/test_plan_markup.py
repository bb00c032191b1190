"""The Gantt's bars, links and table rows and the board's cards, written in Python
(`projects/views/plan_markup.py`) since the template engine took ~0.4 s for a 1,000-item
plan: the same markup as the templates' former loops (kept below, as they were), in
English and in French, for a plan with every case (critical, late, done, a milestone, a
long title, characters to escape, cards a partner may or may not move), and read in the
queries the pages already made."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from maillage.accounts.models import Role
from maillage.projects import planning, selectors
from maillage.projects.models import PlanItem, TaskStatus
from maillage.projects.views import plan_markup
from tests.factories import (
    ActivityFactory,
    DependencyFactory,
    MilestoneFactory,
    TaskFactory,
    UserFactory,
)
from tests.projects.helpers import d

pytestmark = pytest.mark.django_db
TODAY = d(15)

# The loops of plan_gantt.html and plan_board.html before the markup moved to Python.
OLD_BARS = """{% load l10n %}{% localize off %}{% for bar in chart.bars %}
  <g class="row {{ bar.item.kind }}">
    <a href="{{ bar.item.get_absolute_url }}">
      <text class="item-label depth-{{ bar.depth }}" x="{{ bar.label_x }}" y="{{ bar.text_y }}">{{ bar.item.title|truncatechars:38 }}</text>
      {% if bar.is_milestone %}
      <polygon class="{{ bar.classes }}" points="{{ bar.diamond }}" data-item="{{ bar.item.pk }}"><title>{{ bar.item.title }} · {{ bar.item.end_on|date:"SHORT_DATE_FORMAT" }}</title></polygon>
      {% else %}
      <rect class="{{ bar.classes }}" x="{{ bar.x }}" y="{{ bar.y }}" width="{{ bar.width }}" height="16" rx="3" data-item="{{ bar.item.pk }}"><title>{{ bar.item.title }} · {{ bar.item.start_on|date:"SHORT_DATE_FORMAT" }} – {{ bar.item.end_on|date:"SHORT_DATE_FORMAT" }} · {{ bar.item.progress }} %</title></rect>
      {% if bar.progress_width %}<rect class="progress" x="{{ bar.x }}" y="{{ bar.y }}" width="{{ bar.progress_width }}" height="16" rx="3"/>{% endif %}
      {% endif %}
    </a>
  </g>
  {% endfor %}{% endlocalize %}"""  # noqa: E501
OLD_LINKS = """{% load l10n %}{% localize off %}{% for arrow in chart.arrows %}<path class="link{% if arrow.critical %} critical{% endif %}" d="{{ arrow.path }}" marker-end="url(#gantt-arrow)"/>{% endfor %}{% endlocalize %}"""  # noqa: E501
OLD_TABLE = """{% load i18n %}{% for bar in chart.bars %}
      <tr class="{{ bar.item.kind }}{% if bar.late %} is-late{% endif %}">
        <th scope="row" class="depth-{{ bar.depth }}"><a href="{{ bar.item.get_absolute_url }}">{{ bar.item.title }}</a> <span class="muted">({{ bar.item.get_kind_display }})</span></th>
        <td>{{ bar.item.start_on|date:"SHORT_DATE_FORMAT" }}</td>
        <td>{{ bar.item.end_on|date:"SHORT_DATE_FORMAT" }}</td>
        <td>{% if bar.is_milestone %}—{% else %}{{ bar.item.progress }} %{% endif %}</td>
        <td>{% if bar.critical %}{% translate "yes" %}{% else %}{% translate "no" %}{% endif %}</td>
        <td>{% if bar.late %}<span class="badge late">{% translate "yes" %}</span>{% else %}{% translate "no" %}{% endif %}</td>
      </tr>
    {% endfor %}"""  # noqa: E501
OLD_CARDS = """{% load i18n %}{% for card in column.cards %}
      <li class="task-card{% if card.late %} late{% endif %}" id="task-{{ card.task.pk }}" data-card data-task="{{ card.task.pk }}" data-status="{{ card.task.status }}"{% if card.movable %} tabindex="0" draggable="true" data-url="{% url 'projects:task_status' card.task.pk %}" data-moves="{% for s, l in card.moves %}{{ s }}{% if not forloop.last %} {% endif %}{% endfor %}" aria-describedby="board-help"{% endif %}>
        <a href="{{ card.task.get_absolute_url }}" class="task-title">{{ card.task.title }}</a>
        <p class="task-meta">{{ card.task.parent.title }} · {{ card.task.end_on|date:"SHORT_DATE_FORMAT" }}{% if card.late %} <span class="badge late">{% translate "late" %}</span>{% endif %}</p>
        {% if card.assignees %}<p class="task-meta">{{ card.assignees }}</p>{% endif %}
        {% if card.moves %}
        <form method="post" action="{% url 'projects:task_status' card.task.pk %}" class="card-moves">{% csrf_token %}
          <input type="hidden" name="next" value="{{ board_url }}">
          {% for status, label in card.moves %}<button type="submit" name="status" value="{{ status }}" class="small">{% blocktranslate with column=label %}Move to {{ column }}{% endblocktranslate %}</button>{% endfor %}
        </form>
        {% endif %}
      </li>
    {% endfor %}"""  # noqa: E501


def _same(html: str) -> str:
    """Markup without the whitespace between tags (the templates' indentation)."""
    return re.sub(r">\s+<", "><", str(html)).strip()


@pytest.fixture
def plan(partner, partner_project):
    activity = ActivityFactory(
        project=partner_project, title="Formation <b>& « co »</b>", start_on=d(1), end_on=d(30)
    )
    first = TaskFactory(
        parent=activity,
        title='Préparer l\'atelier "eau" avec les partenaires du territoire',  # > 38
        start_on=d(1),
        end_on=d(10),
        progress=40,
        assignees=[partner],
    )
    second = TaskFactory(
        parent=activity, title="Animer", start_on=d(11), end_on=d(30), status=TaskStatus.DOING
    )
    TaskFactory(  # not critical, late
        parent=activity, title="Cafe\u0301 des partenaires", start_on=d(1), end_on=d(3)
    )
    TaskFactory(parent=activity, title="Bilan", start_on=d(2), end_on=d(4), status=TaskStatus.DONE)
    DependencyFactory(predecessor=first, successor=second)
    MilestoneFactory(project=partner_project, parent=activity, title="Comité", end_on=d(20))
    MilestoneFactory(project=partner_project, title="Clôture", end_on=d(31))
    UserFactory(role=Role.OFFICER)
    return partner_project


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_gantt_markup_is_the_templates(plan, language, django_assert_num_queries):
    with translation.override(language):
        rows, links = selectors.gantt_plan(project=plan)
        chart = planning.gantt(rows, links, today=TODAY)
        with django_assert_num_queries(0):  # the selector read every field drawn
            markup = plan_markup.gantt_markup(chart)
        # The former template drew the chart of the model instances.
        items = list(PlanItem.objects.filter(project=plan).order_by("start_on", "position", "pk"))
        context = Context({"chart": planning.gantt(items, links, today=TODAY)})
        assert _same(markup["bars"]) == _same(Template(OLD_BARS).render(context))
        assert _same(markup["links"]) == _same(Template(OLD_LINKS).render(context))
        assert _same(markup["table_rows"]) == _same(Template(OLD_TABLE).render(context))
    assert chart.arrows and any(bar.critical for bar in chart.bars)
    assert any(bar.late for bar in chart.bars) and any(bar.is_milestone for bar in chart.bars)
    assert "&lt;b&gt;&amp; « co »&lt;/b&gt;" in markup["table_rows"]
    assert "<b>" not in markup["bars"] + markup["table_rows"]
    assert "Préparer l&#x27;atelier &quot;eau&quot; avec les par…" in markup["bars"]


@pytest.mark.parametrize("who", ["partner", "officer", "viewer"])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_board_markup_is_the_templates(
    plan, partner, officer, viewer, who, language, django_assert_num_queries
):
    user = {"partner": partner, "officer": officer, "viewer": viewer}[who]
    board_url = f"/projects/{plan.pk}/board/?a=1&b=2"
    with translation.override(language):
        columns = selectors.board_columns(project=plan, user=user, today=TODAY)
        with django_assert_num_queries(0):  # the selector read every field shown
            marked = plan_markup.board_markup(columns, csrf_token="TOKEN", board_url=board_url)
        for column in marked:
            old = Template(OLD_CARDS).render(
                Context({"column": column, "csrf_token": "TOKEN", "board_url": board_url})
            )
            assert _same(column["html"]) == _same(old)
    cards = {c["task"].title: c for column in columns for c in column["cards"]}
    movable = {title for title, card in cards.items() if card["movable"]}
    own = {title for title in cards if title.startswith("Préparer")}
    assert movable == {"partner": own, "officer": set(cards), "viewer": set()}[who]
    html = "".join(column["html"] for column in marked)
    assert html.count('name="csrfmiddlewaretoken" value="TOKEN"') == len(movable)
    assert "?a=1&amp;b=2" in html or not movable


def test_the_pages_show_the_markup(client, officer, plan):
    client.force_login(officer)
    gantt = client.get(reverse("projects:project_gantt", args=[plan.pk])).content.decode()
    assert gantt.count('<g class="row ') == 7 and gantt.count("<tr class=") == 7
    assert gantt.count('<path class="link') == 1
    board = client.get(reverse("projects:project_board", args=[plan.pk])).content.decode()
    assert board.count("data-card ") == 4 and board.count('class="card-moves"') == 4
    # The cards' forms carry the page's CSRF token: a move without JavaScript is accepted.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', board)
    assert token and len(token.group(1)) == 64
