"""The search index: one row per searchable thing, its folded text under a real text index.

A row names the record whose permission rule decides whether a user may see
the hit (``record_type``, ``record_id``: the thing itself, or the delegation of
a member, the record of a file) and the unit that owns it (``owner_unit``,
empty for the shared partner directory) so a search starts from the user's
scope. The rule itself is asked again for every hit (``selectors.search``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    kind = models.CharField(_("kind"), max_length=20)
    object_id = models.PositiveBigIntegerField()
    record_type = models.CharField(max_length=60)  # app_label.model whose visible_to() decides
    record_id = models.PositiveBigIntegerField()
    owner_unit = models.ForeignKey(
        "units.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="+", db_constraint=True
    )
    title = models.CharField(_("title"), max_length=300)
    title_folded = models.CharField(max_length=300)
    body = models.TextField(blank=True)  # what is shown around the words found (original spelling)
    text = models.TextField()  # folded title and body: what the index holds
    on = models.DateField(null=True, blank=True)  # for ranking: recent first
    archived = models.BooleanField(default=False)
    url = models.CharField(max_length=300)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")]
        indexes = [models.Index(fields=["record_type", "record_id"], name="search_entry_record_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"
