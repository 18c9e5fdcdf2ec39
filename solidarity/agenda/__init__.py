"""The calendar: delegations, meetings and deadlines by month, week and day, and a personal iCalendar feed.

Everything it shows comes through :func:`.selectors.events_between`, scoped by
the one permission rule, for the page and the feed alike.
"""
