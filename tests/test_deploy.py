"""Tests for deploy/: the files parse, name real commands and settings, and the image's entry
command works outside Docker (there is no Docker engine here), with the image's environment.
"""

from __future__ import annotations

import ast
import asyncio
import os
import re
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from bot.config import Settings, env_name

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
ENV_NAMES = {env_name(name) for name in Settings.model_fields}


# ------------------------------------------------------------------ parsers


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with continuation lines joined and comments dropped."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for raw in (DEPLOY / "Dockerfile").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        words = (pending + line).split(None, 1)
        instructions.append((words[0].upper(), words[1] if len(words) > 1 else ""))
        pending = ""
    assert not pending, "the Dockerfile ends inside a continuation"
    return instructions


def final_stage() -> list[tuple[str, str]]:
    stages: list[list[tuple[str, str]]] = []
    for instruction in dockerfile():
        if instruction[0] == "FROM":
            stages.append([])
        stages[-1].append(instruction)
    return stages[-1]


def exec_form(arguments: str) -> list[str]:
    """A JSON-array (exec form) command; the shell form would need a shell in the image."""
    assert arguments.startswith("["), f"use the exec form: {arguments}"
    command = yaml.safe_load(arguments)
    assert isinstance(command, list)
    return [str(word) for word in command]


def image_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for instruction, arguments in final_stage():
        if instruction == "ENV":
            for pair in shlex.split(arguments):
                key, _, value = pair.partition("=")
                env[key] = value
    return env


def unit() -> dict[str, list[tuple[str, str]]]:
    """Sections of the systemd unit as (key, value) lists; keys may repeat."""
    sections: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] | None = None
    for raw in (DEPLOY / "pressbot.service").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), [])
            continue
        assert current is not None, f"{line!r} is outside a section"
        key, sep, value = line.partition("=")
        assert sep, f"{line!r} is not key=value"
        current.append((key.strip(), value.strip()))
    return sections


def env_file(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            key, sep, value = line.partition("=")
            assert sep, f"{path.name}: {line!r} is not KEY=value"
            values[key] = value
    return values


def cli_commands() -> set[str]:
    from bot.cli import build_parser

    parser = build_parser()
    for action in parser._actions:
        if hasattr(action, "choices") and isinstance(action.choices, dict):
            return set(action.choices)
    raise AssertionError("the CLI has no subcommands")


def entry_point() -> list[str]:
    """How to run the `pressbot` console script exactly as pyproject.toml declares it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    module, _, function = project["scripts"]["pressbot"].partition(":")
    code = f"import sys; from {module} import {function}; sys.exit({function}())"
    return [sys.executable, "-c", code]


def host_paths(value: str, app: Path, data: Path) -> str:
    """Map the image's /app and /data to directories of the test."""
    return re.sub(r"^/app", str(app), re.sub(r"^/data", str(data), value))


def outside_docker(tmp_path: Path) -> tuple[dict[str, str], Path, Path]:
    """The image's environment on this machine: the image's PRESSBOT_* variables, /app holding
    knowledge/ and intents/ as the Dockerfile copies them, /data a fresh directory."""
    app, data = tmp_path / "app", tmp_path / "data"
    app.mkdir()
    data.mkdir()
    for instruction, arguments in final_stage():
        if instruction == "COPY" and "--from" not in arguments:
            source, target = shlex.split(arguments)
            shutil.copytree(ROOT / source, app / target)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path / "home"),
        "PYTHONPATH": str(ROOT),
        "LANG": "C.UTF-8",
    }
    for key, value in image_env().items():
        if key.startswith(("PRESSBOT_", "TELEGRAM_", "PYTHON")):
            env[key] = host_paths(value, app, data)
    return env, app, data


# ------------------------------------------------------------------ Dockerfile


def test_dockerfile_base_user_volume_and_commands() -> None:
    stage = final_stage()
    froms = [args for instruction, args in dockerfile() if instruction == "FROM"]
    # An exact release (3.11.N), or a digest: a rebuild must not change the base silently.
    exact = r"python:3\.11\.\d+-slim(-[a-z]+)?(@sha256:[0-9a-f]{64})?( AS \w+)?$"
    assert all(re.match(exact, args) for args in froms), froms
    kinds = [instruction for instruction, _ in stage]
    user = [args for instruction, args in stage if instruction == "USER"]
    assert user and user[-1] not in {"root", "0", "0:0"}
    assert kinds.index("USER") < kinds.index("CMD"), "switch user before the command"
    assert ("VOLUME", "/data") in stage
    commands = cli_commands()
    cmd = exec_form(next(args for instruction, args in stage if instruction == "CMD"))
    assert cmd == ["pressbot", "run"]
    assert cmd[1] in commands


def healthcheck() -> tuple[str, list[str]]:
    """The HEALTHCHECK's options and its command."""
    health = next(args for instruction, args in final_stage() if instruction == "HEALTHCHECK")
    options, _, command = health.partition("CMD")
    return options, exec_form(command.strip())


def test_dockerfile_installs_pinned_dependencies() -> None:
    runs = " ".join(args for instruction, args in dockerfile() if instruction == "RUN")
    assert re.search(r"pip install --constraint deploy/constraints\.txt \.", runs)


def test_dockerfile_data_paths_are_in_the_volume() -> None:
    env = image_env()
    unknown = {k for k in env if k.startswith(("PRESSBOT_", "TELEGRAM_"))} - ENV_NAMES
    assert not unknown, f"the Dockerfile sets variables pressbot does not read: {unknown}"
    assert env["PRESSBOT_LOG_DB"].startswith("/data/")
    assert env["PRESSBOT_CACHE_PATH"].startswith("/data/")
    assert "TELEGRAM_BOT_TOKEN" not in env, "the token belongs in the runtime environment"


def test_dockerfile_copies_only_what_exists_and_is_not_ignored() -> None:
    ignore = (DEPLOY / "Dockerfile.dockerignore").read_text(encoding="utf-8").splitlines()
    included = {line[1:].rstrip("/") for line in ignore if line.startswith("!")}
    for instruction, arguments in dockerfile():
        if instruction != "COPY" or "--from" in arguments:
            continue
        *sources, _target = shlex.split(arguments)
        for source in sources:
            assert (ROOT / source).exists(), f"COPY {source}: no such file in the repository"
            assert source.rstrip("/") in included, f"{source} is excluded by the dockerignore"
    assert "**/.env" in ignore, "keep .env files (with tokens) out of the build context"


def test_constraints_agree_with_pyproject() -> None:
    """deploy/constraints.txt must be regenerated (deploy/lock.py) when a pin changes."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins: dict[str, str] = {}
    for line in (DEPLOY / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = version
    for dependency in project["dependencies"]:
        requirement = Requirement(dependency)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is missing from deploy/constraints.txt; run deploy/lock.py"
        assert requirement.specifier.contains(pins[name]), (
            f"{name}: pyproject says {requirement.specifier}, constraints say {pins[name]}; "
            "run python deploy/lock.py > deploy/constraints.txt"
        )


def test_image_installs_every_module_pressbot_imports() -> None:
    """Each third-party import in bot/ must come from pyproject's dependencies (whose closure
    deploy/constraints.txt lists), or `pressbot run` fails in the image with ImportError."""
    pins = {
        canonicalize_name(line.partition("==")[0])
        for line in (DEPLOY / "constraints.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    providers = metadata.packages_distributions()
    missing: dict[str, set[str]] = {}
    for path in sorted((ROOT / "bot").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top == "bot":
                    continue
                dists = {canonicalize_name(d) for d in providers.get(top, [top])}
                if not dists & pins:
                    missing.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    assert not missing, (
        f"imported but not a runtime dependency: {missing}; add them to [project] dependencies "
        "in pyproject.toml, then run python deploy/lock.py > deploy/constraints.txt"
    )


def test_image_health_check_asks_whether_the_bot_is_answering(tmp_path: Path) -> None:
    """`pressbot check` only validates files, so a stuck bot would stay "healthy"; the health
    check runs `pressbot health`, which fails unless the running bot receives and answers."""
    options, command = healthcheck()
    assert command == ["pressbot", "health"]
    seconds = {k: int(v) for k, v in re.findall(r"--([a-z-]+)=(\d+)s", options)}
    assert seconds["timeout"] < seconds["interval"] <= 60
    if "health" not in cli_commands():
        pytest.skip("`pressbot health` arrives with the bot's inbox, on another branch")
    env, app, _ = outside_docker(tmp_path)
    result = subprocess.run(  # no bot is running here, so nothing is being answered
        [*entry_point(), *command[1:]], cwd=app, env=env, capture_output=True, text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr


def test_image_health_check_fails_on_bad_configuration(tmp_path: Path) -> None:
    env, app, _ = outside_docker(tmp_path)
    env["PRESSBOT_LOG_RETENTION_DAYS"] = "0"
    result = subprocess.run(
        [*entry_point(), "check"], cwd=app, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "PRESSBOT_LOG_RETENTION_DAYS" in result.stderr


async def test_image_entry_command_runs_the_bot_outside_docker(tmp_path: Path) -> None:
    """`pressbot run` with the image's environment against a fake Bot API: it answers, logs
    the question under /data, never prints the token, and stops cleanly on SIGTERM."""
    from tests import fake_bot_api as fake_module
    from tests import tg_factories as factories
    env, app, data = outside_docker(tmp_path)
    command = exec_form(next(args for instruction, args in final_stage() if instruction == "CMD"))
    async with fake_module.FakeBotApi() as fake:
        env["TELEGRAM_BOT_TOKEN"] = fake_module.TOKEN
        env["TELEGRAM_API_BASE_URL"] = fake.base_url
        env["PRESSBOT_LOG_JSON"] = "true"
        process = await asyncio.create_subprocess_exec(
            *entry_point(),
            *command[1:],
            cwd=app,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            # Queued now, delivered when the bot's first getUpdates arrives.
            await fake.push_update(factories.private_text("how much did referrals rise?"))
            await fake.wait_calls("sendMessage", 1, timeout=60)
            process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    log_text = stderr.decode()
    assert process.returncode == 0, log_text
    assert fake_module.TOKEN not in log_text
    assert fake_module.TOKEN.split(":")[1] not in log_text
    db = sqlite3.connect(data / "questions.db")
    rows = db.execute("SELECT channel, intent, chat FROM questions").fetchall()
    db.close()
    assert len(rows) == 1
    channel, intent, chat = rows[0]
    assert (channel, chat) == ("telegram", None)  # no hash key configured: no chat reference
    assert intent is not None


# ------------------------------------------------------------------ compose and Caddy


def compose() -> dict[str, Any]:
    loaded = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_compose_builds_this_image_and_polls_by_default() -> None:
    services = compose()["services"]
    bot = services["pressbot"]
    assert (DEPLOY / bot["build"]["context"]).resolve() == ROOT
    assert (DEPLOY / bot["build"]["context"] / bot["build"]["dockerfile"]).resolve() == (
        DEPLOY / "Dockerfile"
    )
    assert "profiles" not in bot, "the bot itself must start without a profile"
    assert "PRESSBOT_MODE" not in bot.get("environment", {}), "the mode comes from pressbot.env"
    assert bot["env_file"] == "pressbot.env"
    assert (DEPLOY / "pressbot.env.example").exists()
    assert any(volume.endswith(":/data") for volume in bot["volumes"])
    assert bot["read_only"] is True
    assert "ports" not in bot, "the bot publishes no port; Caddy reaches it internally"


def test_compose_webhook_profile_puts_caddy_in_front() -> None:
    services = compose()["services"]
    caddy = services["caddy"]
    assert caddy["profiles"] == ["webhook"]
    mounted = [v.split(":")[0] for v in caddy["volumes"] if v.startswith("./")]
    for path in mounted:
        assert (DEPLOY / path).exists(), path
    assert set(compose()["volumes"]) >= {
        v.split(":")[0] for s in services.values() for v in s.get("volumes", []) if ":" in v
    } - {path for path in mounted}


def test_compose_contains_the_bot() -> None:
    bot = compose()["services"]["pressbot"]
    assert bot["mem_limit"] and bot["pids_limit"] <= 256
    assert bot["ulimits"]["nofile"]["hard"] >= 1024
    # Docker's default of 10 s would SIGKILL a bot still finishing what it had in hand.
    assert int(bot["stop_grace_period"].removesuffix("s")) >= 60
    for service in compose()["services"].values():
        logging = service["logging"]
        assert logging["driver"] == "json-file"
        assert {"max-size", "max-file"} <= set(logging["options"])


def test_compose_passes_the_token_as_a_secret_file() -> None:
    spec = compose()
    bot = spec["services"]["pressbot"]
    assert "TELEGRAM_BOT_TOKEN" not in bot.get("environment", {})
    (name,) = bot["secrets"]
    assert bot["environment"]["TELEGRAM_BOT_TOKEN_FILE"] == f"/run/secrets/{name}"
    source = spec["secrets"][name]["file"]
    ignored = (DEPLOY / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert source.removeprefix("./") in ignored, "the token file must never be committed"
    assert "TELEGRAM_BOT_TOKEN_FILE" in ENV_NAMES


def test_compose_images_are_exact_versions() -> None:
    for name, service in compose()["services"].items():
        if "image" in service and "build" not in service:
            assert re.fullmatch(r"[\w./-]+:\d+\.\d+\.\d+(@sha256:[0-9a-f]{64})?",
                                service["image"]), (name, service["image"])


def caddy_code() -> str:
    text = (DEPLOY / "Caddyfile").read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if not line.strip().startswith("#"))


def test_caddy_limits_bodies_and_slow_clients() -> None:
    code = caddy_code()
    limit = re.search(r"request_body\s*\{\s*max_size\s+(\d+)KB\s*\}", code)
    assert limit is not None and int(limit.group(1)) <= 1024
    for timeout in ("read_header", "read_body"):
        assert re.search(rf"\b{timeout}\s+\d+s\b", code), timeout


def test_caddyfile_proxies_to_the_webhook_port() -> None:
    code = caddy_code()
    assert code.count("{") == code.count("}")
    target = re.search(r"reverse_proxy\s+(\S+):(\d+)", code)
    assert target is not None
    assert target.group(1) in compose()["services"]
    assert target.group(2) == image_env()["PRESSBOT_WEBHOOK_PORT"]
    assert target.group(2) in compose()["services"]["pressbot"]["expose"]


# ------------------------------------------------------------------ systemd


HARDENING = {
    "DynamicUser": "yes",
    "ProtectSystem": "strict",
    "ProtectHome": "yes",
    "NoNewPrivileges": "yes",
    "PrivateTmp": "yes",
    "PrivateDevices": "yes",
    "StateDirectory": "pressbot",
    "CacheDirectory": "pressbot",
    "RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX",
    "CapabilityBoundingSet": "",
}


def test_unit_is_hardened() -> None:
    service = dict(unit()["Service"])
    for key, value in HARDENING.items():
        assert service.get(key) == value, f"{key}={value} is missing"


def seconds(value: str) -> int:
    match = re.fullmatch(r"(\d+)(s|min)?", value)
    assert match is not None, value
    return int(match.group(1)) * (60 if match.group(2) == "min" else 1)


def test_unit_contains_the_bot_and_watches_it() -> None:
    service = dict(unit()["Service"])
    assert int(service["LimitNOFILE"]) >= 1024
    assert re.fullmatch(r"\d+[MG]", service["MemoryMax"])
    assert int(service["TasksMax"]) <= 256
    # sd_notify: READY when started, WATCHDOG while receiving and answering.
    assert (service["Type"], service["NotifyAccess"]) == ("notify", "main")
    assert seconds(service["WatchdogSec"]) == 60
    # The drain (PRESSBOT_STOP_TIMEOUT, at most 60 s) must fit inside the stop timeout.
    assert seconds(service["TimeoutStopSec"]) >= 60 + 10


def test_unit_reads_the_token_from_a_credential() -> None:
    service = unit()["Service"]
    credential = next(v for k, v in service if k == "LoadCredential")
    name, _, source = credential.partition(":")
    assert source.startswith("/etc/pressbot/")
    assert f"TELEGRAM_BOT_TOKEN_FILE=%d/{name}" in [v for k, v in service if k == "Environment"]


def test_unit_runs_real_commands_with_real_settings() -> None:
    service = unit()["Service"]
    commands = cli_commands()
    for key in ("ExecStartPre", "ExecStart"):
        words = [shlex.split(value) for k, value in service if k == key]
        assert words, f"no {key}"
        assert words[0][0].endswith("/pressbot") and words[0][1] in commands
    assert next(v for k, v in service if k == "ExecStart").endswith("pressbot run")
    for key, value in service:
        if key == "Environment":
            for pair in shlex.split(value):
                name = pair.partition("=")[0]
                assert name in ENV_NAMES or name.startswith("PYTHON"), name


def test_unit_command_works_with_the_example_environment(tmp_path: Path) -> None:
    """ExecStartPre (`pressbot check`) with the unit's variables and the example env file."""
    service = unit()["Service"]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)}
    env.update(env_file(DEPLOY / "pressbot.env.example"))
    credentials = tmp_path / "credentials"
    credentials.mkdir()
    (credentials / "telegram_bot_token").write_text("123456789:a-token-read-from-a-credential")
    specifiers = {"%S": str(tmp_path / "state"), "%C": str(tmp_path / "cache"),
                  "%d": str(credentials)}
    for key, value in service:
        if key == "Environment":
            for pair in shlex.split(value):
                name, _, setting = pair.partition("=")
                for specifier, path in specifiers.items():
                    setting = setting.replace(specifier, path)
                env[name] = setting.replace("/opt/pressbot", str(ROOT))
    env["PYTHONPATH"] = str(ROOT)
    pre = shlex.split(next(v for k, v in service if k == "ExecStartPre"))
    result = subprocess.run(
        [*entry_point(), *pre[1:]],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")
def test_systemd_analyze_verify(tmp_path: Path) -> None:
    # verify insists the commands exist; point them at this machine's interpreter.
    text = (DEPLOY / "pressbot.service").read_text(encoding="utf-8")
    copy = tmp_path / "pressbot.service"
    copy.write_text(text.replace("/opt/pressbot/.venv/bin/pressbot", sys.executable))
    result = subprocess.run(
        ["systemd-analyze", "verify", str(copy)], capture_output=True, text=True, timeout=60
    )
    # Unknown keys are only warnings with exit code 0, so any output is a failure.
    output = (result.stdout + result.stderr).strip()
    assert result.returncode == 0 and not output, output

    security = subprocess.run(
        ["systemd-analyze", "security", "--offline=true", "--no-pager", str(copy)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    level = re.search(r"Overall exposure level for \S+: ([\d.]+)", security.stdout)
    if security.returncode != 0 or level is None:
        pytest.skip("this systemd-analyze cannot rate units offline")
    assert float(level.group(1)) <= 2.0, security.stdout


# ------------------------------------------------------------------ environment example


def test_env_example_names_only_real_settings() -> None:
    text = (DEPLOY / "pressbot.env.example").read_text(encoding="utf-8")
    names = set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))
    assert names <= ENV_NAMES, names - ENV_NAMES
    assert {"TELEGRAM_BOT_TOKEN", "PRESSBOT_ADMIN_IDS", "PRESSBOT_LOG_HASH_KEY",
            "PRESSBOT_LOG_TEXT"} <= names


def test_env_example_is_valid_configuration(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from bot.config import load_settings

    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    for key, value in env_file(DEPLOY / "pressbot.env.example").items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert settings.mode == "polling"
    assert settings.admin_ids == []


def test_readme_covers_the_operations_the_issue_lists() -> None:
    text = (DEPLOY / "README.md").read_text(encoding="utf-8")
    for needle in (
        "BotFather",
        "/setcommands",
        "/setinline",
        "/setprivacy",
        "Polling",
        "Webhook",
        "Upgrading",
        ".backup",
        "datasette questions.db",
        "systemd-analyze verify",
    ):
        assert needle in text, needle


def test_readme_command_list_matches_the_bot() -> None:
    from bot.tg import app
    text = (DEPLOY / "README.md").read_text(encoding="utf-8")
    block = text.split("/setcommands", 1)[1].split("```text", 1)[1].split("```", 1)[0]
    listed = [tuple(line.strip().split(" - ", 1)) for line in block.strip().splitlines()]
    assert listed == [(c.command, c.description) for c in app.COMMANDS]
