"""Decisions taken before the approval turnaround was kept: their owner, day and days waited."""

from django.db import migrations
from django.utils import timezone

DECISIONS = ("approve", "return", "reject")


def backfill(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    WorkflowEvent = apps.get_model("core", "WorkflowEvent")
    Record = apps.get_model("delegations", "delegation")
    content_type = ContentType.objects.filter(app_label="delegations", model="delegation").first()
    if content_type is None:
        return
    events = WorkflowEvent.objects.filter(content_type=content_type).order_by("object_id", "at", "pk")
    owners = dict(Record.objects.values_list("pk", "owner_unit_id"))
    submitted = {}
    changed = []
    for event in events.iterator():
        if event.action == "submit":
            submitted[event.object_id] = timezone.localdate(event.at)
        elif event.action in DECISIONS and event.object_id in owners:
            event.decided_on = timezone.localdate(event.at)
            since = submitted.get(event.object_id, event.decided_on)
            event.waited_days = max((event.decided_on - since).days, 0)
            event.owner_unit_id = owners[event.object_id]
            changed.append(event)
    WorkflowEvent.objects.bulk_update(changed, ["decided_on", "waited_days", "owner_unit"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("delegations", "0008_home_attention_indexes"),
        ("core", "0003_decision_turnaround"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
