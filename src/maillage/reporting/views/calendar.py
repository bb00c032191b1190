"""The user's calendar feed: the page to make (or replace) and revoke its secret address,
and the feed itself, read by calendar programs with the secret in the address (no
session: the secret is the credential, stored only as its digest)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from maillage.accounts.models import CalendarFeed
from maillage.accounts.services import CalendarFeedService
from maillage.reporting.calendar_feed import events_for, ical


@login_required
@never_cache
def calendar_feed_settings(request: HttpRequest) -> HttpResponse:
    """See whether one's feed is on; make a new address (revoking the previous one) or
    revoke it. The address is shown once, on the answer that made it."""
    user = request.user
    new_url = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            if CalendarFeedService.revoke_all(user=user):  # type: ignore[arg-type]  # login_required: a User
                messages.success(request, _("Your calendar address was revoked."))
            return redirect("reporting:calendar_feed_settings")
        _feed, secret = CalendarFeedService.issue(user=user, by=user)  # type: ignore[arg-type]  # login_required: a User
        new_url = request.build_absolute_uri(reverse("reporting:calendar_feed", args=[secret]))
        messages.success(request, _("Your new calendar address is ready."))
    feed = CalendarFeed.objects.visible_to(user).filter(revoked_at__isnull=True).first()
    context = {
        "feed": feed,
        "new_url": new_url,
        "events": events_for(user) if feed or new_url else [],
    }
    response = render(request, "reporting/calendar_feed.html", context)
    response["Cache-Control"] = "no-store"
    return response


@never_cache
def calendar_feed(request: HttpRequest, secret: str) -> HttpResponse:
    """The iCalendar document of the feed's owner; 404 for an unknown or revoked secret
    (nothing tells a revoked address from one that never was)."""
    feed = CalendarFeedService.find(secret)
    if feed is None:
        raise Http404
    body = ical(
        events_for(feed.user),
        name=_("Maillage — %(name)s") % {"name": feed.user},
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="maillage.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
