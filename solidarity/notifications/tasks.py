"""The notification tasks the background worker (``manage.py db_worker``) runs."""

from django_tasks import task


@task()
def send_notification_mail(notification_id: int) -> None:
    from .mail import send_one

    send_one(notification_id)


@task()
def send_reminders() -> None:
    from .reminders import run_reminders

    run_reminders()


@task()
def send_daily_digests() -> None:
    from .mail import send_digests

    send_digests()
