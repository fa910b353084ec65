"""The hook manifest, this repository's pre-commit config and the CI workflow are valid."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


def test_hook_manifest_is_valid_and_serial():
    result = run("pre_commit", "validate-manifest", ".pre-commit-hooks.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    text = (ROOT / ".pre-commit-hooks.yaml").read_text("utf-8")
    assert text.count("require_serial: true") == 2
    assert "- id: pdp-lint\n" in text and "- id: pdp-lint-fix\n" in text


def test_repository_pre_commit_config_is_valid():
    result = run("pre_commit", "validate-config", ".pre-commit-config.yaml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_github_workflow_validates_against_the_workflow_schema():
    workflows = sorted(str(p) for p in (ROOT / ".github" / "workflows").glob("*.yml"))
    assert workflows
    result = run("check_jsonschema", "--builtin-schema", "vendor.github-workflows", *workflows)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_lints_uploads_sarif_builds_and_publishes_the_site():
    text = (ROOT / ".github" / "workflows" / "pdp-lint.yml").read_text("utf-8")
    for needle in (
        "pdp-lint check frameworks/",
        "--format sarif",
        "upload-sarif",
        "pdp-lint site --out dist/site",
        "upload-artifact",
        "deploy-pages",
    ):
        assert needle in text, needle
