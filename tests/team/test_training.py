"""Training: feedback results aggregated on the session page (chart and table, constant
queries); a person's training history on their page (staff only); needs matched to the
planned sessions that target their topic; participants nested in the API; internal to
partners even when their own people take part."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from maillage.actors.services import person_data_export
from maillage.team.models import TrainingParticipant
from maillage.team.selectors.training import (
    needs_for_session,
    session_results,
    sessions_for_need,
)
from maillage.team.services.training import TrainingFeedbackService
from tests.factories import PersonFactory
from tests.querycount import assert_constant_queries
from tests.team.factories import (
    StaffMemberFactory,
    TrainingFeedbackFactory,
    TrainingNeedFactory,
    TrainingParticipantFactory,
    TrainingSessionFactory,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 9, 1)


def test_results_average_each_question_over_the_answers():
    session = TrainingSessionFactory()
    TrainingFeedbackFactory(participant__session=session, session=session, content=5, trainer=4)
    TrainingFeedbackFactory(participant__session=session, session=session, content=2, trainer=4)
    TrainingParticipantFactory(session=session, attended=False)
    results = session_results(session=session)
    assert results["figures"]["answers"] == 2
    assert results["figures"]["enrolled"] == 3
    assert results["figures"]["present"] == 2
    averages = {row["criterion"]: row["average"] for row in results["score_rows"]}
    assert averages["contenu"] == 3.5
    assert averages["formateur ou formatrice"] == 4.0
    assert results["chart"].table is not None


def test_only_a_participant_who_attended_answers_the_questionnaire(officer):
    participant = TrainingParticipantFactory(attended=False)
    with pytest.raises(ValidationError) as refused:
        TrainingFeedbackService.create(
            data={
                "session": participant.session,
                "participant": participant,
                "content": 4,
                "trainer": 4,
                "organisation": 4,
                "usefulness": 4,
            },
            by=officer,
        )
    assert "participant" in refused.value.message_dict


def test_a_score_out_of_1_to_5_is_refused_naming_it(officer):
    participant = TrainingParticipantFactory()
    with pytest.raises(ValidationError) as refused:
        TrainingFeedbackService.create(
            data={
                "session": participant.session,
                "participant": participant,
                "content": 6,
                "trainer": 4,
                "organisation": 0,
                "usefulness": 4,
            },
            by=officer,
        )
    assert {"content", "organisation"} <= set(refused.value.message_dict)


def test_the_session_page_shows_the_results_chart_and_table(client, officer):
    session = TrainingSessionFactory()
    TrainingFeedbackFactory(participant__session=session, session=session)
    client.force_login(officer)
    response = client.get(session.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html
    assert "Moyenne (de 1 à 5)" in html


def test_the_session_page_makes_as_many_queries_with_many_participants(client, officer):
    session = TrainingSessionFactory()
    client.force_login(officer)

    def grow(n):
        for _ in range(n):
            TrainingFeedbackFactory(participant__session=session, session=session)
            TrainingNeedFactory()

    assert_constant_queries(client, session.get_absolute_url(), grow=grow)


def test_a_need_is_matched_to_the_planned_sessions_of_its_topic():
    planned = TrainingSessionFactory(
        start_on=TODAY + dt.timedelta(days=20), skills="Gestion du cycle de projet, budget"
    )
    TrainingSessionFactory(start_on=TODAY - dt.timedelta(days=20))  # past
    TrainingSessionFactory(start_on=TODAY + dt.timedelta(days=5), skills="communication")
    need = TrainingNeedFactory(topic="cycle de projet")
    assert sessions_for_need(need=need, today=TODAY) == [planned]
    assert needs_for_session(session=planned, today=TODAY) == [need]


def test_a_person_s_training_history_is_on_their_page_for_staff_only(client, officer, partner):
    person = PersonFactory(user=partner)
    TrainingParticipantFactory(person=person, session__title="Cycle de projet à Oujda")
    client.force_login(officer)
    assert "Cycle de projet à Oujda" in client.get(person.get_absolute_url()).content.decode()
    client.force_login(partner)
    response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    assert "Cycle de projet à Oujda" not in response.content.decode()


def test_partners_see_no_training_even_their_own(client, partner):
    person = PersonFactory(user=partner)
    session = TrainingParticipantFactory(person=person).session
    need = TrainingNeedFactory(person=person)
    client.force_login(partner)
    assert client.get(session.get_absolute_url()).status_code == 404
    assert client.get(need.get_absolute_url()).status_code == 404
    assert client.get("/api/trainings").json()["results"] == []
    assert client.get("/api/training-needs").json()["results"] == []
    assert client.get(f"/api/trainings/{session.pk}").status_code == 404


def test_the_api_replaces_the_participants_keeping_those_named_again(client, officer):
    session = TrainingSessionFactory()
    kept = TrainingFeedbackFactory(participant__session=session, session=session).participant
    TrainingParticipantFactory(session=session)
    newcomer = PersonFactory()
    client.force_login(officer)
    response = client.patch(
        f"/api/trainings/{session.pk}",
        {
            "participants": [
                {"person": kept.person_id, "attended": True, "skills_gained": "budget"},
                {"person": newcomer.pk, "attended": False},
            ]
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    rows = TrainingParticipant.objects.filter(session=session)
    assert {p.person_id for p in rows} == {kept.person_id, newcomer.pk}
    kept.refresh_from_db()
    assert kept.skills_gained == "budget"
    assert hasattr(kept, "feedback")  # the answers stay with the participant


def test_the_api_refuses_a_person_listed_twice(client, officer):
    session = TrainingSessionFactory()
    person = PersonFactory()
    client.force_login(officer)
    response = client.patch(
        f"/api/trainings/{session.pk}",
        {"participants": [{"person": person.pk}, {"person": person.pk}]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "participants" in response.json()


def test_the_gdpr_export_holds_staff_leave_trainings_and_feedback():
    person = PersonFactory()
    StaffMemberFactory(person=person, post="Volontaire VSI")
    feedback = TrainingFeedbackFactory(participant__person=person, comment="Très clair")
    TrainingNeedFactory(person=person, topic="Budget")
    data = person_data_export(person=person)
    assert data["staff_records"][0]["post"] == "Volontaire VSI"
    assert data["trainings"][0]["session"] == str(feedback.session)
    assert data["training_feedback"][0]["comment"] == "Très clair"
    assert data["training_needs"][0]["topic"] == "Budget"
    assert "leave" in data
