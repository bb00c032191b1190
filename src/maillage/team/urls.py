from django.urls import path

from maillage.team.views import staff as staff_views
from maillage.team.views import training as training_views

app_name = "team"

urlpatterns: list = [
    # Before the staff's CRUD routes: "calendar" is not a record.
    path("calendar/", staff_views.calendar_page, name="calendar"),
    # "staffmember_list", "staffmember_create", "staffmember_detail", … (CrudViews.urls)
    *staff_views.StaffMemberViews.urls("staff/"),
    # A staff member's rows: "assignment_add", "assignment_update", "assignment_delete".
    *staff_views.AssignmentViews.urls("staff/<int:pk>/assignments/"),
    # "leave_list", "leave_create", "leave_detail", …
    *staff_views.LeaveViews.urls("leave/"),
    path("leave/<int:pk>/decide/", staff_views.leave_decide, name="leave_decide"),
    # "trainingsession_list", "trainingsession_create", "trainingsession_detail", …
    *training_views.TrainingSessionViews.urls("trainings/"),
    # A session's rows: "participant_add", "feedback_add", "…_update", "…_delete".
    *training_views.TrainingParticipantViews.urls("trainings/<int:pk>/participants/"),
    *training_views.TrainingFeedbackViews.urls("trainings/<int:pk>/feedback/"),
    # "trainingneed_list", "trainingneed_create", "trainingneed_detail", …
    *training_views.TrainingNeedViews.urls("needs/"),
]
