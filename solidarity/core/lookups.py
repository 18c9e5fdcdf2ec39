"""``in`` on integer columns ignores numbers the column cannot hold.

Django already treats ``pk=99999999999999999999`` as matching nothing (its
integer ``exact``, ``gt``... lookups check the column's range), but not
``pk__in=[99999999999999999999]``: the number reaches the driver and SQLite
raises OverflowError. Multiple-choice form fields, the
type-to-search widgets and any list of ids from a request query this way, so
a crafted id was a server error instead of "not a valid choice". Registered
once here for every integer field (ids included), it makes such a value what
it is: an id no row has.
"""

from __future__ import annotations

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            try:
                low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            except KeyError:  # a third-party integer type the backend has no range for
                return super().process_rhs(compiler, connection)
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
