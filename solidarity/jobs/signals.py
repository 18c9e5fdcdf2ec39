"""``job_finished``: a background job ended, done or failed (sent with ``job``, after its row is saved).

Apps above the job mechanism (notifications) react to it; the jobs app imports none of them.
"""

from django.dispatch import Signal

job_finished = Signal()
