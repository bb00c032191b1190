"""The benchmarks' dataset: the results app's tables (`maillage bench-data`, issue 16).

At national scale, 25,000 indicators on the logframes of some 4,000 projects (overall
objective → specific objectives → outcomes → outputs; a third of them in three levels,
without outcomes) and 200,000 values. The volume lands where the measured pages look:
each big project (P-000001…) has 100 indicators and each project of a bench partner 20
(fewer at the smaller scales); the other indicators go 3 to 8 to a project drawn at
random. An indicator's kind follows its project's theme (the first words of the
project's title): people given access to water, tonnes of waste collected, employment
rates, a maturity scale, an appraisal in words… Many are declared under a common
indicator and an SDG indicator, so that the programme, donor, country and SDG
dashboards have figures to add up; people counts are often split by sex (and age), the
parts adding up to the total.

A project's periods are calendar years or semesters cut at its dates, the same for all
its indicators (the values grid shows a project's period at once), each with its
target. Values go to the periods begun by REFERENCE_ON (an indicator whose project has
not begun has drafts in its first period), as many to each; those of ended periods are
mostly approved, the others often submitted, returned or drafts. The measured projects
(big and partners') have values in every period, whatever their dates, and values
entered by the partner.

The rows are valid by construction, as the results services check them: one overall
objective per project, each level under a higher one of its project, outputs served by
activities of their own plan; periods inside the project's dates; a qualitative
indicator with texts and no figure; percentages within 0–100; a common indicator of the
indicator's unit and measure; SDG codes of the official list; parts of the indicator's
own disaggregations, adding up; a returned value with its reason.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import random
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from maillage.core.models import CodelistItem
from maillage.projects.models import ItemKind, PlanItem, Project, ProjectMembership
from maillage.results.models import (
    Aggregation,
    Assumption,
    CommonIndicator,
    Dimension,
    DimensionKind,
    DimensionValue,
    Direction,
    Indicator,
    IndicatorKind,
    IndicatorMeasure,
    IndicatorPeriod,
    IndicatorValue,
    Result,
    ResultLevel,
    TargetPart,
    ValuePart,
    ValueStatus,
)
from maillage.results.sdg import SDG_CODELIST
from maillage.results.services.actuals import fill_actuals

if TYPE_CHECKING:
    from maillage.demo.scale import Built, Scale, Writer

REFERENCE_ON = dt.date(2026, 9, 1)  # the demo's "today": values in the periods begun by then
M, A = IndicatorMeasure, Aggregation


class Template(NamedTuple):
    """A kind of indicator: for counts, `low`–`high` a year; for percentages and scales,
    the range the baseline and the final target are drawn in."""

    title: str
    unit: str
    measure: str
    aggregation: str
    low: int
    high: int
    direction: str = Direction.INCREASE
    sdg: str = ""
    common: str = ""  # the code of the shared definition it may be declared under
    split: bool = False  # people: counted by sex (and age)


T = Template
# fmt: off
TEMPLATES = {
    "water": T("Personnes ayant un accès nouveau ou amélioré à l'eau potable", "personnes",
               M.UNIT, A.SUM, 200, 5_000, sdg="6.1.1", common="EAU-POTABLE", split=True),
    "sanitation": T("Ménages raccordés à un assainissement amélioré", "ménages", M.UNIT, A.SUM,
                    20, 800, sdg="6.2.1", common="ASSAINISSEMENT"),
    "losses": T("Taux de pertes du réseau d'eau", "%", M.PERCENTAGE, A.LATEST, 15, 45,
                direction=Direction.DECREASE),
    "waste": T("Déchets ménagers collectés et valorisés", "tonnes", M.UNIT, A.SUM, 50, 3_000,
               sdg="11.6.1", common="DECHETS"),
    "co2": T("Émissions de gaz à effet de serre évitées", "tonnes de CO₂", M.UNIT, A.SUM, 10,
             2_000, sdg="13.2.2", common="CO2-EVITE"),
    "agents": T("Agents des collectivités partenaires formés", "personnes", M.UNIT, A.SUM, 5,
                120, common="AGENTS-FORMES", split=True),
    "maturity": T("Niveau de maturité de la gouvernance locale (échelle de 1 à 5)", "niveau",
                  M.ORDINAL, A.LATEST, 1, 5),
    "women": T("Part des femmes dans les instances de décision locales", "%", M.PERCENTAGE,
               A.LATEST, 20, 50, sdg="5.5.2", common="FEMMES-DECISION"),
    "appraisal": T("Appréciation de la coopération par les élus et les habitants", "",
                   M.QUALITATIVE, A.LATEST, 0, 0),
    "events": T("Manifestations culturelles organisées", "événements", M.UNIT, A.SUM, 2, 30),
    "visitors": T("Visiteurs des sites patrimoniaux soutenus", "personnes", M.UNIT, A.SUM,
                  500, 20_000, split=True),
    "consultations": T("Consultations prénatales réalisées", "consultations", M.UNIT, A.SUM,
                       200, 8_000, sdg="3.8.1", common="CONSULTATIONS"),
    "births": T("Part des accouchements assistés par du personnel qualifié", "%",
                M.PERCENTAGE, A.LATEST, 40, 90),
    "hectares": T("Surfaces cultivées selon des pratiques agroécologiques", "hectares",
                  M.UNIT, A.MAX, 5, 400, sdg="2.4.1", common="AGRO-ECOLOGIE"),
    "farmers": T("Producteurs accompagnés", "personnes", M.UNIT, A.SUM, 20, 600, split=True),
    "power": T("Ménages raccordés à l'électricité solaire", "ménages", M.UNIT, A.SUM, 20,
               1_500, sdg="7.1.1", common="ELECTRICITE"),
    "youth": T("Jeunes formés ou accompagnés vers l'emploi", "personnes", M.UNIT, A.SUM, 20,
               300, sdg="4.4.1", common="JEUNES-FORMES", split=True),
    "employment": T("Taux d'insertion professionnelle six mois après la formation", "%",
                    M.PERCENTAGE, A.LATEST, 30, 80, sdg="8.5.2", common="INSERTION"),
    "mobility": T("Jeunes partis en mobilité internationale", "personnes", M.UNIT, A.SUM, 5,
                  80, split=True),
    "satisfaction": T("Satisfaction des usagers du service", "%", M.PERCENTAGE, A.AVERAGE, 50,
                      90, common="SATISFACTION"),
}
# fmt: on
# A project's theme (its title starts with it, demo.scale.WORK) → its kinds of indicators.
THEME_TEMPLATES = {
    "Accès à l'eau potable": ("water", "sanitation", "losses", "satisfaction"),
    "Gestion des déchets": ("waste", "co2", "agents", "satisfaction"),
    "Appui à la gouvernance locale": ("agents", "maturity", "women", "appraisal"),
    "Formation des agents": ("agents", "maturity", "satisfaction", "appraisal"),
    "Coopération culturelle": ("events", "visitors", "appraisal", "youth"),
    "Santé maternelle": ("consultations", "births", "agents", "satisfaction"),
    "Agriculture urbaine": ("hectares", "farmers", "waste", "women"),
    "Énergie solaire": ("power", "co2", "agents", "satisfaction"),
    "Mobilité des jeunes": ("youth", "employment", "mobility", "appraisal"),
    "Patrimoine et tourisme": ("visitors", "events", "youth", "appraisal"),
}
DEFAULT_TEMPLATES = ("agents", "satisfaction", "appraisal", "women")
COMMON_DEFINITIONS = {
    "EAU-POTABLE": "Habitants desservis par un point d'eau construit ou réhabilité, à moins "
    "de 30 minutes aller-retour.",
    "JEUNES-FORMES": "Jeunes de 15 à 30 ans ayant suivi au moins 80 % d'une formation.",
}
DIMENSIONS = (  # shared disaggregations (name, kind, values), as the demo declares them
    ("Sexe", DimensionKind.SEX, ("Femmes", "Hommes")),
    ("Tranche d'âge", DimensionKind.AGE, ("15–24 ans", "25–30 ans", "31 ans et plus")),
)

SPECIFIC = (
    "Renforcer les capacités des services de la collectivité partenaire",
    "Améliorer l'accès des habitants aux services de base",
    "Développer les échanges entre les deux territoires",
    "Mobiliser la population et les acteurs locaux",
    "Pérenniser les équipements et leur gestion",
)
OUTCOMES = (
    "Les services municipaux planifient et suivent leurs interventions",
    "Les habitants utilisent les nouveaux équipements",
    "Les agents appliquent les pratiques apprises",
    "Les acteurs locaux pilotent les activités",
)
OUTPUTS = (
    "Des agents sont formés",
    "Des équipements sont construits ou réhabilités",
    "Un diagnostic partagé est réalisé",
    "Des campagnes de sensibilisation sont menées",
    "Un comité de pilotage se réunit chaque semestre",
    "Des outils de gestion sont mis en place",
)
ASSUMPTIONS = (
    "Les autorités locales maintiennent leur engagement après les élections.",
    "La situation sécuritaire permet les déplacements des équipes.",
    "Les prix des matériaux restent stables.",
    "Les agents formés restent en poste.",
)
MEANS = (
    "Feuilles d'émargement, rapports semestriels du partenaire",
    "Relevés des services techniques, visites de terrain",
    "Enquête auprès des usagers",
)
NARRATIVES = (
    "Chiffres consolidés à partir des fiches des sites.",
    "Les activités ont repris après la saison des pluies.",
    "Retard lié à la livraison du matériel, rattrapé en fin de période.",
    "Données transmises par le service technique de la commune.",
    "",
)
APPRAISALS = (
    "Les élus jugent la coopération utile et demandent son extension.",
    "Les habitants connaissent mieux le projet grâce aux réunions de quartier.",
    "Des tensions au sein du comité de pilotage, apaisées en fin de période.",
)
RETURNS = (
    "Merci de joindre les feuilles d'émargement avant validation.",
    "Le chiffre ne correspond pas au rapport du partenaire : à vérifier.",
)
STATUSES = (ValueStatus.APPROVED, ValueStatus.SUBMITTED, ValueStatus.RETURNED, ValueStatus.DRAFT)
# Cumulative weights of STATUSES: values of ended periods, values of the period under way.
ENDED = (90, 94, 97, 100)
CURRENT = (35, 65, 75, 100)


class Spec(NamedTuple):
    """What the periods and values of an indicator are drawn from."""

    project: int
    template: Template
    dims: tuple[int, ...]  # the disaggregations its figures are split by (adding up)
    start: float  # baseline (percentages and scales) …
    goal: float  # … and the final target; for counts, the yearly target
    reach: float  # the share of its targets the values reach (some are off track)
    indicator: int = 0  # its pk, once written


class Period(NamedTuple):
    spec: int  # index of the indicator
    starts_on: dt.date
    ends_on: dt.date
    target: Decimal | None


def build(scale: Scale, rng: random.Random, w: Writer, b: Built) -> None:
    """Logframes, indicators, periods with targets and values, with their history."""
    commons = _commons(w)
    dimensions = _dimensions(w)
    plan = _plan(scale, rng, b)
    titles = dict(Project.objects.filter(pk__in=list(plan)).values_list("pk", "title"))
    levels = _logframes(rng, w, plan)
    specs = _indicators(rng, w, b, plan, titles, levels, commons, dimensions)
    periods = _periods(rng, w, b, specs, dimensions)
    _values(scale, rng, w, b, specs, periods, dimensions)
    # Written past the services: each period's approved actual, as they would store it.
    fill_actuals()


# --- definitions ------------------------------------------------------------------------


def _commons(w: Writer) -> dict[str, int]:
    """The shared definitions (those missing), by code."""
    wanted = {t.common: t for t in TEMPLATES.values() if t.common}
    have = dict(CommonIndicator.objects.filter(code__in=wanted).values_list("code", "pk"))
    missing = [code for code in wanted if code not in have]
    rows = [
        CommonIndicator(
            code=code,
            title=wanted[code].title,
            unit=wanted[code].unit,
            measure=wanted[code].measure,
            definition=COMMON_DEFINITIONS.get(code, ""),
        )
        for code in missing
    ]
    have |= dict(zip(missing, w.save("common indicators", CommonIndicator, rows), strict=True))
    return have


def _dimensions(w: Writer) -> dict[int, list[int]]:
    """The shared disaggregations (created when missing): dimension → its values' pks."""
    names = [name for name, _kind, _values in DIMENSIONS]
    have = dict(
        Dimension.objects.filter(project__isnull=True, name__in=names).values_list("name", "pk")
    )
    missing = [(name, kind) for name, kind, _v in DIMENSIONS if name not in have]
    pks = w.save("disaggregations", Dimension, [Dimension(name=n, kind=k) for n, k in missing])
    have |= {name: pk for (name, _k), pk in zip(missing, pks, strict=True)}
    labels = set(DimensionValue.objects.values_list("dimension_id", "label"))
    w.save(
        "disaggregation values",
        DimensionValue,
        [
            DimensionValue(dimension_id=have[name], label=label, order=order)
            for name, _kind, values in DIMENSIONS
            for order, label in enumerate(values, start=1)
            if (have[name], label) not in labels
        ],
    )
    values: dict[int, list[int]] = {have[name]: [] for name in names}
    for dimension, pk in (
        DimensionValue.objects.filter(dimension__in=list(values))
        .order_by("order", "pk")
        .values_list("dimension_id", "pk")
    ):
        values[dimension].append(pk)
    return values


def _plan(scale: Scale, rng: random.Random, b: Built) -> dict[int, int]:
    """How many indicators each project with a logframe has, in the order written: the
    big projects, the bench partners' projects, then projects drawn at random."""
    total = scale.count("indicators")
    per_big = min(100, max(8, total // 250))
    per_partner = min(20, max(3, total // 1_250))
    bigs = set(b.big_projects)
    wanted = [(pk, per_big if pk in bigs else per_partner) for pk in measured(b)]
    chosen = {pk for pk, _n in wanted}
    others = [pk for pk in b.projects if pk not in chosen]
    rng.shuffle(others)
    plan: dict[int, int] = {}
    left = total
    for pk, n in itertools.chain(wanted, ((pk, rng.randint(3, 8)) for pk in others)):
        if left <= 0:
            break
        plan[pk] = min(n, left)
        left -= plan[pk]
    # Projects too few for the total (not at the named scales): the first ones take more.
    for pk in itertools.cycle(list(plan)[: max(1, len(b.big_projects))]):
        if left <= 0:
            break
        plan[pk] += 1
        left -= 1
    return plan


def measured(b: Built) -> list[int]:
    """The projects the benchmarks' pages open: the big ones, then the bench partners'."""
    partners = ProjectMembership.objects.filter(user_id__in=b.partners)
    shared = set(partners.values_list("project_id", flat=True)) - set(b.big_projects)
    return [*b.big_projects, *sorted(shared)]


# --- logframes --------------------------------------------------------------------------


class Levels(NamedTuple):
    """Each project's levels an indicator may measure, the outputs last."""

    upper: dict[int, list[int]]  # goal, specific objectives, outcomes
    outputs: dict[int, list[int]]


def _logframes(rng: random.Random, w: Writer, plan: dict[int, int]) -> Levels:
    """The levels, written a level at a time (a level names its parent's pk)."""
    goals = w.save(
        "logframe objectives",
        Result,
        (
            Result(project_id=pk, level=ResultLevel.GOAL, code="OG", title=_goal(rng), order=0)
            for pk in plan
        ),
    )
    goal_of = dict(zip(plan, goals, strict=True))
    shapes = {pk: _shape(rng, n) for pk, n in plan.items()}  # (specific, outcomes each, outputs)
    specific_of = _children(w, "specific objectives", ResultLevel.SPECIFIC_OBJECTIVE, [
        (pk, goal_of[pk], f"OS{i + 1}", SPECIFIC[i % len(SPECIFIC)], i + 1)
        for pk in plan for i in range(shapes[pk][0])
    ])  # fmt: skip
    outcome_of = _children(w, "outcomes", ResultLevel.OUTCOME, [
        (pk, parent, f"OS{i + 1}.{j + 1}", rng.choice(OUTCOMES), 10 * (i + 1) + j + 1)
        for pk in plan for i, parent in enumerate(specific_of.get(pk, []))
        for j in range(shapes[pk][1])
    ])  # fmt: skip
    rows = []
    for pk in plan:
        parents = outcome_of.get(pk) or specific_of[pk]
        rows += [
            (pk, parents[n % len(parents)], f"R{n + 1}", rng.choice(OUTPUTS), 100 + n + 1)
            for n in range(shapes[pk][2])
        ]
    output_of = _children(w, "outputs", ResultLevel.OUTPUT, rows)
    # An assumption under most specific objectives; outputs served by plan activities.
    w.save(
        "assumptions",
        Assumption,
        (
            Assumption(result_id=so, text=rng.choice(ASSUMPTIONS), order=1)
            for pk in plan
            for so in specific_of[pk]
            if rng.random() < 0.7
        ),
    )
    activities: dict[int, list[int]] = {}
    for project, item in (
        PlanItem.objects.filter(kind=ItemKind.ACTIVITY)
        .order_by("project_id", "pk")
        .values_list("project_id", "pk")
    ):
        if project in plan:
            activities.setdefault(project, []).append(item)
    w.m2m(
        Result,
        "activities",
        [
            (output, rng.choice(activities[pk]))
            for pk in plan
            if activities.get(pk)
            for output in output_of[pk]
            if rng.random() < 0.6
        ],
    )
    upper = {pk: [goal_of[pk], *specific_of[pk], *outcome_of.get(pk, [])] for pk in plan}
    return Levels(upper, output_of)


def _goal(rng: random.Random) -> str:
    return rng.choice(
        (
            "Contribuer au développement durable du territoire partenaire",
            "Améliorer les conditions de vie des habitants",
            "Renforcer la coopération entre les deux territoires",
        )
    )


def _shape(rng: random.Random, indicators: int) -> tuple[int, int, int]:
    """Specific objectives, outcomes under each (none: a three-level logframe), outputs."""
    specific = 1 if indicators <= 8 else min(len(SPECIFIC), 1 + indicators // 25)
    outcomes = 0 if rng.random() < 0.3 else rng.randint(1, 2)
    return specific, outcomes, max(1, round(indicators / 3))


def _children(
    w: Writer,
    table: str,
    level: str,
    rows: Sequence[tuple[int, int, str, str, int]],
) -> dict[int, list[int]]:
    """Write levels given as (project, parent, code, title, order): project → their pks."""
    pks = w.save(
        table,
        Result,
        (
            Result(
                project_id=pk, parent_id=parent, level=level, code=code, title=title, order=order
            )
            for pk, parent, code, title, order in rows
        ),
    )
    by_project: dict[int, list[int]] = {}
    for (project, *_rest), pk in zip(rows, pks, strict=True):
        by_project.setdefault(project, []).append(pk)
    return by_project


# --- indicators -------------------------------------------------------------------------


def _indicators(
    rng: random.Random,
    w: Writer,
    b: Built,
    plan: dict[int, int],
    titles: dict[int, str],
    levels: Levels,
    commons: dict[str, int],
    dimensions: dict[int, list[int]],
) -> list[Spec]:
    sdg_codes = set(CodelistItem.objects.of(SDG_CODELIST).values_list("code", flat=True))
    sex, age = list(dimensions)
    specs: list[Spec] = []
    links: list[int] = []  # index of the spec of each indicator-dimension pair, in order

    def rows() -> Iterator[Indicator]:
        for project, count in plan.items():
            theme = next((t for t in THEME_TEMPLATES if titles[project].startswith(t)), "")
            kinds = THEME_TEMPLATES.get(theme, DEFAULT_TEMPLATES)
            upper, outputs = levels.upper[project], levels.outputs[project]
            upper = upper[: count // 3]
            start, _end = b.project_dates[project]
            for n in range(count):
                template = TEMPLATES[kinds[n % len(kinds)]]
                result = upper[n] if n < len(upper) else outputs[(n - len(upper)) % len(outputs)]
                spec = _spec(rng, project, template, sex, age)
                specs.append(spec)
                links.extend([len(specs) - 1] * len(spec.dims))
                yield _indicator(rng, spec, result, n, len(kinds), start, commons, sdg_codes)

    pks = w.save("indicators", Indicator, rows())
    w.m2m(
        Indicator,
        "dimensions",
        [
            (pks[index], dimension)
            for index, dimension in zip(links, (d for s in specs for d in s.dims), strict=True)
        ],
    )
    return [spec._replace(indicator=pk) for spec, pk in zip(specs, pks, strict=True)]


def _spec(rng: random.Random, project: int, t: Template, sex: int, age: int) -> Spec:
    dims: tuple[int, ...] = ()
    # A quarter of people counts split (parts cost rows: a few, as the pages need).
    if t.split and rng.random() < 0.25:
        dims = (sex, age) if rng.random() < 0.2 else (sex,)
    if t.measure in (M.PERCENTAGE, M.ORDINAL):
        low, high = t.low, t.high
        if t.direction == Direction.DECREASE:
            start, goal = rng.randint(high, min(100, high + 15)), rng.randint(low, high - 5)
        elif t.measure == M.ORDINAL:
            start, goal = rng.randint(1, 2), rng.randint(3, 5)
        else:
            start, goal = rng.randint(max(0, low - 15), low), rng.randint(low + 5, high)
    else:
        start, goal = 0, rng.randint(t.low, t.high)
    return Spec(project, t, dims, start, goal, rng.choice((0.5, 0.8, 0.95, 1.0, 1.1)))


def _indicator(
    rng: random.Random,
    spec: Spec,
    result: int,
    n: int,
    kinds: int,
    start: dt.date,
    commons: dict[str, int],
    sdg_codes: set[str],
) -> Indicator:
    t = spec.template
    qualitative = t.measure == M.QUALITATIVE
    # A big logframe measures a kind at several outputs: "(2)", "(3)"… tell them apart.
    again = n // kinds
    declared = bool(t.common) and rng.random() < 0.6
    return Indicator(
        project_id=spec.project,
        result_id=result,
        code=f"I{n + 1}",
        title=f"{t.title} ({again + 1})" if again else t.title,
        kind=IndicatorKind.QUALITATIVE if qualitative else IndicatorKind.QUANTITATIVE,
        unit=t.unit,
        measure=t.measure,
        direction=t.direction,
        aggregation=t.aggregation,
        baseline_value=None if qualitative else Decimal(int(spec.start)),
        baseline_on=start,
        baseline_comment="Situation décrite par l'étude de départ." if qualitative else "",
        means_of_verification=rng.choice(MEANS),
        # Without the official list loaded, any code of the right form is accepted.
        sdg_indicator=t.sdg if t.sdg and (not sdg_codes or t.sdg in sdg_codes) else "",
        common_id=commons[t.common] if declared else None,
        parts_sum_to_total=bool(spec.dims),
        order=n + 1,
    )


# --- periods and targets ----------------------------------------------------------------


def spans(start: dt.date, end: dt.date, months: int) -> list[tuple[dt.date, dt.date]]:
    """Calendar years (12) or semesters (6) from `start` to `end`, the first and the last
    cut at them."""
    found = []
    current = start
    while current <= end:
        month = ((current.month - 1) // months + 1) * months
        last = dt.date(current.year, month, calendar.monthrange(current.year, month)[1])
        found.append((current, min(last, end)))
        current = last + dt.timedelta(days=1)
    return found


def _periods(
    rng: random.Random, w: Writer, b: Built, specs: list[Spec], dimensions: dict[int, list[int]]
) -> list[tuple[int, Period]]:
    """Periods with their targets (and the targets' parts): (pk, period) in order."""
    cadence: dict[int, list[tuple[dt.date, dt.date]]] = {}
    periods: list[Period] = []
    parts: list[tuple[int, int, int]] = []  # (period index, dimension value, figure)

    def rows() -> Iterator[IndicatorPeriod]:
        for index, spec in enumerate(specs):
            project = spec.project
            if project not in cadence:
                start, end = b.project_dates[project]
                cadence[project] = spans(start, end, 6 if rng.random() < 0.3 else 12)
            cut = cadence[project]
            for n, (first, last) in enumerate(cut):
                target = _target(spec, n, len(cut), first, last)
                periods.append(Period(index, first, last, target))
                if spec.dims and target is not None:
                    for dimension in spec.dims:
                        share = _split(rng, int(target), len(dimensions[dimension]))
                        parts.extend(
                            (len(periods) - 1, value, figure)
                            for value, figure in zip(dimensions[dimension], share, strict=True)
                        )
                yield IndicatorPeriod(
                    indicator_id=spec.indicator,
                    starts_on=first,
                    ends_on=last,
                    target_value=target,
                    target_comment=_target_comment(spec, n, len(cut)),
                )

    pks = w.save("indicator periods", IndicatorPeriod, rows())
    w.save(
        "target parts",
        TargetPart,
        (
            TargetPart(period_id=pks[index], dimension_value_id=value, value=Decimal(figure))
            for index, value, figure in parts
        ),
    )
    return list(zip(pks, periods, strict=True))


def _target(spec: Spec, n: int, count: int, first: dt.date, last: dt.date) -> Decimal | None:
    """The target by the end of the n-th of `count` periods, in the indicator's unit."""
    t = spec.template
    if t.measure == M.QUALITATIVE:
        return None
    share = (n + 1) / count
    if t.measure == M.PERCENTAGE:  # from the baseline to the final target, in tenths
        return Decimal(round(10 * (spec.start + (spec.goal - spec.start) * share))).scaleb(-1)
    if t.measure == M.ORDINAL:
        return Decimal(round(spec.start + (spec.goal - spec.start) * share))
    if t.aggregation == A.MAX:  # a stock: what is reached by the period's end
        return Decimal(max(1, round(spec.goal * share)))
    return Decimal(max(1, round(spec.goal * ((last - first).days + 1) / 365)))


def _target_comment(spec: Spec, n: int, count: int) -> str:
    if spec.template.measure != M.QUALITATIVE:
        return ""
    if n + 1 < count:
        return "Les élus participent au comité de pilotage."
    return "Les élus et les habitants s'approprient les réalisations du projet."


def _split(rng: random.Random, total: int, n: int) -> list[int]:
    """`total` cut in `n` parts that add up to it."""
    cuts = sorted(rng.randint(0, total) for _ in range(n - 1))
    return [b - a for a, b in itertools.pairwise([0, *cuts, total])]


# --- values -----------------------------------------------------------------------------


def _values(
    scale: Scale,
    rng: random.Random,
    w: Writer,
    b: Built,
    specs: list[Spec],
    periods: list[tuple[int, Period]],
    dimensions: dict[int, list[int]],
) -> None:
    """As many values to each period begun by REFERENCE_ON, with their parts. An
    indicator whose project has not begun has drafts in its first period, except on the
    measured projects: their values fill every period, whatever their dates, so that
    the pages measured see the volume."""
    total = scale.count("indicator_values")
    partner_of = dict(
        ProjectMembership.objects.filter(user_id__in=b.partners)
        .order_by("pk")
        .values_list("project_id", "user_id")
    )
    begun = {p.spec for _pk, p in periods if p.starts_on <= REFERENCE_ON}
    everywhere = set(measured(b))
    eligible: list[int] = []
    for position, (_pk, period) in enumerate(periods):
        if (
            period.starts_on <= REFERENCE_ON
            or period.spec not in begun
            or specs[period.spec].project in everywhere
        ):
            eligible.append(position)
            begun.add(period.spec)
    base, extra = divmod(total, len(eligible))
    more = set(rng.sample(range(len(eligible)), extra))
    parts: list[tuple[int, int, int]] = []  # (value index, dimension value, figure)

    def rows() -> Iterator[IndicatorValue]:
        written = 0
        for k, position in enumerate(eligible):
            pk, period = periods[position]
            spec = specs[period.spec]
            count = base + (k in more)
            for _n in range(count):
                figure = _figure(rng, spec, period, count)
                if spec.dims and figure is not None:
                    for dimension in spec.dims:
                        share = _split(rng, int(figure), len(dimensions[dimension]))
                        parts.extend(
                            (written, value, amount)
                            for value, amount in zip(dimensions[dimension], share, strict=True)
                        )
                partner = partner_of.get(spec.project)
                owner = b.project_owner[spec.project]
                written += 1
                yield _value(
                    rng,
                    pk,
                    period,
                    figure,
                    "" if figure is not None else rng.choice(APPRAISALS),
                    entered_by=partner if partner and rng.random() < 0.6 else owner,
                    officer=owner,
                    ahead=spec.project in everywhere,
                )

    pks = w.save("indicator values", IndicatorValue, rows())
    w.save(
        "value parts",
        ValuePart,
        (
            ValuePart(value_id=pks[index], dimension_value_id=value, amount=Decimal(amount))
            for index, value, amount in parts
        ),
    )


def _figure(rng: random.Random, spec: Spec, period: Period, count: int) -> Decimal | None:
    """One update's figure: near the target, by the indicator's reach (None: a text)."""
    t, target = spec.template, period.target
    if target is None:
        return None
    if t.measure == M.PERCENTAGE:
        gap = rng.uniform(-5, 8) + (1 - spec.reach) * 20
        raw = float(target) + (gap if t.direction == Direction.DECREASE else -gap)
        return Decimal(round(10 * min(100.0, max(0.0, raw)))).scaleb(-1)
    if t.measure == M.ORDINAL:
        behind = 1 if spec.reach < 0.9 and rng.random() < 0.5 else 0
        return Decimal(min(5, max(1, int(target) - behind)))
    if t.aggregation == A.SUM:  # the period's updates add up to about its target
        return Decimal(round(float(target) * spec.reach / count * rng.uniform(0.7, 1.3)))
    return Decimal(round(float(target) * spec.reach * rng.uniform(0.85, 1.05)))


def _value(
    rng: random.Random,
    period_pk: int,
    period: Period,
    figure: Decimal | None,
    text: str,
    *,
    entered_by: int,
    officer: int,
    ahead: bool,
) -> IndicatorValue:
    """A value at its place in the workflow: ended periods' mostly approved, the current
    period's often waiting, a period not begun's a draft (unless `ahead`: a measured
    project's, as if under way)."""
    if period.starts_on > REFERENCE_ON and not ahead:
        status = ValueStatus.DRAFT
    else:
        weights = ENDED if period.ends_on < REFERENCE_ON else CURRENT
        status = rng.choices(STATUSES, cum_weights=weights)[0]
    submitted = approved = None
    if status != ValueStatus.DRAFT:
        if period.ends_on < REFERENCE_ON:  # reported in the weeks after the period
            earliest = period.ends_on
            latest = min(period.ends_on + dt.timedelta(days=40), REFERENCE_ON)
        else:  # during the period (by the reference date, when it is under way)
            earliest = period.starts_on
            latest = period.ends_on if period.starts_on > REFERENCE_ON else REFERENCE_ON
        on = earliest + dt.timedelta(days=rng.randint(0, max(0, (latest - earliest).days)))
        submitted = dt.datetime.combine(on, dt.time(9 + rng.randrange(9)), dt.UTC)
        if status == ValueStatus.APPROVED:
            approved = submitted + dt.timedelta(days=rng.randint(1, 15), hours=rng.randrange(8))
    return IndicatorValue(
        period_id=period_pk,
        value=figure,
        text=text,
        narrative=rng.choice(NARRATIVES),
        status=status,
        return_comment=rng.choice(RETURNS) if status == ValueStatus.RETURNED else "",
        entered_by_id=entered_by,
        submitted_at=submitted,
        approved_by_id=officer if approved else None,
        approved_at=approved,
    )
