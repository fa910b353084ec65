"""A real editor: Debian's Neovim, headless, with its built-in LSP client, opens a
framework with a misspelling and reads pdp-lint's diagnostic back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

NVIM = Path(os.environ.get("NVIM", "/usr/bin/nvim"))

#: Neovim 0.7's LSP client (vim.lsp.start_client); writes what it got to OUT as JSON
SCRIPT = r"""
local out = vim.env.PDP_OUT
local function finish(result)
  local file = io.open(out, 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qall!')
end
local ok, err = pcall(function()
  local client = vim.lsp.start_client({
    name = 'pdp-lint',
    cmd = { vim.env.PDP_PYTHON, '-m', 'pdp_lint', 'server' },
    root_dir = vim.env.PDP_ROOT,
  })
  assert(client, 'the LSP client did not start')
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.PDP_FILE))
  vim.lsp.buf_attach_client(0, client)
  local got = vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 20)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(found, {
      lnum = d.lnum, col = d.col, message = d.message, source = d.source,
      severity = d.severity, code = d.code or lsp.code,
    })
  end
  finish({ waited = got, diagnostics = found })
end)
if not ok then finish({ error = tostring(err) }) end
"""


@pytest.fixture(scope="session")
def nvim() -> Path:
    """Neovim, installed by scripts/ensure-neovim when missing."""
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "ensure-neovim")],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 or not NVIM.exists():
        reason = (done.stderr.strip().splitlines() or ["scripts/ensure-neovim failed"])[-1]
        pytest.fail(f"no Neovim for the editor test: {reason}", pytrace=False)
    return NVIM


def test_neovim_shows_the_misspelling_pdp_lint_reports(
    nvim: Path, project: Path, tmp_path: Path
) -> None:
    framework = project / "frameworks" / "cx-pdp.yaml"
    text = framework.read_text("utf-8").replace("Utilises a range", "Utilises a rnage", 1)
    framework.write_text(text, "utf-8")
    script = tmp_path / "lsp.lua"
    script.write_text(SCRIPT, "utf-8")
    out = tmp_path / "diagnostics.json"
    env = {
        **os.environ,
        "PDP_OUT": str(out),
        "PDP_PYTHON": sys.executable,
        "PDP_ROOT": str(project),
        "PDP_FILE": str(framework),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    done = subprocess.run(
        [str(nvim), "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", f"luafile {script}"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.exists(), (done.returncode, done.stdout, done.stderr)
    result = json.loads(out.read_text("utf-8"))
    assert "error" not in result, result
    assert result["waited"] is True
    (found,) = result["diagnostics"]
    line = next(i for i, t in enumerate(text.splitlines()) if "rnage" in t)
    assert found["lnum"] == line
    assert found["col"] == text.splitlines()[line].index("rnage")
    assert found["message"].startswith("`rnage` is not a word")
    assert found["source"] == "pdp-lint"
    assert found["code"] == "SP01"
    assert found["severity"] == 1  # vim.diagnostic.severity.ERROR
