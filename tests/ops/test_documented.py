"""Every variable the settings read is documented for operators."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READ = re.compile(r"""env(?:\.\w+)?\(\s*["']([A-Z][A-Z0-9_]+)["']""")


def _variables() -> set[str]:
    names = set(READ.findall((ROOT / "config" / "settings.py").read_text()))
    assert {"SECRET_KEY", "DATABASE_URL", "SENTRY_DSN"} <= names, "the pattern is wrong"
    return names


def test_env_example_lists_every_variable():
    listed = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))

    assert _variables() - listed == set()


def test_readme_explains_every_variable():
    readme = (ROOT / "README.md").read_text()

    assert {name for name in _variables() if f"`{name}`" not in readme} == set()


def test_a_plain_install_brings_what_the_production_start_runs():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = {re.split(r"[\[~<>=!; ]", spec, maxsplit=1)[0] for spec in project["dependencies"]}

    # README: pip install . then gunicorn, celery (worker and beat), WhiteNoise, Sentry.
    assert {"gunicorn", "celery", "whitenoise", "sentry-sdk", "psycopg"} <= names
