"""The desk's pages under /admin/, named in the admin's namespace (`admin:desk_…`)."""

from functools import partial

from django.urls import path

from articles.desk import views


def admin_urls(site) -> list:
    """What `articles.apps` adds to the admin site; the dashboard is the site's home instead.

    Every page but the calendar feed is behind the admin's sign-in; the feed's secret address
    is its own credential (`articles.desk.feeds`).
    """

    def page(view):
        return site.admin_view(partial(view, site=site))

    return [
        path("desk/calendar/", page(views.month), name="desk_calendar"),
        path(
            "desk/calendar/<int:year>/<int:month>/",
            page(views.month),
            name="desk_calendar_month",
        ),
        path("desk/calendar/week/", page(views.week), name="desk_calendar_this_week"),
        path(
            "desk/calendar/<int:year>/week/<int:week>/",
            page(views.week),
            name="desk_calendar_week",
        ),
        path("desk/articles/<int:article_id>/move/", page(views.move), name="desk_move"),
        path("desk/calendar/feed/", page(views.feed_address), name="desk_feed_address"),
        path(
            "desk/calendar/feed/<str:token>.ics",
            views.calendar_feed,
            name="desk_calendar_feed",
        ),
    ]


def register(site) -> None:
    from articles.workflow import roles

    site.add_pages(admin_urls)
    site.set_home(views.dashboard, shown_to=roles.may_use_desk)
