"""Junk input never makes a server error: every endpoint, every parameter (issue 6).

The endpoints are not listed by hand. The test loads the demo plus one fresh
record of each kind (with phases, members, a file...), crawls the app as the
national administrator from those records and the URLconf's parameterless
pages, and records every link, htmx URL and form it finds. Then, for every
route of ``solidarity.urls`` (Django's admin aside):

- GET with junk (huge, negative and non-numeric ids, NUL, very long text,
  impossible dates) in every query parameter: every filter of the app's
  FilterSets, the type-to-search boxes, those seen in links (``page``,
  ``start``...) and those views read directly;
- POST junk in every field of every form posting to it, both all fields at
  once and, on top of the form's own valid values, one kind of field at a
  time (dates, choices and ids, numbers, text), following a save to the page
  that shows it;
- GET and POST with an id no row can have (above 2^63-1) in the path.

A 4xx or a form error is the right answer; a 5xx or an exception fails. A route
the crawl cannot reach fails too, so a new endpoint is covered (or its fixture
object added here) from the day it is written.

Every request runs in a savepoint rolled back afterwards, so each one sees
the same data and a refused write on PostgreSQL does not poison the next.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # above 2^63-1: OverflowError if it reaches the database driver
# Sent in every parameter at once.
JUNK = [HUGE, "-" + HUGE, "²", "a\x00b", "x" * 3000, "20/12/9999"]
# Sent in one kind of field at a time, the form's other fields keeping their valid values, so the
# junk gets past validation into services and the pages shown after a save.
TYPED_JUNK = {
    "date": ["20/12/9999", "01/01/0001"],
    "choice": [HUGE, "-1", "²"],  # selects, radios, checkboxes, hidden ids
    "number": [HUGE, "0", "1e400"],
    "text": ["a\x00b", "x" * 3000],
}
# Query parameters the views read directly, whether or not a page links them.
COMMON_PARAMS = ["page", "q", "start", "field", "scope", "exclude", "name", "multiple", "ended", "ordering"]

# Django's own admin site, not the app's pages; the REST API, which has its own property-based
# test of every operation (solidarity/api/tests/test_schema_property.py), except its tokens page.
SKIPPED_PREFIXES = ("admin/", "api/")
KEPT_PREFIXES = ("api/tokens/",)


def skipped(route: str) -> bool:
    return route.startswith(SKIPPED_PREFIXES) and not route.startswith(KEPT_PREFIXES)


APPS = [
    "accounts",
    "units",
    "partners",
    "contacts",
    "agreements",
    "delegations",
    "meetings",
    "support",
    "staff",
    "news",
]
VISITS_PER_ROUTE = 3
# An import's page differs by its state: previewed, waiting for a choice, done, its check interrupted.
VISITS_OF_ROUTE = {"imports/<int:pk>/": 4}
URLS_PER_ROUTE = 1


def all_routes() -> list[str]:
    """Every route of the URLconf as its full pattern string (e.g. ``delegations/<int:pk>/``)."""
    routes: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern) and not skipped(route):
                routes.append(route)

    walk(get_resolver().url_patterns, "")
    return routes


def filter_names(path: str) -> set[str]:
    """The filters of every FilterSet of the app serving ``path``, rendered or not."""
    import importlib

    import django_filters

    app = resolve(path).namespace
    if app not in APPS:
        return set()
    try:
        module = importlib.import_module(f"solidarity.{app}.filters")
    except ModuleNotFoundError:
        return set()
    names = set()
    for value in vars(module).values():
        if isinstance(value, type) and issubclass(value, django_filters.FilterSet):
            names.update(value.base_filters)
    return names


def route_of(path: str) -> str | None:
    try:
        return resolve(path).route
    except Resolver404:
        return None


@dataclass
class Form:
    method: str
    action: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)  # name -> date, choice, number, text

    def add(self, name: str, value: str | None, kind: str) -> None:
        self.fields.setdefault(name, [])
        if value is not None:
            self.fields[name].append(value)
        self.kinds.setdefault(name, kind)


class PageParser(HTMLParser):
    """Links, htmx URLs and forms of one page."""

    def __init__(self, base: str):
        super().__init__()
        self.base = base
        self.urls: list[str] = []
        self.forms: list[Form] = []
        self.search_boxes: list[tuple[str, str]] = []  # (options url, box name)
        self._form: Form | None = None
        self._select: tuple[str, str] | None = None  # (name, kind) of the open <select>
        self._select_values: list[str] = []
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("href", "hx-get", "data-url", "data-href"):
            value = attrs.get(key)
            if value and value.startswith("/") and not value.startswith("//"):
                self.urls.append(value)
        if tag == "form":
            method = (attrs.get("method") or "get").lower()
            self._form = Form(method=method, action=attrs.get("action") or self.base)
            self.forms.append(self._form)
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("hx-get"):
            self.search_boxes.append((attrs["hx-get"], name))
        if self._form is None or not name or attrs.get("form"):
            return
        if tag == "input":
            kind_attr = (attrs.get("type") or "text").lower()
            if kind_attr in ("submit", "button", "reset", "image"):
                if attrs.get("value") is not None:
                    self._form.add(name, attrs["value"], "choice")
                return
            if kind_attr == "file":
                return
            value = attrs.get("value", "")
            if kind_attr in ("checkbox", "radio"):
                self._form.add(name, value if "checked" in attrs else None, "choice")
            elif kind_attr == "date" or "yyyy" in (attrs.get("placeholder") or ""):
                self._form.add(name, value, "date")
            elif kind_attr == "number":
                self._form.add(name, value, "number")
            elif kind_attr == "hidden":
                self._form.add(name, value, "choice" if name != "csrfmiddlewaretoken" else "token")
            else:
                self._form.add(name, value, "text")
        elif tag == "select":
            self._select = (name, "choice")
            self._select_values = []
            self._form.add(name, None, "choice")
        elif tag == "option" and self._select and "selected" in attrs:
            self._select_values.append(attrs.get("value", ""))
        elif tag == "textarea":
            self._textarea = name
            self._form.add(name, None, "text")

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            values = self._form.fields[self._textarea]
            values[:] = ["".join(values) + data]

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select and self._form is not None:
            self._form.fields[self._select[0]].extend(self._select_values)
            self._select = None
        elif tag == "textarea":
            self._textarea = None


@dataclass
class Found:
    urls: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # route -> paths
    params: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # route -> query keys
    forms: dict[str, list[Form]] = field(default_factory=lambda: defaultdict(list))  # route -> forms


@dataclass
class Setting:
    user: object
    pages: list[str]  # the fixture's own records, crawled first


@pytest.fixture
def national_admin(settings, tmp_path) -> Setting:
    """The demo, one fresh record of each kind with everything that hangs on it, and the national
    administrator, who sees all of it."""
    import datetime
    from decimal import Decimal

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse
    from django.utils import timezone

    from solidarity.accounts.models import User
    from solidarity.agreements import services as agreements
    from solidarity.delegations import services as delegations
    from solidarity.demo.loader import load_demo
    from solidarity.meetings import services as meetings
    from solidarity.partners.models import Partner
    from solidarity.records.attachments import attachment_add
    from solidarity.units.models import Unit

    settings.MEDIA_ROOT = tmp_path
    load_demo(password="demo12345")
    admin = User.objects.get(username="tld.quantri")
    unit = Unit.objects.get(code="VGCL")
    partner = Partner.objects.order_by("pk").first()
    today = datetime.date.today()
    start = today + datetime.timedelta(days=60)

    agreement = agreements.agreement_create(
        by=admin,
        owner_unit=unit,
        partners=[partner],
        title="Thỏa thuận thử dữ liệu rác",
        agreement_type="cooperation_agreement",
        is_international_agreement=True,
    )
    agreements.phase_save(agreement=agreement, by=admin, name="2026–2028", start_year=2026, end_year=2028)
    commitment = agreements.commitment_create(
        by=admin, agreement=agreement, description="Trao đổi đoàn", due_year=today.year
    )
    delegation = delegations.delegation_create(
        by=admin,
        owner_unit=unit,
        partners=[partner],
        direction="outgoing",
        title="Đoàn thử dữ liệu rác",
        purpose="Kiểm tra",
        start_on=start,
        end_on=start + datetime.timedelta(days=3),
    )
    delegations.member_add(delegation=delegation, by=admin, full_name="Nguyễn Văn A", unit=unit)
    delegations.programme_item_add(delegation=delegation, by=admin, day=start, activity="Làm việc")
    delegations.cost_add(
        delegation=delegation, by=admin, kind="estimated", source="union_budget", amount=Decimal(1000)
    )
    attachment_add(
        record=delegation,
        upload=SimpleUploadedFile(
            "ke-hoach.pdf", b"%PDF-1.4\n%plan\n%%EOF\n", content_type="application/pdf"
        ),
        by=admin,
    )
    meeting = meetings.meeting_create(
        by=admin,
        owner_unit=unit,
        kind="seminar",
        title="Hội thảo thử dữ liệu rác",
        hosted=True,
        is_international=True,
        start_on=start,
    )
    # A shared fact changed by a provincial officer (the national level may revert it) and a
    # leader with two-factor sign-in (the national administrator may reset it).
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from solidarity.partners import services as partner_services

    officer = User.objects.get(username="nghean.canbo")
    shared = Partner.objects.get(links__unit__code="NA", name__icontains="Xiêng Khoảng")
    partner_services.partner_update(
        partner=shared, by=officer, expected_version=shared.version, short_name="LHCĐ XK"
    )
    leader = User.objects.get(username="nghean.lanhdao")
    TOTPDevice.objects.create(user=leader, name="phone", confirmed=True)
    from solidarity.periodic import services as periodic

    report = periodic.periodic_prepare(by=admin, unit=unit, kind="annual_report", year=today.year - 1)
    from solidarity.api.tokens import token_create

    token_create(user=admin, name="Thử dữ liệu rác")  # the tokens page lists it, with its Revoke form
    from django.core.files.base import ContentFile

    from solidarity.funds import services as funds
    from solidarity.imports.models import BatchState, ImportBatch
    from solidarity.imports.services import import_decide, import_upload
    from solidarity.jobs.models import Job, JobState

    # A fund with no entry yet may be archived: its page shows the form.
    empty_fund = funds.fund_create(by=admin, owner_unit=unit, name="Quỹ thử dữ liệu rác", purpose="Kiểm tra")
    job = Job.objects.create(owner=admin, kind="export", title="Xuất thử", state=JobState.DONE)
    job.result_name = "thu.csv"
    job.result.save("thu.csv", ContentFile(b"a,b\n"), save=True)
    # An import of a partner the directory already holds: the preview asks what to do with it.
    row = f"{partner.name},{partner.kind},{partner.country or 'LA'},VGCL\n"
    upload = SimpleUploadedFile(
        "doi-tac.csv",
        ("\ufeffTên tiếng Việt,Loại,Quốc gia,Đơn vị của ta hợp tác với đối tác (mã)\n" + row).encode(),
    )
    previewed = import_upload(by=admin, kind="partners", upload=upload)
    upload.seek(0)
    decided = import_decide(
        batch=import_upload(by=admin, kind="partners", upload=upload), by=admin, decisions={"2": "existing"}
    )
    upload.seek(0)
    done = import_upload(by=admin, kind="partners", upload=upload)
    ImportBatch.objects.filter(pk=done.pk).update(state=BatchState.DONE)  # as a finished import leaves it
    # A large file's check whose worker died a day ago: its page offers to check it again.
    upload.seek(0)
    died = import_upload(by=admin, kind="partners", upload=upload)
    died.job = Job.objects.create(
        owner=admin,
        kind="import_check",
        title="Kiểm tra thử",
        state=JobState.RUNNING,
        started_at=timezone.now() - datetime.timedelta(days=1),
    )
    died.state = BatchState.CHECKING
    died.save(update_fields=["job", "state"])
    records = [agreement, commitment, delegation, meeting, partner, shared, unit, report, empty_fund, job]
    records += [previewed, decided, done, died]
    from solidarity.plans import services as plans

    # A plan approved (it can be amended, its items dropped) and a draft (items, budget, edit).
    approved_plan = plans.plan_create(by=admin, owner_unit=unit, year=today.year + 1)
    plans.plan_item_add(plan=approved_plan, by=admin, kind="outgoing", title="Đoàn ra", quarter=1)
    plans.plan_budget_set(plan=approved_plan, by=admin, amounts={"union_budget": 1000})
    approved_plan = plans.plan_submit(plan=approved_plan, by=admin)
    approved_plan = plans.plan_approve(plan=approved_plan, by=User.objects.get(username="tld.lanhdao"))
    draft_plan = plans.plan_create(by=admin, owner_unit=unit, year=today.year + 2)
    plans.plan_item_add(plan=draft_plan, by=admin, kind="training", title="Tập huấn", quarter=2)
    records += [approved_plan, draft_plan]
    # Personal data: the national administrator holds the permission, so the crawl reaches a
    # member's personal page, a consent with its evidence, an open request, a scan, a breach, and
    # the migrant cases' "show" form.
    from solidarity.accounts.models import Membership
    from solidarity.accounts.permissions import forget_scope
    from solidarity.privacy import breaches, documents
    from solidarity.privacy import services as privacy

    Membership.objects.filter(user=admin).update(personal_data=True)
    forget_scope(admin)
    member = delegation.members.get()
    pdf = b"%PDF-1.4\n%junk\n%%EOF\n"
    privacy.consent_record(
        user=admin,
        person=member,
        purposes=["travel"],
        given_on=today,
        form="written",
        files=[SimpleUploadedFile("dong-y.pdf", pdf, content_type="application/pdf")],
    )
    privacy.request_record(user=admin, person=member, kind="access", received_on=today)
    documents.document_add(
        user=admin,
        person=member,
        kind="passport",
        upload=SimpleUploadedFile("ho-chieu.pdf", pdf, content_type="application/pdf"),
    )
    breach = breaches.breach_create(
        by=admin, unit=unit, discovered_at=timezone.now(), description="Mất máy tính xách tay"
    )
    # A news item written from the meeting, and an article read into proposals (its review page).
    from solidarity.agenda.services import feed_reset
    from solidarity.news import review as news_review
    from solidarity.news import services as news

    news_item = news.newsitem_create_from_record(by=admin, record=meeting)
    article = news_review.article_create(
        by=admin,
        owner_unit=unit,
        text="Sáng 29/7, tại Hà Nội, Tổng Liên đoàn tổ chức tọa đàm với Tổng Công hội Lào; "
        "trao tặng 30 triệu đồng.",
        published_on=today,
    )
    pages_extra = [
        reverse("privacy:requests"),
        news_item.get_absolute_url(),
        article.get_absolute_url(),
        reverse("privacy_admin:breach_edit", args=[breach.pk]),
        reverse("agenda:feed_ics", args=[feed_reset(user=admin).token]),
    ]
    pages = [record.get_absolute_url() for record in records] + [
        reverse("periodic:edit", args=[report.pk]),
        reverse("periodic:docx", args=[report.pk]),
        reverse("accounts:user_detail", args=[admin.pk]),
        reverse("accounts:user_detail", args=[leader.pk]),
        *pages_extra,
    ]
    return Setting(user=admin, pages=pages)


def seeds(setting: Setting, routes: list[str]) -> list[str]:
    """Where the crawl starts: the fixture's records, every page without parameters, and the
    password-reset link of an e-mail (no page links it)."""
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import NoReverseMatch, reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    found = [*setting.pages, *("/" + route for route in routes if "<" not in route)]
    try:
        uid = urlsafe_base64_encode(force_bytes(setting.user.pk))
        token = default_token_generator.make_token(setting.user)
        found.append(reverse("password_reset_confirm", args=[uid, token]))
    except NoReverseMatch:  # self-service reset switched off
        pass
    return found


class Prober:
    """A signed-in client whose every request is rolled back and whose failures are collected."""

    def __init__(self, user):
        self.client = Client(raise_request_exception=True)
        self.client.force_login(user)
        self.cookies = self.client.cookies
        self.failures: list[str] = []
        self.signed_out: list[str] = []
        self.count = 0

    def send(self, method: str, path: str, data=None):
        self.client.cookies = self.cookies.__class__(self.cookies)
        self.count += 1
        try:
            with transaction.atomic():
                # A write that got through is followed to the page it leads to, which shows what was saved.
                response = getattr(self.client, method)(path, data or {}, follow=method == "post")
                transaction.set_rollback(True)
        except Exception as error:  # any exception is the defect we look for
            self.failures.append(f"{method.upper()} {path} {short(data)}: {type(error).__name__}: {error}")
            return None
        if response.status_code >= 500:
            self.failures.append(f"{method.upper()} {path} {short(data)}: {response.status_code}")
        if method == "get" and not response.wsgi_request.user.is_authenticated:
            self.signed_out.append(path)  # the test would prove nothing past this point
        return response


def short(data) -> str:
    if not data:
        return ""
    text = repr({k: (v[:20] + "…" if isinstance(v, str) and len(v) > 20 else v) for k, v in data.items()})
    return text[:300]


def crawl(prober: Prober, queue: list[str]) -> Found:
    found = Found()
    seen: set[str] = set()
    visits: dict[str, int] = defaultdict(int)
    while queue:
        url = queue.pop(0)
        parts = urlsplit(url)
        route = route_of(parts.path)
        if route is None or skipped(route):
            continue
        found.urls[route].add(parts.path)
        found.params[route].update(key for key, _value in parse_qsl(parts.query, keep_blank_values=True))
        if parts.path in seen or visits[route] >= VISITS_OF_ROUTE.get(route, VISITS_PER_ROUTE):
            continue
        seen.add(parts.path)
        visits[route] += 1
        response = prober.send("get", parts.path)
        if response is None or response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        page = PageParser(parts.path)
        page.feed(response.content.decode())
        queue.extend(page.urls)
        for options_url, box in page.search_boxes:
            options_route = route_of(urlsplit(options_url).path)
            if options_route:
                found.params[options_route].add(box)
                found.params[options_route].update(k for k, _v in parse_qsl(urlsplit(options_url).query))
        for form in page.forms:
            form_route = route_of(urlsplit(form.action).path)
            if form_route is None:
                continue
            found.urls[form_route].add(urlsplit(form.action).path)
            if form.method == "get":
                found.params[form_route].update(form.fields)
            else:
                found.forms[form_route].append(form)
    return found


def junk_posts(form: Form):
    """All fields junk at once, then the form's own values with one kind of field junk."""
    names = [name for name, kind in form.kinds.items() if kind != "token"]
    for junk in JUNK:
        yield {name: junk for name in names}
    for kind, values in TYPED_JUNK.items():
        targets = [name for name in names if form.kinds[name] == kind]
        for junk in values if targets else []:
            data = {name: list(value) for name, value in form.fields.items() if form.kinds[name] != "token"}
            data.update({name: junk for name in targets})
            yield data


def with_missing_id(path: str, route: str) -> str | None:
    """``path`` with every number standing for a path parameter replaced by an id no row has."""
    if "<" not in route:
        return None
    variant = re.sub(r"/\d+(?=/)", f"/{HUGE}", path)
    return variant if variant != path else None


def test_no_junk_input_makes_a_server_error(national_admin):
    prober = Prober(national_admin.user)
    routes = all_routes()
    found = crawl(prober, seeds(national_admin, routes))

    unreached = [route for route in routes if not found.urls.get(route)]
    assert not unreached, f"no page links these routes, give them a fixture object: {unreached}"

    for route in routes:
        paths = sorted(found.urls[route])[:URLS_PER_ROUTE]
        for path in paths:
            params = sorted(found.params[route] | filter_names(path) | set(COMMON_PARAMS))
            for junk in JUNK:
                prober.send("get", path, {name: junk for name in params})
            if variant := with_missing_id(path, route):
                prober.send("get", variant)
                prober.send("post", variant, {"version": "1"})
        forms_by_action: dict[str, Form] = {}
        for form in found.forms[route]:
            forms_by_action.setdefault(urlsplit(form.action).path, form)
        for action, form in list(forms_by_action.items())[:URLS_PER_ROUTE]:
            for data in junk_posts(form):
                prober.send("post", action, data)

    assert not prober.signed_out, f"requests made signed out: {prober.signed_out[:5]}"
    assert not prober.failures, f"{len(prober.failures)} of {prober.count} requests failed:\n" + "\n".join(
        prober.failures
    )
