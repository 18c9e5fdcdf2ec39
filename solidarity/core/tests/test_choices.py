from django.apps import apps
from django.db import models
from django.utils import translation

from solidarity.core.models import ChoiceLabelsModel


def choice_fields():
    for model in apps.get_models():
        if not issubclass(model, ChoiceLabelsModel):
            continue
        for field in model._meta.concrete_fields:
            if field.choices and field.flatchoices is not None:  # a multiple CountryField has none
                yield model, field


def test_the_cached_labels_are_djangos_in_both_languages():
    fields = list(choice_fields())
    assert len(fields) > 10  # the records' kinds, states, directions, roles…
    for code in ("vi", "en", "vi"):  # back to vi: the cache keeps one mapping per language
        with translation.override(code):
            for model, field in fields:
                values = [value for value, _label in field.flatchoices] + ["not-a-choice", None]
                for value in values:
                    record = model(**{field.attname: value})
                    fast = getattr(record, f"get_{field.name}_display")()
                    assert fast == models.Model._get_FIELD_display(record, field), (model, field, value)
                    assert type(fast) is type(models.Model._get_FIELD_display(record, field))


def test_a_label_follows_the_active_language():
    from solidarity.delegations.models import Delegation

    record = Delegation(state="approved")
    with translation.override("en"):
        assert record.get_state_display() == "Approved"
    with translation.override("vi"):
        assert record.get_state_display() == "Đã phê duyệt"


def test_the_cached_country_names_are_django_countries_in_both_languages():
    from django_countries import countries
    from django_countries.fields import Country

    from solidarity.core.choices import country_name

    for code in ("vi", "en", "vi"):
        with translation.override(code):
            for alpha2 in [*countries.countries, "", "XX"]:
                assert country_name(Country(alpha2)) == Country(alpha2).name, (code, alpha2)
    with translation.override("en"):
        assert country_name(Country("LA")) == "Laos"
