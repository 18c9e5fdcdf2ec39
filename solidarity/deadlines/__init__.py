"""The dates the hierarchy must keep, read from the records: one answer for every page that shows them.

The calendar draws them, the reminders job tells people before and on them,
and "my work" lists those a user's units owe. See :mod:`.selectors`.
"""
