"""Headers that keep pages private and scripts our own: CSP, no-store, Permissions-Policy."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from solidarity.delegations.tests.factories import make_delegation
from solidarity.records.attachments import attachment_add

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent / "solidarity"


def directives(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: sources for name, *sources in parts}


def test_a_signed_in_page_runs_only_the_apps_own_scripts_and_styles(client, people):
    client.force_login(people.na_officer)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert "unsafe" not in response.headers["Content-Security-Policy"]


def test_the_sign_in_page_has_the_same_policy(client):
    response = client.get(reverse("login"))
    assert directives(response)["script-src"] == ["'self'"]


def test_the_django_admin_keeps_scripts_strict_and_only_allows_style_attributes(client, people):
    client.force_login(people.superuser)
    for url_name in ("admin:index", "admin:units_unit_changelist", "admin:accounts_user_add"):
        response = client.get(reverse(url_name))
        assert response.status_code == 200, url_name
        policy = directives(response)
        assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
        assert policy["style-src-attr"] == ["'unsafe-inline'"]
    assert "style-src-attr" not in directives(client.get(reverse("home")))


@pytest.mark.parametrize("url_name", ["home", "partners:list", "delegations:list", "unit_options"])
def test_signed_in_pages_are_never_stored_by_the_browser_or_a_proxy(client, people, url_name):
    client.force_login(people.na_officer)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    assert "private" in response.headers["Cache-Control"]


def test_a_downloaded_file_is_never_stored(client, people, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    delegation = make_delegation(tree.nghe_an)
    attachment = attachment_add(
        record=delegation,
        upload=SimpleUploadedFile(
            "ke-hoach.pdf", b"%PDF-1.4\n%plan\n%%EOF\n", content_type="application/pdf"
        ),
        by=people.na_officer,
    )
    client.force_login(people.na_officer)
    response = client.get(reverse("attachment_download", args=[attachment.pk]))
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]


@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_switches_off_camera_microphone_and_location(client, people, signed_in):
    if signed_in:
        client.force_login(people.na_officer)
    response = client.get(reverse("home" if signed_in else "login"))
    policy = response.headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


# What the policy forbids: a <script> without src (a JSON data block is not run),
# <style>, style= and on…= attributes, hx-on (evaluated code) and javascript: URLs.
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>"
    r"|<style\b"
    r"|\sstyle\s*="
    r"|\son[a-z]+\s*="
    r"|\shx-on"
    r"|javascript:",
    re.IGNORECASE,
)


def test_no_template_holds_an_inline_script_or_style():
    """Every template of the app, including ones added later, so the policy never breaks a page."""
    templates = sorted(ROOT.glob("templates/**/*.html")) + sorted(ROOT.glob("*/templates/**/*.html"))
    assert len(templates) > 50
    found = [
        f"{path.relative_to(ROOT)}:{text[: match.start()].count(chr(10)) + 1}: {match.group(0).strip()}"
        for path in templates
        for text in [path.read_text(encoding="utf-8")]
        for match in INLINE.finditer(text)
    ]
    assert found == []


# A widget's attrs={"style": …}, or style="…" built in Python.
INLINE_IN_PYTHON = re.compile(r"[\"']style[\"']\s*:|\sstyle=\\?[\"']")


def test_no_widget_in_python_code_carries_an_inline_style():
    found = [
        str(path.relative_to(ROOT))
        for path in sorted(ROOT.glob("**/*.py"))
        if "migrations" not in path.parts
        and "tests" not in path.parts  # tests name what they look for
        and INLINE_IN_PYTHON.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_a_form_refused_by_the_csrf_check_explains_itself_in_the_apps_own_style(people):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(people.na_officer)
    response = client.post(reverse("partners:create"), {"name": "X"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "/static/solidarity/error.css" in page and "reload the page" in page


def test_no_template_comment_spills_onto_the_page():
    """{# … #} is one line only: spread over two, it is printed as text."""
    templates = sorted(ROOT.glob("templates/**/*.html")) + sorted(ROOT.glob("*/templates/**/*.html"))
    found = [
        str(path.relative_to(ROOT))
        for path in templates
        for line in path.read_text(encoding="utf-8").splitlines()
        if "{#" in line and "#}" not in line.split("{#", 1)[1]
    ]
    assert found == []
