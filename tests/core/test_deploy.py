"""deploy/: the systemd units run real `portal` commands, nginx accepts both site configurations
(`nginx -t`, when nginx is installed), its body cap and static folders agree with the portal, and the
compose file is valid (`docker compose config`, when Docker Compose is installed)."""
import configparser
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from portal.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
CHECKOUT = "/srv/portal/src"  # where the units, nginx and the image put the checkout


def unit(name):
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.read(DEPLOY / "systemd" / name)
    return parser


@pytest.mark.parametrize("name, command", [("portal-app@.service", "serve"), ("portal-worker@.service", "mail-worker"),
                                           ("portal-backup.service", "backup")])
def test_each_unit_runs_a_command_the_portal_has(name, command):
    line = unit(name)["Service"]["ExecStart"].replace("%i", "6543").replace("%%", "%")
    if line.startswith("/bin/sh -c "):
        line = re.sub(r"\$\(date [^)]*\)", "2026-01-01-0315", shlex.split(line)[2].removeprefix("exec "))
    argv = shlex.split(line)
    assert Path(argv[0]).name == "portal"
    args = build_parser(argv[1:]).parse_args(argv[1:])  # an unknown command or option exits here
    assert args.command == command and args.config == "/srv/portal/production.ini"
    if command == "serve":
        assert args.listen == "127.0.0.1:6543"  # one ini, a port per instance


def test_the_target_starts_app_processes_and_a_worker():
    wants = unit("portal.target")["Unit"]["Wants"].split()
    assert sum(w.startswith("portal-app@") for w in wants) >= 2 and any(w.startswith("portal-worker@") for w in wants)
    for name in ("portal-app@.service", "portal-worker@.service"):
        assert unit(name)["Install"]["WantedBy"] == "portal.target"


def waitress_settings(ini):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ini)
    return parser["server:main"], parser["app:main"]


@pytest.mark.parametrize("conf, ini", [("nginx/portal.conf", ROOT / "production.ini"),
                                       ("compose/nginx.conf", DEPLOY / "compose" / "portal.ini")])
def test_nginx_takes_the_bodies_waitress_takes_and_serves_the_static_folders_that_exist(conf, ini):
    text = (DEPLOY / conf).read_text()
    server, app = waitress_settings(ini)
    cap = re.search(r"client_max_body_size (\d+)m;", text)
    assert cap and int(cap.group(1)) * 1024 * 1024 == int(server["max_request_body_size"])
    assert int(app["files.max_size"]) <= int(server["max_request_body_size"])  # the portal answers its own 413
    assert f"alias {CHECKOUT}/static/;" in text
    plugins = [name.rsplit(".", 1)[-1] for name in app["portal.plugins"].split()]
    assert f"alias {CHECKOUT}/plugins/$1/static/$2;" in text
    for plugin in plugins:  # the plugins' /<name>-static/ folders are where the alias looks
        folder = ROOT / "plugins" / plugin / "static"
        assert not folder.exists() or re.fullmatch(r"[a-z_]+", plugin)
    for header in ("x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"):
        assert header in server["trusted_proxy_headers"].split()
        assert f"proxy_set_header {header.title()} " in text


def nginx_check(tmp_path, site):
    main = tmp_path / "nginx.conf"
    main.write_text(f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
                    f"http {{\n  access_log off;\n  include {site};\n}}\n")
    return subprocess.run(["nginx", "-t", "-p", str(tmp_path), "-c", str(main)], capture_output=True, text=True,
                          timeout=60)


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed (apt-get install nginx)")
def test_nginx_accepts_the_site_with_tls(tmp_path):
    key, cert = tmp_path / "privkey.pem", tmp_path / "fullchain.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=portal.example.org",
                    "-days", "1", "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True, timeout=60)
    site = tmp_path / "portal.conf"
    site.write_text((DEPLOY / "nginx" / "portal.conf").read_text()
                    .replace("/etc/letsencrypt/live/portal.example.org/", f"{tmp_path}/"))
    result = nginx_check(tmp_path, site)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed (apt-get install nginx)")
def test_nginx_accepts_the_compose_site(tmp_path):
    site = tmp_path / "default.conf"
    # app1 and app2 are names of the compose network: here they are looked up as loopback
    site.write_text(re.sub(r"server app\d:", "server 127.0.0.1:", (DEPLOY / "compose" / "nginx.conf").read_text()))
    result = nginx_check(tmp_path, site)
    assert result.returncode == 0, result.stderr


def compose_command():
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True,
                                                 timeout=30).returncode == 0:
        return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


@pytest.mark.skipif(compose_command() is None, reason="Docker Compose is not installed")
def test_the_compose_file_is_valid_and_runs_the_site():
    result = subprocess.run(compose_command() + ["-f", str(DEPLOY / "docker-compose.yml"), "config"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    import yaml
    config = yaml.safe_load(result.stdout)
    services = config["services"]
    assert {"db", "migrate", "app1", "app2", "worker", "nginx"} <= set(services)
    for name in ("app1", "app2", "worker"):
        assert any(str(v).startswith("files:") or (isinstance(v, dict) and v.get("source") == "files")
                   for v in services[name]["volumes"])  # one files volume for every portal process
    assert services["worker"]["command"][:2] == ["portal", "mail-worker"]
    assert "ports" not in services["app1"] and "ports" not in services["app2"]  # trusted_proxy = * needs it


@pytest.mark.parametrize("ini", [ROOT / "production.ini", DEPLOY / "compose" / "portal.ini"])
def test_the_inis_are_settings_the_portal_and_waitress_accept(ini):
    from waitress.adjustments import Adjustments
    from portal.settings import check_settings
    server, app = waitress_settings(ini)
    options = {k: v for k, v in server.items() if k != "use"}
    adjusted = Adjustments(**options)  # an unknown or malformed waitress setting raises here
    assert adjusted.clear_untrusted_proxy_headers and adjusted.trusted_proxy_count == 1
    checked = check_settings(dict(app))
    assert checked["search.backend"] == "postgresql" and checked["mail.worker_in_process"] in ("false", False)
