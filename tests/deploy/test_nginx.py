"""deploy/nginx/eiso.conf agrees with the gateway: body limit, streamed downloads, address of the copies."""
import re
import shutil
import subprocess

import pytest

from deploy_files import NGINX_CONF, SCALE_OVERRIDE, compose, environment, ports

CONF = NGINX_CONF.read_text(encoding="utf-8")
SCALED = compose(SCALE_OVERRIDE)


def directives(text: str, name: str) -> list[str]:
    return re.findall(rf"^\s*{name}\s+([^;]+);", text, re.M)


def locations(text: str) -> dict[str, str]:
    """location argument -> its body (no nested blocks in this file)."""
    return {m.group(1).strip(): m.group(2) for m in re.finditer(r"^\s*location\s+([^{]+)\{([^}]*)\}", text, re.M)}


def test_body_limit_is_the_gateways_own():
    # The gateway refuses more than EISO_MAX_UPLOAD_MB + 1 MiB (MAX_CONTENT_LENGTH): the file plus form fields.
    upload_mb = int(environment(SCALED["services"]["gateway"])["EISO_MAX_UPLOAD_MB"])
    assert directives(CONF, "client_max_body_size") == [f"{upload_mb + 1}m"]


def test_downloads_are_streamed_and_everything_goes_to_the_gateway_copies():
    gateway_port = environment(SCALED["services"]["gateway"])["EISO_GATEWAY_PORT"]
    found = locations(CONF)
    assert set(found) == {"~ ^/(api/v1/)?files/", "/"}
    for body in found.values():
        assert directives(body, "set") == [f"$gateway http://gateway:{gateway_port}"]
        assert directives(body, "proxy_pass") == ["$gateway"]
    assert directives(found["~ ^/(api/v1/)?files/"], "proxy_buffering") == ["off"]
    assert directives(CONF, "resolver")[0].split()[0] == "127.0.0.11", "Docker's DNS, to follow --scale"


def test_every_download_route_of_the_gateway_falls_in_the_streamed_location(tmp_path):
    from eiso_gateway import create_app
    from eiso_kit.settings import load_settings

    class NoRpc:
        def call(self, *args, **kwargs):
            raise AssertionError("no RPC while listing routes")

        def close(self):
            pass

    settings = load_settings({"EISO_DATA_DIR": str(tmp_path), "EISO_SECRET_KEY": "k" * 48})
    app = create_app(settings, rpc=NoRpc())
    pattern = re.compile(r"^/(api/v1/)?files/")
    downloads = [rule.rule for rule in app.url_map.iter_rules()
                 if "GET" in rule.methods and "file_id" in rule.arguments and not rule.rule.endswith("/meta")]
    assert downloads, "the gateway has file download routes"
    assert [r for r in downloads if not pattern.match(r)] == []
    assert not pattern.match("/api/v1/health") and not pattern.match("/static/img/favicon.svg")


def test_nginx_listens_on_the_port_the_proxy_publishes():
    listen = directives(CONF, "listen")
    assert [p.target for p in ports(SCALED["services"]["proxy"])] == listen


def test_nginx_accepts_the_file(tmp_path):
    nginx = shutil.which("nginx")
    if nginx is None:
        pytest.skip("nginx is not installed here; the file is checked as text above")
    for folder in ("logs", "tmp"):
        (tmp_path / folder).mkdir()
    wrapper = tmp_path / "nginx.conf"
    wrapper.write_text(f"""
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/logs/error.log;
events {{}}
http {{
  access_log off;
  client_body_temp_path {tmp_path}/tmp/body; proxy_temp_path {tmp_path}/tmp/proxy;
  fastcgi_temp_path {tmp_path}/tmp/f; uwsgi_temp_path {tmp_path}/tmp/u; scgi_temp_path {tmp_path}/tmp/s;
  include {NGINX_CONF};
}}
""")
    result = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(wrapper)], capture_output=True,
                            text=True, timeout=30)
    assert result.returncode == 0, result.stderr
