"""Production behaviour, in process: health, limits, outages, security settings, proxies.

Settings that Django reads once at import are checked in a subprocess with the
environment a deployment would have.
"""

# example:begin
# The real-server versions (nginx, two uWSGI nodes, PostgreSQL, Redis): tests/scale/.
# example:end

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from dotenv import dotenv_values
from werkzeug.test import Client

from combined import conf
from core.environment import load_settings
from core.settings import SettingsError

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "k7#production-test-key-9Qx!mZ2vR8tL4wE6yU1oP3aS5dF7gH9jK0lZxCvBnM",
    "ALLOWED_HOSTS": "example.com",
    "SITE_URL": "https://example.com",
    "HTTPS": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
}


def run_python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter at the project root with ``env`` added."""
    full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "django_site.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def dead_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- health --------------------------------------------------------------------


def test_healthz_answers_for_any_host_without_the_database(wsgi_client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = wsgi_client.get("/healthz", headers={"Host": "10.0.0.7"})
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_readyz_reports_database_and_cache(wsgi_client):
    response = wsgi_client.get("/readyz", headers={"Host": "10.0.0.7"})
    assert response.status_code == 200
    assert response.json == {
        "status": "ok",
        "checks": {"database": {"ok": True}, "cache": {"ok": True}},
    }
    assert response.headers["Cache-Control"] == "no-store"


def test_health_paths_only_at_the_root_and_only_for_get(wsgi_client):
    assert wsgi_client.post("/healthz").status_code == 405
    # Under the backend prefix the path belongs to Flask, which has no such page.
    assert wsgi_client.get("/backend/healthz").status_code == 404
    assert wsgi_client.get("/healthz/").status_code == 404


# --- limits ---------------------------------------------------------------------


def test_one_body_limit_feeds_django_and_flask(flask_app):
    from django.conf import settings

    limit = load_settings().max_body_bytes
    assert limit == settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert limit >= settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    assert flask_app.config["MAX_CONTENT_LENGTH"] == limit


def test_oversized_form_on_a_django_page_is_413_with_the_site_page(wsgi_client):
    wsgi_client.get("/accounts/login/")  # a CSRF cookie, so that Django reads the form
    body = b"title=" + b"x" * load_settings().max_body_bytes
    response = wsgi_client.post(
        "/accounts/login/", data=body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    assert 'data-status="413"' in response.text
    assert "Request too large" in response.text


def test_oversized_json_to_the_flask_api_is_413_json(wsgi_client):
    body = b'{"title": "' + b"x" * load_settings().max_body_bytes + b'"}'
    response = wsgi_client.post("/backend/api/", data=body, content_type="application/json")
    assert response.status_code == 413
    assert response.json["error"] == "Request too large"


def test_an_oversized_body_is_refused_by_its_length_before_either_half_reads_it(wsgi_client):
    # The body stops after 5 bytes: a layer that read it would wait or fail.
    limit = load_settings().max_body_bytes
    for path in ("/accounts/login/", "/backend/", "/backend/api/"):
        response = wsgi_client.post(
            path,
            input_stream=io.BytesIO(b"a=bcd"),
            environ_overrides={"CONTENT_LENGTH": str(limit + 1)},
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 413, path
        assert response.headers["X-Frame-Options"] == "DENY"
    assert response.json["limit"] == limit  # under the API: JSON
    page = wsgi_client.post(
        "/backend/", input_stream=io.BytesIO(b""), environ_overrides={"CONTENT_LENGTH": "9" * 9}
    )
    assert 'data-status="413"' in page.text


def test_a_chunked_body_from_a_server_that_ends_its_input_reaches_the_app(wsgi_client):
    # A WSGI server that passes a chunked body on unread marks its end (werkzeug's own
    # server, gunicorn): the layer reads it, up to the limit, and gives it a length.
    limit = load_settings().max_body_bytes
    chunked = {"wsgi.input_terminated": True}
    headers = {"Transfer-Encoding": "chunked", "X-CSRFToken": "t" * 32}
    cookie = ("csrftoken", "t" * 32)
    wsgi_client.set_cookie(*cookie)
    created = wsgi_client.post(
        "/backend/api/probe/items",
        input_stream=io.BytesIO(b'{"title": "chunked"}'),
        headers=headers,
        content_type="application/json",
        environ_overrides=chunked,
    )
    assert created.status_code == 201, created.text
    assert created.json["title"] == "chunked"
    too_large = wsgi_client.post(
        "/backend/api/probe/items",
        input_stream=io.BytesIO(b"x" * (limit + 1)),
        headers=headers,
        content_type="application/json",
        environ_overrides=chunked,
    )
    assert too_large.status_code == 413


def test_a_site_without_a_body_limit_still_gets_its_chunked_bodies(db, with_probes, settings):
    # A site that set no MAX_BODY_BYTES (an adopted one, until it opts in): a body with
    # a length passes whatever its size; a chunked one arrives whole where the server
    # marks its end, or gets 411 where it cannot be read (uWSGI's router), never empty.
    del settings.MAX_BODY_BYTES
    from combined.app import create_app

    client = Client(create_app())
    client.set_cookie("csrftoken", "t" * 32)
    headers = {"X-CSRFToken": "t" * 32}
    chunked = {**headers, "Transfer-Encoding": "chunked"}
    sent = {"input_stream": io.BytesIO(b'{"title": "chunked"}'), "content_type": "application/json"}
    created = client.post(
        "/backend/api/probe/items",
        headers=chunked,
        environ_overrides={"wsgi.input_terminated": True, "CONTENT_LENGTH": ""},
        **sent,
    )
    assert (created.status_code, created.json["title"]) == (201, "chunked"), created.text
    sent["input_stream"] = io.BytesIO(b'{"title": "lost"}')
    unreadable = client.post(
        "/backend/api/probe/items",
        headers=chunked,
        environ_overrides={"CONTENT_LENGTH": ""},
        **sent,
    )
    assert unreadable.status_code == 411, unreadable.text
    assert "Content-Length" in unreadable.text
    # A body with a length passes whatever its size: no limit the site did not ask for.
    from combined.body_limit import BodyLimit

    def sized(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [environ["CONTENT_LENGTH"].encode()]

    layer = Client(BodyLimit(sized, backend_url="/backend/", limited=False))
    size = conf.DEFAULT_MAX_BODY_BYTES + 1
    assert layer.post("/", data=b"x" * size).text == str(size)


# --- bad input, in process -------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["//backend/", "/./backend/", "/x/../backend/", "/backend/../admin/", "/backend%2Fapi/me",
     "/backend", "//admin/", "/admin/..%2f", "/%00", "/backend/%ff"],
)  # fmt: skip
def test_path_tricks_never_give_a_500_or_the_admin(wsgi_client, path):
    response = wsgi_client.get(path)
    assert response.status_code < 500
    assert "Site administration" not in response.text


@pytest.mark.parametrize(
    "cookie",
    ["sessionid=\x00\x01garbage", 'sessionid="unterminated', "csrftoken=;;;===", "a" * 8000,
     "backend_session=not.a.signature; sessionid=" + "z" * 500],
)  # fmt: skip
def test_malformed_cookies_never_give_a_500(combined_app, cookie):
    client = Client(combined_app, use_cookies=False)  # a cookie jar would replace the header
    for path in ("/", "/backend/", "/backend/api/"):
        assert client.get(path, headers={"Cookie": cookie}).status_code == 200


def test_spoofed_forwarded_host_is_ignored_without_proxy_count(wsgi_client):
    response = wsgi_client.get("/backend", headers={"X-Forwarded-Host": "evil.test"})
    assert response.status_code == 308
    assert "evil.test" not in response.headers["Location"]


# --- ProxyFix only with an explicit proxy count ------------------------------------


@pytest.fixture
def proxied_client(db, site_settings):
    from combined.app import create_app

    site_settings(proxy_count=1)
    return Client(create_app())


def test_forwarded_proto_is_trusted_only_with_proxy_count(wsgi_client, proxied_client):
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "localhost"}
    direct = wsgi_client.get("/backend", headers=headers)
    proxied = proxied_client.get("/backend", headers=headers)
    assert direct.headers["Location"].startswith("http://localhost/")
    assert proxied.headers["Location"].startswith("https://localhost/")


def test_behind_a_proxy_a_forwarded_foreign_host_is_still_refused(proxied_client):
    response = proxied_client.get("/", headers={"X-Forwarded-Host": "evil.test"})
    assert response.status_code == 400
    # Only the last (trusted) hop counts: a value the wsgi_client prepended is ignored.
    response = proxied_client.get("/backend", headers={"X-Forwarded-Host": "evil.test, localhost"})
    assert response.status_code == 308
    assert "evil.test" not in response.headers["Location"]


# --- settings ---------------------------------------------------------------------


def test_cache_backed_sessions_without_redis_stop_start_up():
    with pytest.raises(SettingsError, match="SESSION_STORE: a cache-backed store needs REDIS_URL"):
        load_settings(session_store="cache", redis_url="")


def test_https_switch_defaults_the_redirect_but_can_be_turned_off():
    https = {"https": True, "site_url": "https://localhost"}
    assert load_settings(**https).secure_ssl_redirect is True
    assert load_settings(**https, secure_ssl_redirect=False).secure_ssl_redirect is False
    assert load_settings().secure_ssl_redirect is False


def test_database_redis_and_cookie_settings_reach_django_and_flask():
    result = run_python(
        """
        import json, django
        django.setup()
        from django.conf import settings
        import flask_backend
        flask = flask_backend.create_app().config
        db = settings.DATABASES["default"]
        print(json.dumps({
            "engine": db["ENGINE"], "max_age": db["CONN_MAX_AGE"],
            "health": db["CONN_HEALTH_CHECKS"], "options": db["OPTIONS"],
            "cache": settings.CACHES["default"], "sessions": settings.SESSION_ENGINE,
            "django_cookie": [settings.SESSION_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY,
                              settings.SESSION_COOKIE_SAMESITE, settings.CSRF_COOKIE_SECURE],
            "flask_cookie": [flask["SESSION_COOKIE_SECURE"], flask["SESSION_COOKIE_HTTPONLY"],
                             flask["SESSION_COOKIE_SAMESITE"]],
            "ssl_redirect": settings.SECURE_SSL_REDIRECT,
            "proxy_header": settings.SECURE_PROXY_SSL_HEADER,
        }))
        """,
        DATABASE_URL="postgres://site@db.internal:5432/site?connect_timeout=5",
        CONN_MAX_AGE="60",
        CONN_HEALTH_CHECKS="true",
        REDIS_URL="redis://cache.internal:6379/3",
        CACHE_KEY_PREFIX="site",
        HTTPS="true",
        SITE_URL="https://localhost",
    )
    assert result.returncode == 0, result.stderr
    derived = json.loads(result.stdout)
    assert derived["engine"] == "django.db.backends.postgresql"
    assert (derived["max_age"], derived["health"]) == (60, True)
    assert derived["options"] == {"connect_timeout": 5}
    assert derived["cache"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert derived["cache"]["LOCATION"] == "redis://cache.internal:6379/3"
    assert derived["cache"]["KEY_PREFIX"] == "site"
    assert derived["sessions"] == "django_site.session_stores.cached_db"
    assert derived["django_cookie"] == [True, True, "Lax", True]
    assert derived["flask_cookie"] == derived["django_cookie"][:3]
    assert derived["ssl_redirect"] is True
    assert derived["proxy_header"] is None


def check_deploy(**env: str) -> subprocess.CompletedProcess[str]:
    """``manage.py check --deploy --fail-level WARNING`` with ``env`` added."""
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_deploy_is_clean_with_the_production_example():
    example = dotenv_values(ROOT / ".env.production.example")
    # Everything as in the example file except the placeholder key.
    result = check_deploy(**{**example, "SECRET_KEY": PRODUCTION_ENV["SECRET_KEY"]})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS:" not in result.stdout + result.stderr
    # The example starts HSTS short; the one remark says what to raise next.
    assert "(site.I001) HSTS is ramping up: max-age is 3600 s." in result.stdout + result.stderr
    assert example["HTTPS"] == "true" and example["DATABASE_URL"].startswith("postgres://")


def test_check_deploy_fails_without_the_https_settings():
    result = check_deploy(**{**PRODUCTION_ENV, "HTTPS": "false", "SECURE_HSTS_SECONDS": "0"})
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


def test_https_site_sets_secure_cookies_and_hsts():
    result = run_python(
        """
        import json
        from werkzeug.test import Client
        from combined.app import create_app
        wsgi_client = Client(create_app())
        plain = wsgi_client.get("/accounts/login/", headers={"Host": "example.com"})
        secure = wsgi_client.get("/accounts/login/", base_url="https://example.com")
        print(json.dumps({
            "plain": [plain.status_code, plain.headers.get("Location")],
            "secure": [secure.status_code, secure.headers.get_all("Set-Cookie"),
                       secure.headers.get("Strict-Transport-Security")],
        }))
        """,
        **PRODUCTION_ENV,
        DATABASE_URL="sqlite://:memory:",
    )
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout)
    assert answers["plain"] == [301, "https://example.com/accounts/login/"]
    status, cookies, hsts = answers["secure"]
    assert status == 200
    csrf = next(c for c in cookies if c.strip().startswith("csrftoken="))
    assert "Secure" in csrf and "SameSite=Lax" in csrf
    assert hsts == "max-age=31536000; includeSubDomains; preload"


# --- database outage -------------------------------------------------------------


def test_a_down_redis_reads_as_anonymous_and_writes_get_503(tmp_path):
    result = run_python(
        """
        import json
        from django.core.management import call_command
        from werkzeug.test import Client
        from combined.app import create_app
        wsgi_client = Client(create_app())
        call_command("migrate", verbosity=0)
        from django.contrib.auth.models import User
        User.objects.create_user("ada", password="pw-for-the-redis-test")
        wsgi_client.set_cookie("csrftoken", "t" * 32)
        wsgi_client.set_cookie("sessionid", "a" * 32)  # read from Redis: unreachable
        out = {"me": wsgi_client.get("/backend/api/me").status_code}
        login = wsgi_client.post("/accounts/login/", data={
            "username": "ada", "password": "pw-for-the-redis-test",
            "csrfmiddlewaretoken": "t" * 32})  # the new session is written to Redis
        out["login"] = [login.status_code, login.headers.get("Retry-After")]
        logout = wsgi_client.post("/backend/logout", data={"csrfmiddlewaretoken": "t" * 32})
        out["logout"] = logout.status_code
        import flask, flask_backend
        backend = flask_backend.create_app()
        @backend.get("/write")
        def write():
            flask.session["seen"] = True  # saved after the view, into Redis
            return "written"
        @backend.get("/read")
        def read():
            from django.core.cache import cache
            return str(cache.get("anything"))  # the view itself reads Redis
        written = Client(backend).get("/write")
        out["flask_write"] = [written.status_code, written.headers.get("Retry-After")]
        read = Client(backend).get("/read")
        out["flask_read"] = [read.status_code, read.headers.get("Retry-After")]
        print(json.dumps(out))
        """,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        REDIS_URL=f"redis://127.0.0.1:{dead_port()}/0",
        SESSION_STORE="cache",
    )
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout)
    # Django's cache session store reads a failing cache as "no session": anonymous.
    assert answers["me"] == 401
    # Writing a session cannot be faked: the site's 503 page, not a 500.
    assert answers["login"] == [503, "5"]
    # Logging out an unreadable (so anonymous) session writes nothing: a plain redirect.
    assert answers["logout"] == 302
    # A Flask view's session write, saved after the view: 503 too.
    assert answers["flask_write"] == [503, "5"]
    # And a Flask view that reads the cache itself (redis was imported after the app
    # was made: combined.outage.is_outage).
    assert answers["flask_read"] == [503, "5"]


def test_the_site_does_not_import_redis_until_something_uses_it():
    # A tenth of a CPU-second in every process that starts the site (combined.outage).
    result = run_python(
        "import sys, combined.wsgi; print('redis' in sys.modules)",
        DATABASE_URL="sqlite://:memory:",
        DEBUG="true",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False"]


def test_a_down_cache_makes_readyz_fail_but_not_healthz():
    result = run_python(
        """
        from werkzeug.test import Client
        from combined.app import create_app
        wsgi_client = Client(create_app())
        for path in ["/healthz", "/readyz"]:
            print(wsgi_client.get(path).status_code, wsgi_client.get(path).get_data(as_text=True))
        """,
        DATABASE_URL="sqlite://:memory:",
        REDIS_URL=f"redis://127.0.0.1:{dead_port()}/0",
    )
    assert result.returncode == 0, result.stderr
    live, ready = result.stdout.splitlines()
    assert live.startswith("200 ")
    status, body = ready.split(" ", 1)
    assert status == "503"
    assert json.loads(body)["checks"] == {
        "database": {"ok": True},
        "cache": {"ok": False, "error": "ConnectionError"},
    }


def test_a_down_database_gives_503_on_both_halves():
    """Pages and API views that read the database, on each half (the test-only ones)."""
    result = run_python(
        """
        import json
        from django.conf import settings
        from werkzeug.test import Client
        import flask_backend
        from combined.app import create_app
        import django
        django.setup()  # the test-only views import their model
        from tests.testapp.flask_views import with_probes
        flask_backend.create_app = with_probes(flask_backend.create_app)
        wsgi_client = Client(create_app())
        settings.ROOT_URLCONF = "tests.testapp.urls"
        out = {}
        paths = ["/healthz", "/readyz", "/probe/items/", "/backend/probe/items",
                 "/backend/api/probe/items"]
        for path in paths:
            r = wsgi_client.get(path)
            out[path] = [r.status_code, r.headers.get("Content-Type", ""),
                         r.headers.get("Retry-After"), r.get_data(as_text=True)]
        print(json.dumps(out))
        """,
        DJANGO_SETTINGS_MODULE="tests.settings",
        DATABASE_URL=f"postgres://nobody@127.0.0.1:{dead_port()}/nothing?connect_timeout=2",
    )
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout)
    assert answers["/healthz"][0] == 200
    status, _type, _retry, body = answers["/readyz"]
    assert status == 503
    assert json.loads(body)["checks"]["database"] == {"ok": False, "error": "OperationalError"}
    for path in ["/probe/items/", "/backend/probe/items"]:
        status, content_type, retry, body = answers[path]
        assert (status, retry) == (503, "5"), path
        assert content_type.startswith("text/html") and 'data-status="503"' in body, path
        assert "Traceback" not in body and "OperationalError" not in body
    status, content_type, retry, body = answers["/backend/api/probe/items"]
    assert (status, content_type, retry) == (503, "application/json", "5")
    assert json.loads(body)["error"] == "Service unavailable"
