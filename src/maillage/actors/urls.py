"""Routes of the actors area: each entity's seven pages (`CrudViews.urls`), the rows that
belong to a record (`ChildViews.urls`), then the workflows (bulk actions, merging, GDPR,
vCard, imports), each named explicitly."""

from django.urls import path

from maillage.actors.models import Organisation, Person, Tag
from maillage.actors.views import gdpr as gdpr_views
from maillage.actors.views import imports as import_views
from maillage.actors.views import merge as merge_views
from maillage.actors.views.groups import GroupMemberViews, GroupViews
from maillage.actors.views.interactions import InteractionViews
from maillage.actors.views.organisations import OrganisationLinkViews, OrganisationViews
from maillage.actors.views.people import PersonViews, PositionViews, person_vcard
from maillage.core.typeahead import ChoicesView

app_name = "actors"

urlpatterns = [
    *OrganisationViews.urls("organisations/"),
    *OrganisationLinkViews.urls("organisations/<int:pk>/links/"),
    *PersonViews.urls("people/"),
    *PositionViews.urls("people/<int:pk>/positions/"),
    *InteractionViews.urls("interactions/"),
    *GroupViews.urls("groups/"),
    *GroupMemberViews.urls("groups/<int:pk>/members/"),
    # Type-ahead matches among the organisations and people the user sees (core.typeahead).
    path(
        "organisations/choices/",
        ChoicesView.as_view(model=Organisation),
        name="organisation_choices",
    ),
    path("people/choices/", ChoicesView.as_view(model=Person), name="person_choices"),
    # Tags: matches, and a new tag created on the spot (TagService) by the roles that write.
    path("tags/choices/", ChoicesView.as_view(model=Tag, create=True), name="tag_choices"),
    # Bulk actions on the selected rows of a list.
    path("organisations/bulk/", OrganisationViews.bulk_view(), name="organisation_bulk"),
    path("people/bulk/", PersonViews.bulk_view(), name="person_bulk"),
    # Merging duplicates: choose the other record, compare, merge.
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
    path(
        "people/<int:pk>/merge/", merge_views.PersonMergeChooseView.as_view(), name="person_merge"
    ),
    path(
        "people/<int:pk>/merge/<int:other>/",
        merge_views.PersonMergeConfirmView.as_view(),
        name="person_merge_confirm",
    ),
    # GDPR: retention report, access export, erasure; and the vCard of a person.
    path("people/untouched/", gdpr_views.untouched_people_report, name="people_untouched"),
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
