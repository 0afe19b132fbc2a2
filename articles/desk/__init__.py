"""The editor's desk: dashboard, calendar, calendar feed.

- `plan`: what is on the plan: pieces at the times they run or are meant to, in one query.
- `dashboard`: the admin's home for editors and contributors, in a fixed number of queries.
- `calendar`: month and week grids of days in the newsroom's time zone.
- `rescheduling`: moving a piece to a new time, with the change form's permissions and checks.
- `feeds`: private calendar feed addresses; `ical`: the feed itself, in iCalendar.
- `forms`, `views`, `urls`: the admin pages, which `articles.apps` adds to the admin site.

Who sees what is `articles.workflow.roles.on_desk`: editors everything, contributors their own
pieces.
"""
