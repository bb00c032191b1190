app_name = "missions"

urlpatterns: list = []

# Missions (G1): missions.views.missions.
from django.urls import path  # noqa: E402

from maillage.missions.views import mission_expenses as mission_expense_views  # noqa: E402
from maillage.missions.views import missions as mission_views  # noqa: E402

urlpatterns += [
    # "mission_list", "mission_create", "mission_detail", … (CrudViews.urls)
    *mission_views.MissionViews.urls("missions/"),
    # A mission's rows: "participant_add", "leg_add", "agendaitem_add", "contact_add",
    # "cost_add", "followup_add", "…_update", "…_delete".
    *mission_views.MissionParticipantViews.urls("missions/<int:pk>/participants/"),
    *mission_views.ItineraryLegViews.urls("missions/<int:pk>/legs/"),
    *mission_views.AgendaItemViews.urls("missions/<int:pk>/agenda/"),
    *mission_views.EmergencyContactViews.urls("missions/<int:pk>/contacts/"),
    *mission_views.MissionCostViews.urls("missions/<int:pk>/budget/"),
    *mission_views.MissionFollowUpViews.urls("missions/<int:pk>/follow-ups/"),
    path(
        "missions/<int:pk>/budget/<int:child_pk>/expense/",
        mission_expense_views.cost_expense,
        name="cost_expense",
    ),
    path("missions/<int:pk>/status/", mission_views.mission_status, name="mission_status"),
    path("missions/<int:pk>/approval/", mission_views.mission_approval, name="mission_approval"),
    path(
        "missions/<int:pk>/participants/<int:child_pk>/checklist/",
        mission_views.participant_checklist,
        name="participant_checklist",
    ),
    path(
        "missions/<int:pk>/participants/<int:child_pk>/sheet.pdf",
        mission_views.participant_sheet,
        name="participant_sheet",
    ),
    # "perdiemrate_list", … and "missionapprover_list", …: administrators write them.
    *mission_views.PerDiemRateViews.urls("per-diem-rates/"),
    *mission_views.MissionApproverViews.urls("approvers/"),
]

# Meetings and action items (G2), the slot finder (G3): missions.views.meetings.
from maillage.core.typeahead import ChoicesView  # noqa: E402
from maillage.missions.models import Meeting, Mission  # noqa: E402
from maillage.missions.views import meetings as meeting_views  # noqa: E402

urlpatterns += [
    # Before the meetings' CRUD routes: "slots", "upload" and "choices" are not records.
    path("meetings/slots/", meeting_views.slot_finder, name="meeting_slots"),
    path("meetings/upload/", meeting_views.meeting_upload, name="meeting_upload"),
    path("meetings/choices/", ChoicesView.as_view(model=Meeting), name="meeting_choices"),
    # "meeting_list", "meeting_create", "meeting_detail", … (CrudViews.urls)
    *meeting_views.MeetingViews.urls("meetings/"),
    # A meeting's invitees: "invitee_add", "invitee_update", "invitee_delete".
    *meeting_views.InviteeViews.urls("meetings/<int:pk>/invitees/"),
    path("meetings/<int:pk>/invitation.ics", meeting_views.meeting_ics, name="meeting_ics"),
    path("meetings/<int:pk>/send/", meeting_views.meeting_send, name="meeting_send"),
    # The missions an action item may follow from (type-ahead of its form).
    path(
        "action-items/missions/",
        ChoicesView.as_view(model=Mission),
        name="actionitem_mission_choices",
    ),
    # "actionitem_list", "actionitem_create", "actionitem_detail", …
    *meeting_views.ActionItemViews.urls("action-items/"),
]
