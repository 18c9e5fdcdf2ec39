"""Reading the data files: every value checked, every mistake named by file and entry.

The files are written by people, not programs, so a mistake (a date written
29/07/2024, a unit code that does not exist, a refusal from a service) stops
the load with the file, the entry and what is wrong, and nothing is written.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PROJECT_DIR = DATA_DIR.parents[2]


class DemoDataError(Exception):
    """A data file says something the loader or the services refuse."""


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """YAML as a person reads it: only true and false are yes-or-no.

    Plain YAML 1.1 also reads yes, no, on and off that way, so Norway's
    country code NO would become "false" and a field called "on" a boolean.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class DataFile(dict):
    """The sections of one data file, and where it is."""

    def __init__(self, path: Path, sections: dict):
        super().__init__(sections)
        self.path = path


def read(name: str, *, data_dir: Path | None = None) -> DataFile:
    """The sections of ``data/<name>`` (``units:``, ``reorganisation:``...)."""
    path = (data_dir or DATA_DIR) / name
    try:
        with open(path, encoding="utf-8") as stream:
            content = yaml.load(stream, Loader=_Loader)  # noqa: S506 (a safe loader)
    except OSError as error:
        raise DemoDataError(f"{_shown(path)}: cannot be read ({error.strerror}).") from error
    except yaml.YAMLError as error:
        raise DemoDataError(f"{_shown(path)}: not valid YAML: {error}") from error
    if content is not None and not isinstance(content, dict):
        raise DemoDataError(f"{_shown(path)}: expected sections such as 'units:' at the top.")
    return DataFile(path, content or {})


def entries(content: DataFile, section: str, *, label: str | tuple[str, ...]) -> Iterator[Entry]:
    """The entries of ``section``, each an :class:`Entry` named by its ``label`` field (the first one set)."""
    shown_path = _shown(content.path)
    items = content.get(section) or []
    if not isinstance(items, list):
        raise DemoDataError(f"{shown_path}: '{section}' should be a list of entries, each after '- '.")
    for number, item in enumerate(items, start=1):
        where = f"{shown_path}, {section} entry {number}"
        if not isinstance(item, dict):
            raise DemoDataError(f"{where}: expected fields such as 'name: ...'.")
        shown = next((item[key] for key in _keys(label) if item.get(key)), None)
        yield Entry(item, f"{where} ({shown})" if shown else where)


def _keys(label: str | tuple[str, ...]) -> tuple[str, ...]:
    return (label,) if isinstance(label, str) else label


def _shown(path: Path) -> str:
    """The file as a person finds it: from the top of the project when it is inside it."""
    try:
        return str(path.resolve().relative_to(PROJECT_DIR))
    except ValueError:
        return str(path)


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return "; ".join(
                f"{field}: {' '.join(str(m) for m in messages)}" if field != "__all__" else " ".join(messages)
                for field, messages in error.message_dict.items()
            )
        return " ".join(str(m) for m in error.messages)
    return str(error)


class Entry:
    """One entry of a data file: typed access to its fields, errors that say where."""

    def __init__(self, data: dict, where: str):
        self.data = data
        self.where = where

    def __contains__(self, key: str) -> bool:
        return self.data.get(key) not in (None, "")

    def error(self, message: str) -> DemoDataError:
        return DemoDataError(f"{self.where}: {message}")

    @contextmanager
    def reporting(self) -> Iterator[None]:
        """Turn any refusal inside into an error naming this entry."""
        try:
            yield
        except (ValidationError, PermissionDenied) as error:
            raise self.error(_message(error) or type(error).__name__) from error

    def only(self, *allowed: str) -> Entry:
        """Refuse unknown fields: a misspelt one would otherwise be silently ignored."""
        unknown = sorted(set(self.data) - set(allowed))
        if unknown:
            raise self.error(f"unknown field(s) {', '.join(unknown)}; expected: {', '.join(allowed)}.")
        return self

    def part(self, key: str, label: str) -> Iterator[Entry]:
        """The entries of a list inside this entry (members, steps, items...)."""
        items = self.data.get(key) or []
        if not isinstance(items, list):
            raise self.error(f"'{key}' should be a list, each item starting with '- '.")
        for number, item in enumerate(items, start=1):
            where = f"{self.where}, {key} {number}"
            if not isinstance(item, dict):
                raise DemoDataError(f"{where}: expected fields such as 'name: ...'.")
            shown = item.get(label)
            yield Entry(item, f"{where} ({shown})" if shown else where)

    # -- values

    def text(self, key: str, *, required: bool = False) -> str:
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                raise self.error(f"'{key}' is missing.")
            return ""
        if isinstance(value, bool | dict | list):
            raise self.error(f"'{key}' should be text.")
        return str(value).strip()

    def names(self, key: str) -> list[str]:
        value = self.data.get(key) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or any(isinstance(v, dict | list) for v in value):
            raise self.error(f"'{key}' should be a list, e.g. [A, B].")
        return [str(v).strip() for v in value]

    def choice(self, key: str, choices, *, default: str | None = None) -> str:
        value = self.text(key) or default
        if value is None:
            raise self.error(f"'{key}' is missing; one of: {', '.join(choices.values)}.")
        if value not in choices.values:
            raise self.error(f"'{key}: {value}' is not one of: {', '.join(choices.values)}.")
        return value

    def flag(self, key: str, *, default: bool) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.error(f"'{key}' should be true or false.")
        return value

    def integer(self, key: str, *, required: bool = False) -> int | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.error(f"'{key}' is missing.")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(f"'{key}' should be a whole number, e.g. 120_000_000.")
        return value

    def decimal(self, key: str) -> Decimal | None:
        value = self.data.get(key)
        if value is None:
            return None
        try:
            return Decimal(str(value))
        except InvalidOperation:
            raise self.error(f"'{key}' should be a number, e.g. 5000.00.") from None

    def date(self, key: str, *, required: bool = False) -> datetime.date | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.error(f"'{key}' is missing.")
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        raise self.error(f"'{key}: {value}' is not a date; write it year-month-day, e.g. 2024-07-29.")

    def moment(self, key: str) -> datetime.datetime:
        """A date and time ("2024-07-29 09:15") as an aware datetime in the project's time zone."""
        value = self.data.get(key)
        if value is None:
            raise self.error(f"'{key}' is missing; write a date and time, e.g. 2024-07-29 09:15.")
        if isinstance(value, str):
            try:
                value = datetime.datetime.strptime(value.strip(), "%Y-%m-%d %H:%M")
            except ValueError:
                raise self.error(
                    f"'{key}: {value}' is not a date and time; write it like 2024-07-29 09:15."
                ) from None
        elif isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            value = datetime.datetime.combine(value, datetime.time(9))
        if not isinstance(value, datetime.datetime):
            raise self.error(f"'{key}' should be a date and time, e.g. 2024-07-29 09:15.")
        if timezone.is_naive(value):
            value = timezone.make_aware(value, timezone.get_default_timezone())
        return value
