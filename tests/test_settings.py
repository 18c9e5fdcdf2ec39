"""Settings: safe local defaults, and production settings that pass check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "FIELD_ENCRYPTION_SALT"}
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_check_deploy():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={
            "SECRET_KEY": "x7!kq2-production-like-secret-key-with-plenty-of-entropy-9f3a2b1c",
            "ALLOWED_HOSTS": "solidarity.example.vn",
            "DEBUG": "0",
            "FIELD_ENCRYPTION_SALT": "production-salt-4b1d9e7c2a",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_fails_without_the_personal_data_salt():
    result = run_manage(
        "check",
        "--deploy",
        env_overrides={
            "SECRET_KEY": "x7!kq2-production-like-secret-key-with-plenty-of-entropy-9f3a2b1c",
            "ALLOWED_HOSTS": "solidarity.example.vn",
            "DEBUG": "0",
        },
    )
    assert result.returncode != 0
    assert "solidarity.E101" in result.stdout + result.stderr


def test_check_deploy_fails_loudly_without_a_real_secret_key():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides={})
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_debug_is_off_unless_asked(settings):
    from solidarity import settings as module

    assert module.env_bool("DEBUG_NOT_SET_ANYWHERE", False) is False
    result = run_manage(
        "shell", "-c", "from django.conf import settings; print(settings.DEBUG)", env_overrides={}
    )
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_sqlite_runs_in_wal_mode_by_default(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
    # The test database lives in memory, where WAL does not apply; check the configuration instead.
    assert "journal_mode=WAL" in connection.settings_dict["OPTIONS"]["init_command"]
    assert mode in {"wal", "memory"}


def test_a_bad_boolean_setting_is_refused():
    result = run_manage("check", env_overrides={"DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_templates_and_widgets_are_compiled_once_when_debug_is_off():
    """The cached template loader serves pages and form widgets alike (the form renderer uses TEMPLATES)."""
    code = (
        "from django.template import engines; from django.forms.renderers import get_default_renderer; "
        "engine = engines['django'].engine; "
        "print(type(engine.template_loaders[0]).__module__, len(engine.template_loaders), "
        "type(get_default_renderer()).__name__)"
    )
    result = run_manage("shell", "-c", code, env_overrides={"DEBUG": "0"})
    assert result.stdout.strip().splitlines()[-1] == "django.template.loaders.cached 1 TemplatesSetting"
