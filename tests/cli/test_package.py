"""The package installs, runs from any folder and finds its rules file: the wheel, the console script,
``python -m quyche_cli`` and the lookup order --file, QUYCHE_FILE, ./quyche.yaml, bundled copy."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

from quyche_cli import __version__
from support import DATA, ROOT, RULES_FILE, run_installed


def test_the_wheel_carries_the_regulation(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(tmp_path.glob("quyche-*.whl"))
    assert wheel.name.startswith(f"quyche-{__version__}-")  # the version is written once, in __init__.py
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read("quyche_cli/py.typed") == b""  # the package's annotations are for its users too
        bundled = archive.read("quyche_cli/data/quyche.yaml")
        assert "quyche_cli/cli/app.py" in archive.namelist()
        table = ROOT / "src" / "quyche_cli" / "schedule" / "vn-days.json"
        assert archive.read("quyche_cli/schedule/vn-days.json") == table.read_bytes()
        for template in (ROOT / "templates").glob("*.j2"):
            assert archive.read(f"quyche_cli/templates/{template.name}") == template.read_bytes()
        site = ROOT / "src" / "quyche_cli" / "site"
        shipped = [*site.glob("templates/*.j2"), *site.glob("assets/*")]
        assert len(shipped) >= 9
        for path in shipped:
            assert archive.read(f"quyche_cli/site/{path.relative_to(site).as_posix()}") == path.read_bytes()
    assert bundled == RULES_FILE.read_bytes()


def test_version(cli: Callable[..., Result]) -> None:
    result = cli("--version")
    assert result.exit_code == 0 and result.stdout.startswith("quyche 0.")


def test_rules_file_lookup_order(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "QUYCHE_FILE"}
    bundled = run_installed("validate", cwd=tmp_path, env=env)
    assert bundled.returncode == 0 and "12 điều" in bundled.stdout

    (tmp_path / "quyche.yaml").write_text((DATA / "other.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    local = run_installed("validate", cwd=tmp_path, env=env)
    assert "3 điều" in local.stdout and "quyche.yaml" in local.stdout

    from_env = run_installed("validate", cwd=tmp_path, env={**env, "QUYCHE_FILE": str(RULES_FILE)})
    assert "12 điều" in from_env.stdout

    flag = run_installed(
        "validate", "--file", str(tmp_path / "quyche.yaml"), cwd=tmp_path, env={**env, "QUYCHE_FILE": str(RULES_FILE)}
    )
    assert "3 điều" in flag.stdout


def test_console_script_is_installed(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("quyche")
    result = subprocess.run([str(script), "--help"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "validate" in result.stdout


def test_installed_command_from_an_empty_folder(tmp_path: Path) -> None:
    result = run_installed("duties", "so y te", "--as-of", "2024-09-01", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Giám đốc Sở Y tế\n")
