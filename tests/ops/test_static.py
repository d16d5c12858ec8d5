"""Static files collect with the production storage (hashed names and a
manifest): every file they refer to is vendored, and every `{% static %}`
in the templates names a collected file."""

import json
import re
from pathlib import Path

from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
STATIC_TAG = re.compile(r"""{%\s*static\s+['"]([^'"]+)['"]""")


def _collect(settings, tmp_path) -> dict:
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    return json.loads((tmp_path / "staticfiles.json").read_text())["paths"]


def test_static_files_collect_with_the_manifest(settings, tmp_path):
    paths = _collect(settings, tmp_path)

    for name in ("vendor/bootstrap/bootstrap.min.css", "vendor/bootstrap/bootstrap.bundle.min.js"):
        assert name in paths
        hashed = tmp_path / paths[name]
        assert hashed.exists() and (hashed.parent / (hashed.name + ".gz")).exists()


def test_every_static_file_a_template_names_is_collected(settings, tmp_path):
    paths = _collect(settings, tmp_path)
    templates = [
        path
        for path in ROOT.rglob("*.html")
        if ".venv" not in path.parts and "node_modules" not in path.parts
    ]

    named = {name for path in templates for name in STATIC_TAG.findall(path.read_text())}

    assert named, "no {% static %} found: the pattern is wrong"
    assert named - set(paths) == set()
