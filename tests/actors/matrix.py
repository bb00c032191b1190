"""Who may open the actors' pages and API resources (collected by test_permission_matrix)."""

from tests.permissions import (
    API_HIDDEN,
    HIDDEN,
    SHARED,
    SIGNED_IN,
    WRITE,
    WRITE_HIDDEN,
    WRITE_SHARED,
    Rule,
    crud,
    expect,
)

RULES: list[Rule] = [
    *crud("actors", "organisation", "org_shared", "org_other"),
    # Type-ahead matches: every signed-in user, among what it sees (tests/core/test_typeahead.py).
    Rule("actors:organisation_choices", SIGNED_IN),
    Rule("actors:person_choices", SIGNED_IN),
    Rule("actors:tag_choices", SIGNED_IN),
    Rule("actors:organisation_link_add", WRITE_SHARED, ("org_shared",)),
    Rule("actors:organisation_link_add", WRITE_HIDDEN, ("org_other",)),
    Rule("actors:organisation_link_update", WRITE_HIDDEN, ("org_other", "link")),
    Rule(
        "actors:organisation_link_delete",
        expect(outsider=404, partner=404, viewer=403, officer=302, admin=302),
        ("org_other", "link"),
        method="post",
    ),
    *crud("actors", "person", "person_shared", "person_other"),
    Rule("actors:position_add", WRITE_SHARED, ("person_shared",)),
    Rule("actors:position_update", WRITE_HIDDEN, ("person_other", "position")),
    Rule(
        "actors:position_delete",
        expect(outsider=404, partner=404, viewer=403, officer=302, admin=302),
        ("person_other", "position"),
        method="post",
    ),
    *crud("actors", "interaction", "interaction_shared", "interaction_other"),
    # An internal exchange of the partner's own project: the partner may not open it.
    Rule("actors:interaction_detail", HIDDEN, ("interaction_internal",)),
    Rule("actors:interaction_history", HIDDEN, ("interaction_internal",)),
    Rule(
        "interaction-detail",
        API_HIDDEN,
        ("interaction_internal",),
        path="/api/interactions/{interaction_internal}",
    ),
    *crud("actors", "group", None, "group"),
    Rule("actors:group_member_add", WRITE_HIDDEN, ("group",)),
    Rule("actors:group_member_update", WRITE_HIDDEN, ("group", "group_member")),
    Rule(
        "actors:group_member_delete",
        expect(outsider=404, partner=404, viewer=403, officer=302, admin=302),
        ("group", "group_member"),
        method="post",
    ),
    *(
        Rule(
            f"actors:{model}_bulk",
            expect(outsider=403, partner=403, viewer=403, officer=302, admin=302),
            method="post",
            data={"action": "tag", "tag": "Réseau", "ids": "1,2,3"},
        )
        for model in ("organisation", "person")
    ),
    Rule(
        "actors:organisation_bulk",
        expect(outsider=302, partner=302, viewer=302, officer=302, admin=302),
        method="post",
        data={"action": "export", "format": "csv", "ids": "1,2,3"},
    ),
    Rule("actors:organisation_merge", WRITE_SHARED, ("org_shared",)),
    Rule("actors:organisation_merge", WRITE_HIDDEN, ("org_other",)),
    Rule("actors:organisation_merge_confirm", WRITE_SHARED, ("org_shared", "org_other")),
    Rule("actors:organisation_merge_confirm", WRITE_HIDDEN, ("org_other", "org_shared")),
    Rule(
        "actors:organisation_merge_confirm",
        expect(outsider=404, partner=403, viewer=403, officer=302, admin=302),
        ("org_shared", "org_other"),
        method="post",
    ),
    Rule("actors:person_merge", WRITE_SHARED, ("person_shared",)),
    Rule("actors:person_merge_confirm", WRITE_SHARED, ("person_shared", "person_other")),
    Rule(
        "actors:person_merge_confirm",
        expect(outsider=404, partner=404, viewer=403, officer=302, admin=302),
        ("person_other", "person_shared"),
        method="post",
    ),
    Rule("actors:people_untouched", expect(outsider=403, partner=403, viewer=403)),
    Rule("actors:person_data_export", WRITE_SHARED, ("person_shared",)),
    Rule("actors:person_data_export", WRITE_HIDDEN, ("person_other",)),
    Rule("actors:person_anonymise", WRITE_SHARED, ("person_shared",)),
    Rule(
        "actors:person_anonymise",
        expect(outsider=404, partner=404, viewer=403, officer=302, admin=302),
        ("person_other",),
        method="post",
    ),
    Rule("actors:person_vcard", SHARED, ("person_shared",)),
    Rule("actors:person_vcard", HIDDEN, ("person_other",)),
    *[
        rule
        for model in ("organisation", "person")
        for rule in (
            Rule(f"actors:{model}_import", WRITE),
            # An upload in progress belongs to the officer who made it, and to no one else.
            Rule(
                f"actors:{model}_import_mapping",
                expect(outsider=403, partner=403, viewer=403, admin=404, officer=200),
                (f"{model}_import",),
                allowed=frozenset({200}),
            ),
            Rule(
                f"actors:{model}_import_preview",
                expect(outsider=403, partner=403, viewer=403, admin=404, officer=302),
                (f"{model}_import",),
                allowed=frozenset({200}),
            ),
        )
    ],
]

API_RESOURCES = {
    # basename: (URL segment, shared record, hidden record)
    "organisation": ("organisations", "org_shared", "org_other"),
    "person": ("people", "person_shared", "person_other"),
    "interaction": ("interactions", "interaction_shared", "interaction_other"),
    "group": ("groups", None, "group"),
}


def extend_world(world):
    """Records a partner's pages must not name (test_partner_pages_name_nothing_refused):
    an internal exchange of its own project, and links from the records it sees to
    records it may not open (a parent, a standing link, a position)."""
    from maillage.actors.models import (
        Confidentiality,
        Organisation,
        OrganisationLink,
        Person,
        Position,
    )
    from tests.factories import InteractionFactory, OrganisationFactory

    shared_org = Organisation.objects.get(pk=world["org_shared"])
    hidden_parent = OrganisationFactory(name="Tutelle cachée de la matrice")
    shared_org.parent = hidden_parent
    shared_org.save()
    hidden = Organisation.objects.get(pk=world["org_other"])
    OrganisationLink.objects.create(source=shared_org, kind="funds", target=hidden)
    OrganisationLink.objects.create(source=hidden, kind="member_of", target=shared_org)
    person = Person.objects.get(pk=world["person_shared"])
    Position.objects.create(person=person, organisation=hidden, role="Conseillère")
    internal = InteractionFactory(
        project_id=world["project_shared"],
        subject="Réunion interne sur le bailleur",
        confidentiality=Confidentiality.INTERNAL,
    )
    internal.organisations.add(shared_org)
    internal.people.add(person)
    return {"interaction_internal": internal.pk}
