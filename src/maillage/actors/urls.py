from django.urls import path

from maillage.actors.views import gdpr as gdpr_views
from maillage.actors.views import imports as import_views
from maillage.actors.views import merge as merge_views
from maillage.actors.views.groups import GroupMemberAddView, GroupMemberDeleteView, GroupViews
from maillage.actors.views.interactions import InteractionViews
from maillage.actors.views.organisations import (
    OrganisationLinkAddView,
    OrganisationLinkDeleteView,
    OrganisationViews,
)
from maillage.actors.views.people import (
    PersonViews,
    PositionAddView,
    PositionDeleteView,
    person_vcard,
)

app_name = "actors"

urlpatterns = [
    path("organisations/", OrganisationViews.list_view(), name="organisation_list"),
    path("organisations/new/", OrganisationViews.create_view(), name="organisation_create"),
    path("organisations/export/", OrganisationViews.export_view(), name="organisation_export"),
    path("organisations/<int:pk>/", OrganisationViews.detail_view(), name="organisation_detail"),
    path(
        "organisations/<int:pk>/edit/", OrganisationViews.update_view(), name="organisation_update"
    ),
    path(
        "organisations/<int:pk>/delete/",
        OrganisationViews.delete_view(),
        name="organisation_delete",
    ),
    path(
        "organisations/<int:pk>/history/",
        OrganisationViews.history_view(),
        name="organisation_history",
    ),
    path(
        "organisations/<int:pk>/links/new/",
        OrganisationLinkAddView.as_view(),
        name="organisation_link_add",
    ),
    path(
        "organisations/<int:pk>/links/<int:child_pk>/delete/",
        OrganisationLinkDeleteView.as_view(),
        name="organisation_link_delete",
    ),
    path("people/", PersonViews.list_view(), name="person_list"),
    path("people/new/", PersonViews.create_view(), name="person_create"),
    path("people/export/", PersonViews.export_view(), name="person_export"),
    path("people/<int:pk>/", PersonViews.detail_view(), name="person_detail"),
    path("people/<int:pk>/edit/", PersonViews.update_view(), name="person_update"),
    path("people/<int:pk>/delete/", PersonViews.delete_view(), name="person_delete"),
    path("people/<int:pk>/history/", PersonViews.history_view(), name="person_history"),
    path("people/<int:pk>/positions/new/", PositionAddView.as_view(), name="position_add"),
    path(
        "people/<int:pk>/positions/<int:child_pk>/delete/",
        PositionDeleteView.as_view(),
        name="position_delete",
    ),
    path("interactions/", InteractionViews.list_view(), name="interaction_list"),
    path("interactions/new/", InteractionViews.create_view(), name="interaction_create"),
    path("interactions/export/", InteractionViews.export_view(), name="interaction_export"),
    path("interactions/<int:pk>/", InteractionViews.detail_view(), name="interaction_detail"),
    path("interactions/<int:pk>/edit/", InteractionViews.update_view(), name="interaction_update"),
    path(
        "interactions/<int:pk>/delete/", InteractionViews.delete_view(), name="interaction_delete"
    ),
    path(
        "interactions/<int:pk>/history/",
        InteractionViews.history_view(),
        name="interaction_history",
    ),
    path("groups/", GroupViews.list_view(), name="group_list"),
    path("groups/new/", GroupViews.create_view(), name="group_create"),
    path("groups/export/", GroupViews.export_view(), name="group_export"),
    path("groups/<int:pk>/", GroupViews.detail_view(), name="group_detail"),
    path("groups/<int:pk>/edit/", GroupViews.update_view(), name="group_update"),
    path("groups/<int:pk>/delete/", GroupViews.delete_view(), name="group_delete"),
    path("groups/<int:pk>/history/", GroupViews.history_view(), name="group_history"),
    path("groups/<int:pk>/members/new/", GroupMemberAddView.as_view(), name="group_member_add"),
    path(
        "groups/<int:pk>/members/<int:child_pk>/delete/",
        GroupMemberDeleteView.as_view(),
        name="group_member_delete",
    ),
    # Bulk actions, merging duplicates, GDPR and vCard.
    path("organisations/bulk/", OrganisationViews.bulk_view(), name="organisation_bulk"),
    path(
        "organisations/<int:pk>/merge/",
        merge_views.OrganisationMergeChooseView.as_view(),
        name="organisation_merge",
    ),
    path(
        "organisations/<int:pk>/merge/<int:other>/",
        merge_views.OrganisationMergeConfirmView.as_view(),
        name="organisation_merge_confirm",
    ),
    path("people/bulk/", PersonViews.bulk_view(), name="person_bulk"),
    path("people/untouched/", gdpr_views.untouched_people_report, name="people_untouched"),
    path(
        "people/<int:pk>/merge/",
        merge_views.PersonMergeChooseView.as_view(),
        name="person_merge",
    ),
    path(
        "people/<int:pk>/merge/<int:other>/",
        merge_views.PersonMergeConfirmView.as_view(),
        name="person_merge_confirm",
    ),
    path(
        "people/<int:pk>/personal-data.json",
        gdpr_views.person_data_export_view,
        name="person_data_export",
    ),
    path("people/<int:pk>/anonymise/", gdpr_views.person_anonymise, name="person_anonymise"),
    path("people/<int:pk>/vcard.vcf", person_vcard, name="person_vcard"),
    # Imports from files (core.imports): upload → columns → preview → confirm.
    path(
        "organisations/import/",
        import_views.OrganisationImportViews.upload_view(),
        name="organisation_import",
    ),
    path(
        "organisations/import/<int:session>/columns/",
        import_views.OrganisationImportViews.mapping_view(),
        name="organisation_import_mapping",
    ),
    path(
        "organisations/import/<int:session>/preview/",
        import_views.OrganisationImportViews.preview_view(),
        name="organisation_import_preview",
    ),
    path("people/import/", import_views.PersonImportViews.upload_view(), name="person_import"),
    path(
        "people/import/<int:session>/columns/",
        import_views.PersonImportViews.mapping_view(),
        name="person_import_mapping",
    ),
    path(
        "people/import/<int:session>/preview/",
        import_views.PersonImportViews.preview_view(),
        name="person_import_preview",
    ),
]
