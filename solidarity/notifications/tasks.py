"""The mail task the background worker (``manage.py db_worker``) runs for a notification sent at once.

The periodic tasks (reminders, digest) live with the schedule (``schedule.py``)."""

from django_tasks import task

from .mail import send_one


@task()
def send_notification_mail(notification_id: int) -> None:
    send_one(notification_id)
