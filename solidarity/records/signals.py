"""Signals the record kit sends, so that apps above it can react without being imported here.

``transitioned``: a record moved along the approval workflow (``records.workflow.transition``).
Sent inside the transition's transaction, after the state and the event row are written:
a receiver's writes commit or roll back with it (anything leaving the database, such as mail,
waits for ``transaction.on_commit``). Arguments: ``record`` (the updated record), ``action``,
``event`` (the ``WorkflowEvent`` row), ``by`` (who took it).
"""

from django.dispatch import Signal

transitioned = Signal()
