"""The desk's admin pages: the dashboard, the calendar, moving a piece, and the calendar feed."""

from datetime import timedelta
from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe
from js_asset import Media

from articles.desk import calendar, feeds, ical, plan, rescheduling
from articles.desk import dashboard as dashboards
from articles.desk.forms import MoveForm
from articles.models import Article, CalendarFeed
from articles.workflow import roles

# What the calendar feed holds: the recent past, and the plan a year ahead.
FEED_PAST = timedelta(days=60)
FEED_AHEAD = timedelta(days=366)


def _page(request, site, template: str, title: str, **context) -> TemplateResponse:
    if not roles.may_use_desk(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request,
        template,
        {
            **site.each_context(request),
            "title": title,
            "subtitle": None,
            "time_zone": timezone.get_current_timezone_name(),
            **context,
        },
    )


def dashboard(request, site) -> TemplateResponse:
    """The admin's home for editors and contributors: what waits for them and what runs when,
    with every part of the admin they may use beside it."""
    board = dashboards.build(request.user)
    return _page(request, site, "admin/desk/dashboard.html", "Dashboard", board=board)


def calendar_page(request, site, period: calendar.Month | calendar.Week) -> TemplateResponse:
    """A month or a week of the plan; editors move pieces by dragging them or with a form."""
    start, end = calendar.span(period)
    entries = plan.entries(roles.on_desk(request.user, Article.objects.all()), start=start, end=end)
    is_week = isinstance(period, calendar.Week)
    feed = CalendarFeed.objects.filter(user=request.user).first()
    may_move = roles.can_publish(request.user)
    return _page(
        request,
        site,
        "admin/desk/calendar.html",
        f"Calendar: {period.title}",
        period=period,
        view="week" if is_week else "month",
        weeks=calendar.lay_out(period, entries),
        has_entries=bool(entries),
        may_move=may_move,
        this_month=calendar.Month.containing(calendar.today()),
        this_week=calendar.Week.containing(calendar.today()),
        feed_url=request.build_absolute_uri(feeds.url_for(feed)) if feed else "",
        # Drag and drop, for those who may move pieces; the "Move" links work without it.
        media=Media(js=["js/desk-calendar.js"] if may_move else [], nonce=request.csp_nonce),
    )


def month(request, site, year: int | None = None, month: int | None = None):
    """A month of the plan: the current one unless one is named."""
    try:
        period = (
            calendar.Month(year, month)
            if year is not None
            else calendar.Month.containing(calendar.today())
        )
    except calendar.NoSuchPeriod:
        raise Http404("No such month") from None
    return calendar_page(request, site, period)


def week(request, site, year: int | None = None, week: int | None = None):
    """A week of the plan (ISO numbering): the current one unless one is named."""
    try:
        period = (
            calendar.Week(year, week)
            if year is not None
            else calendar.Week.containing(calendar.today())
        )
    except calendar.NoSuchPeriod:
        raise Http404("No such week") from None
    return calendar_page(request, site, period)


def period_url(period: calendar.Month | calendar.Week) -> str:
    if isinstance(period, calendar.Week):
        return reverse("admin:desk_calendar_week", args=[period.year, period.week])
    return reverse("admin:desk_calendar_month", args=[period.year, period.month])


# Why a piece cannot be moved at all, without naming it: the user may not be allowed to open it.
DELETED = "This piece was deleted since the calendar was opened, so there is nothing to move."
NOT_FOUND = "This piece is no longer on your calendar: it was deleted, or it is not yours to move."
NOT_YOURS = "This piece is not yours to move: only editors move pieces on the calendar."


def _cannot_move(request, site, *, why: str, status: int, wants_json: bool, view: str):
    """The refusal of a move, for the drag and drop (JSON) or the "Move" page, leading back to
    the calendar it came from."""
    if wants_json:
        return JsonResponse({"errors": [why]}, status=status)
    back = reverse("admin:desk_calendar_this_week" if view == "week" else "admin:desk_calendar")
    response = _page(
        request,
        site,
        "admin/desk/cannot_move.html",
        "This piece cannot be moved",
        why=why,
        back=back,
    )
    response.status_code = status
    return response


def _not_found(request) -> str:
    # Editors may open every piece, so to them a piece not found was deleted; anyone else is
    # told no more than that it is not theirs, as the piece may exist beyond their sight.
    return DELETED if roles.can_publish(request.user) else NOT_FOUND


def move(request, site, article_id: int):
    """Move a piece to a new time: a form without JavaScript, JSON for the calendar's drag and
    drop. Refused as the change form refuses: a piece the user may not open is not found, and
    one whose times they may not set cannot be moved; both say so without naming the piece."""
    if not roles.may_use_desk(request.user):
        raise PermissionDenied
    wants_json = request.headers.get("Accept") == "application/json"
    # The calendar the page was opened from, and leads back to.
    view = "week" if request.POST.get("view", request.GET.get("view")) == "week" else "month"
    refusal = partial(_cannot_move, request, site, wants_json=wants_json, view=view)
    model_admin = site.get_model_admin(Article)
    article = model_admin.get_object(request, str(article_id))
    if article is None:
        return refusal(why=_not_found(request), status=404)
    readonly = model_admin.get_readonly_fields(request, article)
    if (
        not model_admin.has_change_permission(request, article)
        or rescheduling.field_to_set(article) in readonly
    ):
        return refusal(why=NOT_YOURS, status=403)
    kind = plan.kind_of(article)
    at = getattr(article, kind.field) if kind else None
    # The time the form shows: sent back unchanged in the hour the clocks repeat, it is the
    # piece's own instant, not a question (`typed_times.shown_unchanged`).
    shown = {"when": timezone.localtime(at) if at else None}
    if request.method == "POST":
        form = MoveForm(request.POST, initial=shown)
        if form.is_valid():
            to = form.cleaned_data["when"]
            try:
                done = rescheduling.move(
                    article=article,
                    to=to,
                    seen_version=form.cleaned_data["version"],
                    request=request,
                    model_admin=model_admin,
                )
            except Article.DoesNotExist:  # deleted while this request ran
                return refusal(why=_not_found(request), status=404)
            except rescheduling.CannotMove as refused:
                for problem in refused.problems:
                    form.add_error(None, problem)
                # The page shows the piece as it is now (`article` was read by this request):
                # sending the form again moves that version, as the change form shown again
                # after a conflict saves over the one it names.
                form.data = form.data.copy()
                form.data["version"] = str(article.version)
            else:
                messages.success(request, done)
                day = timezone.localtime(to).date()
                back = calendar.period_holding(day, form.cleaned_data["view"])
                if wants_json:
                    return JsonResponse({"message": done, "calendar": period_url(back)})
                return HttpResponseRedirect(period_url(back))
        if wants_json:
            errors = [error for field in form.errors.values() for error in field]
            return JsonResponse({"errors": errors}, status=400)
    else:
        form = MoveForm(
            initial={
                **shown,
                "version": article.version,
                "view": view,
            }
        )
    response = _page(
        request,
        site,
        "admin/desk/move.html",
        f"Move “{article.headline}”",
        article=article,
        kind=kind,
        at=at,
        form=form,
        back=period_url(
            calendar.period_holding(timezone.localdate(at) if at else calendar.today(), view)
        ),
        # The date and time shortcuts of the change form need the admin's core script.
        media=Media(js=["admin/js/core.js"], nonce=request.csp_nonce) + form.media,
    )
    if request.method == "POST":
        response.status_code = 400
    return response


@require_POST
def feed_address(request, site):
    """Make, reset or turn off the calendar feed address of the user signed in."""
    if not roles.may_use_desk(request.user):
        raise PermissionDenied
    if request.POST.get("action") == "off":
        feeds.turn_off(request.user)
        messages.success(request, "Your calendar feed is turned off: its address no longer works.")
    else:
        feeds.reset(request.user)
        messages.success(
            request,
            "Your calendar feed has a new address; any earlier one no longer works. "
            "Add it to your calendar app as a subscription.",
        )
    return redirect(reverse("admin:desk_calendar") + "#calendar-feed")


@require_safe
def calendar_feed(request, token: str) -> HttpResponse:
    """The plan as an iCalendar feed, at a secret address rather than behind the sign-in:
    calendar apps cannot sign in. A wrong or retired address finds nothing (404)."""
    user = feeds.owner_of(token)
    if user is None:
        raise Http404("No such calendar")
    now = timezone.now()
    entries = plan.entries(
        roles.on_desk(user, Article.objects.all()), start=now - FEED_PAST, end=now + FEED_AHEAD
    )
    body = ical.calendar_of(
        entries,
        host=request.get_host().partition(":")[0],
        url_for=lambda article: request.build_absolute_uri(
            reverse("admin:articles_article_change", args=[article.pk])
        ),
        name="Newsroom plan",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="newsroom-plan.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
