"""The deploy files agree with each other and with the settings' defaults.

nginx's config cannot read the app's settings, so the numbers are repeated in
``deploy/nginx/site.conf``; these checks catch one file changing without the other.
"""

# example:begin
# The scale suite (tests/scale/) runs the same files for real.
# example:end

from __future__ import annotations

import re
from pathlib import Path

from core.settings import Settings

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
SITE = (DEPLOY / "nginx" / "site.conf").read_text()
UWSGI = (DEPLOY / "uwsgi.ini").read_text()
UNITS = {1: 1, "k": 1024, "m": 1024 * 1024}


def nginx_size(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([km]?)", value.lower()).groups()
    return int(number) * UNITS[unit or 1]


def test_the_servers_body_limits_are_backstops_at_twice_the_site_limit():
    # The app refuses a body over MAX_BODY_BYTES with its 413 page; the servers' own
    # limits sit above it, so that such a body reaches the app instead of a closed
    # connection (uWSGI) or nginx's bare page.
    default = Settings.model_fields["max_body_bytes"].default
    nginx = re.findall(r"client_max_body_size (\S+);", SITE)
    assert [nginx_size(value) for value in nginx] == [2 * default]
    assert re.search(r"set-ph = max-body=(\d+)", UWSGI)[1] == str(default)
    assert "limit-post = %(max-body * 2)" in UWSGI


def test_every_header_block_nginx_accepts_fits_uwsgi_buffer():
    count, size = re.search(r"large_client_header_buffers (\d+) (\S+);", SITE).groups()
    buffer_size = int(re.search(r"^buffer-size = (\d+)$", UWSGI, re.M)[1])
    # nginx adds about 1 KiB of its own variables to the uwsgi packet.
    assert int(count) * nginx_size(size) + 4096 <= buffer_size <= 65535


def test_every_header_count_nginx_accepts_fits_uwsgi_max_vars():
    # uWSGI keeps 2 x max-vars variables; each takes at least 9 bytes of a packet
    # (2 + key + 2 + value, keys like "HTTPS"), and a packet is at most buffer-size.
    max_vars = int(re.search(r"^max-vars = (\d+)$", UWSGI, re.M)[1])
    buffer_size = int(re.search(r"^buffer-size = (\d+)$", UWSGI, re.M)[1])
    assert 2 * max_vars >= buffer_size // 9


def test_any_redirect_back_to_the_request_uri_fits_nginx_response_buffer():
    # The longest response header block the app builds from a request is a redirect
    # whose Location is the request URI with every byte percent-escaped (3 bytes each).
    _count, size = re.search(r"large_client_header_buffers (\d+) (\S+);", SITE).groups()
    response = nginx_size(re.search(r"uwsgi_buffer_size (\S+);", SITE)[1])
    assert response >= 3 * nginx_size(size) + 4096


def test_nginx_rejects_unknown_hosts_and_fails_over():
    default = re.search(r"server \{\s*listen 80 default_server;(.*?)\n\}", SITE, re.S)[1]
    assert "return 444;" in default
    # Retry a request only when the node failed it, not when its answer was bad.
    assert "uwsgi_next_upstream error timeout;" in SITE
    nodes = re.findall(r"^\s+server 127\.0\.0\.1:\d+ max_fails=(\d+)", SITE, re.M)
    assert len(nodes) >= 2
    assert all(int(n) >= 2 for n in nodes)  # one request alone never takes a node out


def test_uwsgi_read_timeout_outlasts_harakiri():
    harakiri = int(re.search(r"^harakiri = (\d+)$", UWSGI, re.M)[1])
    read_timeout = int(re.search(r"uwsgi_read_timeout (\d+)s;", SITE)[1])
    assert read_timeout > harakiri


def test_nginx_sends_the_apps_security_headers_on_its_own_answers():
    from combined.security_headers import CONTENT_SECURITY_POLICY, permissions_policy

    def own(name: str) -> str:
        return re.search(rf'map \$upstream_http_{name} \S+ {{\n    "" "([^"]+)";', SITE)[1]

    csp = CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert own("content_security_policy") == "; ".join(f"{k} {' '.join(v)}" for k, v in csp.items())
    assert own("permissions_policy") == permissions_policy()
    assert (own("x_content_type_options"), own("x_frame_options")) == ("nosniff", "DENY")
    assert SITE.count(" always;") == 4


SITE_HTTP = (DEPLOY / "nginx" / "site-http.conf").read_text()
GUNICORN = (DEPLOY / "gunicorn.conf.py").read_text()


def directives(conf: str) -> set[str]:
    """The lines that say something (no comments), without the ways to reach a node."""
    node = re.compile(r"(include uwsgi_params|uwsgi_|proxy_|server 127\.|keepalive)")
    lines = {line.strip() for line in conf.splitlines()}
    return {line for line in lines if line and not line.startswith("#") and not node.match(line)}


def test_the_http_upstream_site_is_the_uwsgi_site_with_proxy_pass():
    # deploy/nginx/site-http.conf (gunicorn, Granian nodes) keeps every limit, map,
    # header and server of site.conf; only how nginx reaches the nodes differs.
    assert directives(SITE_HTTP) == directives(SITE)
    assert not re.search(r"^\s*(uwsgi_|include uwsgi_params)", SITE_HTTP, re.M)
    assert "proxy_pass http://combined_nodes;" in SITE_HTTP
    # Each forwarded header the app may trust (PROXY_COUNT=1) is set by nginx, never
    # passed on from the client.
    for header in ("X-Forwarded-For $remote_addr", "X-Forwarded-Proto $scheme",
                   "X-Forwarded-Host $combined_host", 'X-Forwarded-Port ""'):  # fmt: skip
        assert re.search(rf"^proxy_set_header {re.escape(header)};$", SITE_HTTP, re.M), header


def test_http_nodes_accept_every_header_block_nginx_passes_and_time_out_first():
    line = int(re.search(r"^limit_request_line = (\d+)$", GUNICORN, re.M)[1])
    field = int(re.search(r"^limit_request_field_size = (\d+)$", GUNICORN, re.M)[1])
    fields = int(re.search(r"^limit_request_fields = (\d+)$", GUNICORN, re.M)[1])
    _, size = re.search(r"large_client_header_buffers (\d+) (\S+);", SITE_HTTP).groups()
    assert line >= nginx_size(size) - 2 and field >= nginx_size(size) and fields > 1000
    timeout = int(re.search(r"^timeout = (\d+)$", GUNICORN, re.M)[1])
    read = re.search(r"proxy_read_timeout (\d+)s;", SITE_HTTP)[1]
    assert int(read) > timeout
