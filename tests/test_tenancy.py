"""TENANCY through the combined app: per-tenant Flask backends by subdomain and by path.

Requests go through ``combined.app.create_app`` with werkzeug's test client and real
Host headers; tenants are rows in the test database. The dispatchers
themselves are tested in tests/test_dispatch.py.
"""

from __future__ import annotations

import functools

import pytest
from flask import Flask
from werkzeug.test import Client

import combined.tenancy
from combined.halves import build_backend
from core.environment import load_settings
from core.settings import SettingsError

# example:begin
from django_site.notes.models import Note

# example:end
from django_site.tenants.models import RESERVED_SLUGS, Tenant

# example:begin
from tests.accounts import csrf_headers, force_log_in

# example:end

DOMAIN = "example.test"  # tests/environment.py allows .example.test


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def tenants(db):
    return {
        "acme": Tenant.objects.create(slug="acme", name="Acme Corp"),
        "beta": Tenant.objects.create(slug="beta", name="Beta Ltd"),
        "gone": Tenant.objects.create(slug="gone", name="Gone Inc", is_active=False),
    }


@pytest.fixture
def make_client(db, clock, monkeypatch, site_settings):
    """A client for the combined app built with these settings and the fake clock."""
    monkeypatch.setattr(
        combined.tenancy,
        "backend_app",
        functools.partial(combined.tenancy.backend_app, clock=clock),
    )

    def make(**overrides: object) -> Client:
        from combined.app import create_app

        site_settings(**overrides)
        return Client(create_app())

    return make


@pytest.fixture
def by_host(make_client, tenants) -> Client:
    return make_client(tenancy="subdomain", tenancy_domain=DOMAIN, tenancy_ttl=30)


@pytest.fixture
def by_path(make_client, tenants) -> Client:
    return make_client(tenancy="path", tenancy_ttl=30)


def get(client: Client, host: str, path: str):
    return client.get(path, base_url=f"http://{host}")


# example:begin
def note_titles(client: Client, host: str, path: str) -> list[str]:
    response = get(client, host, path)
    assert response.status_code == 200, response.text
    return [note["title"] for note in response.json["notes"]]


# example:end
def assert_site_404(response) -> None:
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert '<section class="error" data-status="404">' in response.text  # the shared layout
    assert 'href="/static/layout/site.css"' in response.text
    assert response.headers["X-Frame-Options"] == "DENY"  # as on every page of the site
    assert response.headers["X-Content-Type-Options"] == "nosniff"


# --- settings ------------------------------------------------------------------


def test_tenancy_is_off_by_default_and_the_backend_is_one_flask_app(db, settings):
    assert load_settings().tenancy == "none"
    assert settings.TENANCY == "none"
    assert isinstance(combined.tenancy.backend_app(), Flask)
    assert isinstance(build_backend(), Flask)


def test_subdomain_mode_without_tenancy_domain_stops_with_its_name(monkeypatch):
    monkeypatch.setenv("TENANCY", "subdomain")
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert error.value.variable == "TENANCY_DOMAIN"
    assert "required when TENANCY=subdomain" in str(error.value)


def test_tenancy_domain_outside_allowed_hosts_stops_with_advice():
    with pytest.raises(SettingsError) as error:
        load_settings(tenancy="subdomain", tenancy_domain="shop.test", allowed_hosts="shop.test")
    assert error.value.variable == "TENANCY_DOMAIN"
    assert "add .shop.test to ALLOWED_HOSTS" in str(error.value)


@pytest.mark.parametrize(
    ("overrides", "variable"),
    [
        ({"tenancy": "by-host"}, "TENANCY"),
        ({"tenancy": "subdomain", "tenancy_domain": "example.test:8000"}, "TENANCY_DOMAIN"),
        ({"tenancy": "subdomain", "tenancy_domain": "exa mple.test"}, "TENANCY_DOMAIN"),
        ({"tenancy_ttl": -1}, "TENANCY_TTL"),
        ({"tenancy_ttl": 0}, "TENANCY_TTL"),  # 0 would mean "keep built apps forever"
        ({"tenancy_cache_size": 0}, "TENANCY_CACHE_SIZE"),
    ],
)
def test_bad_tenancy_values_stop_with_the_variable_named(overrides, variable):
    with pytest.raises(SettingsError) as error:
        load_settings(**overrides)
    assert error.value.variable == variable


def test_tenancy_values_are_normalised():
    settings = load_settings(tenancy=" Subdomain ", tenancy_domain="Example.TEST.")
    assert (settings.tenancy, settings.tenancy_domain) == ("subdomain", DOMAIN)
    assert load_settings(tenancy="path").tenancy_domain is None


# --- the Tenant model ------------------------------------------------------------


@pytest.mark.parametrize("slug", ["Acme", "-acme", "acme-", "ac_me", "a.b", "a" * 64, "api"])
def test_tenant_slug_must_be_a_lower_case_dns_label_and_not_reserved(db, slug):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        Tenant(slug=slug, name="X").full_clean()
    assert "slug" in error.value.message_dict


def test_reserved_slugs_cover_every_first_segment_of_the_default_backend(db):
    import flask_backend

    segments = combined.tenancy.first_segments(flask_backend.create_app())
    assert segments and segments <= RESERVED_SLUGS


def test_tenant_is_managed_in_the_admin(admin_client, by_path, django_capture_on_commit_callbacks):
    assert_site_404(get(by_path, "localhost", "/backend/newco/"))  # remembered as unknown
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/tenants/tenant/add/", {"slug": "newco", "name": "New Co", "is_active": "on"}
        )
    assert response.status_code == 302
    # The save in this process cleared the cache: no wait for TENANCY_TTL.
    assert "New Co" in get(by_path, "localhost", "/backend/newco/").text
    listing = admin_client.get("/admin/tenants/tenant/")
    assert "Acme Corp" in listing.text and "New Co" in listing.text


# example:begin
def test_a_tenant_with_notes_cannot_be_deleted(tenants):
    from django.db.models import ProtectedError

    Note.objects.create(title="kept", tenant=tenants["acme"])
    with pytest.raises(ProtectedError):
        tenants["acme"].delete()
    assert Note.objects.filter(title="kept").exists()


# example:end


def test_tenant_backend_alone_serves_its_tenant(tenants, user):
    import flask_backend
    from flask_backend.tenant import TenantConfig

    acme = tenants["acme"]
    config = TenantConfig(id=acme.pk, slug=acme.slug, name=acme.name)
    client = flask_backend.create_app(tenant=config).test_client()
    assert '<code id="tenant-slug">acme</code>' in client.get("/").text
    # example:begin
    force_log_in(client, user)
    created = client.post("/api/notes", json={"title": "alone"}, headers=csrf_headers(client))
    assert created.status_code == 201
    assert Note.objects.get(title="alone").tenant == acme
    assert [n["title"] for n in client.get("/api/notes").json["notes"]] == ["alone"]
    # example:end


# --- subdomain mode ----------------------------------------------------------------


def test_subdomain_serves_the_tenant_backend_with_its_name(by_host):
    response = get(by_host, f"acme.{DOMAIN}", "/backend/")
    assert response.status_code == 200
    assert '<h1 id="tenant-name">Acme Corp</h1>' in response.text
    assert "<title>Acme Corp · Backend" in response.text
    assert 'href="/backend/api/"' in response.text


def test_bare_domain_serves_the_default_backend(by_host):
    response = get(by_host, DOMAIN, "/backend/")
    assert response.status_code == 200
    assert "<h1>Flask backend</h1>" in response.text


@pytest.mark.parametrize(
    "host", [f"nobody.{DOMAIN}", f"gone.{DOMAIN}", f"a.acme.{DOMAIN}", "localhost"]
)
def test_unknown_inactive_nested_or_foreign_host_gets_the_site_404_page(by_host, host):
    assert_site_404(get(by_host, host, "/backend/"))
    assert_site_404(get(by_host, host, "/backend/api/"))


def test_host_outside_allowed_hosts_is_refused_before_tenancy(by_host):
    response = get(by_host, "acme.other.test", "/backend/")
    assert response.status_code == 400


def test_allowed_but_malformed_tenant_host_gets_the_site_400_page(by_host):
    response = get(by_host, f"-acme.{DOMAIN}", "/backend/")  # Django allows it, DNS does not
    assert response.status_code == 400
    assert '<section class="error" data-status="400">' in response.text


@pytest.mark.parametrize("port", ["0", "99999", "abc", ""])
def test_a_tenant_host_with_a_malformed_port_is_400_on_both_halves(by_host, port):
    for path in ("/", "/backend/", "/backend/api/"):
        response = by_host.get(path, headers={"Host": f"acme.{DOMAIN}:{port}"})
        assert response.status_code == 400
        assert '<section class="error" data-status="400">' in response.text


def test_a_tenant_host_in_any_case_with_a_trailing_dot_is_the_tenant(by_host):
    response = by_host.get("/backend/", headers={"Host": "ACME.Example.Test.:8000"})
    assert response.status_code == 200 and "Acme Corp" in response.text


def test_django_pages_are_served_on_tenant_hosts_too(by_host):
    assert get(by_host, f"acme.{DOMAIN}", "/").status_code == 200


def test_unknown_tenant_is_remembered_without_database_queries(by_host, django_assert_num_queries):
    assert_site_404(get(by_host, f"nobody.{DOMAIN}", "/backend/"))
    with django_assert_num_queries(0):
        assert_site_404(get(by_host, f"nobody.{DOMAIN}", "/backend/"))


# example:begin
def test_each_tenant_sees_only_its_own_notes(by_host, user):
    force_log_in(by_host, user, domain=f"acme.{DOMAIN}")
    site_note = Note.objects.create(title="site note")
    created = by_host.post(
        "/backend/api/notes",
        base_url=f"http://acme.{DOMAIN}",
        json={"title": "acme secret"},
        headers=csrf_headers(by_host, domain=f"acme.{DOMAIN}"),
    )
    assert created.status_code == 201
    assert created.headers["Location"] == f"/backend/api/notes/{created.json['id']}"
    assert Note.objects.get(pk=created.json["id"]).tenant.slug == "acme"

    assert note_titles(by_host, f"acme.{DOMAIN}", "/backend/api/notes") == ["acme secret"]
    assert note_titles(by_host, f"beta.{DOMAIN}", "/backend/api/notes") == []
    assert note_titles(by_host, DOMAIN, "/backend/api/notes") == ["site note"]
    # Nor by id from another tenant, nor on the Django pages or the other index pages.
    detail = get(by_host, f"beta.{DOMAIN}", created.headers["Location"])
    assert detail.status_code == 404 and detail.json["error"] == "Page not found"
    assert "acme secret" not in get(by_host, DOMAIN, "/notes/").text
    assert get(by_host, DOMAIN, f"/notes/{created.json['id']}/").status_code == 404
    assert get(by_host, DOMAIN, f"/notes/{site_note.pk}/").status_code == 200
    assert "acme secret" not in get(by_host, f"beta.{DOMAIN}", "/backend/").text
    assert "acme secret" in get(by_host, f"acme.{DOMAIN}", "/backend/").text


# example:end


def test_new_tenant_appears_after_ttl_without_restart(by_host, clock):
    assert_site_404(get(by_host, f"newco.{DOMAIN}", "/backend/"))
    # Created in the test transaction: no commit, so no eviction -- like a save
    # made by another worker process. Only TENANCY_TTL brings it in.
    Tenant.objects.create(slug="newco", name="New Co")
    clock.now += 29
    assert_site_404(get(by_host, f"newco.{DOMAIN}", "/backend/"))
    clock.now += 2
    assert "New Co" in get(by_host, f"newco.{DOMAIN}", "/backend/").text


def test_renamed_or_deactivated_tenant_is_picked_up_after_ttl(by_host, clock):
    assert "Acme Corp" in get(by_host, f"acme.{DOMAIN}", "/backend/").text
    assert get(by_host, f"beta.{DOMAIN}", "/backend/").status_code == 200
    # Changed without eviction, as by another process: the built apps stay for the TTL.
    Tenant.objects.filter(slug="acme").update(name="Acme Inc")
    Tenant.objects.filter(slug="beta").update(is_active=False)
    clock.now += 29
    assert "Acme Corp" in get(by_host, f"acme.{DOMAIN}", "/backend/").text
    assert get(by_host, f"beta.{DOMAIN}", "/backend/").status_code == 200
    clock.now += 2
    assert "Acme Inc" in get(by_host, f"acme.{DOMAIN}", "/backend/").text
    assert_site_404(get(by_host, f"beta.{DOMAIN}", "/backend/"))


def test_database_failure_during_lookup_gets_the_site_503_page_and_is_retried(
    by_host, monkeypatch, caplog
):
    from django.db import OperationalError

    real = combined.tenancy.find_tenant

    def down(slug):
        raise OperationalError("connection refused")

    monkeypatch.setattr(combined.tenancy, "find_tenant", down)
    response = get(by_host, f"acme.{DOMAIN}", "/backend/")
    assert response.status_code == 503
    assert '<section class="error" data-status="503">' in response.text
    assert "connection refused" not in response.text
    assert "tenant lookup failed" in caplog.text
    monkeypatch.setattr(combined.tenancy, "find_tenant", real)  # the database is back
    assert "Acme Corp" in get(by_host, f"acme.{DOMAIN}", "/backend/").text


# --- path mode -----------------------------------------------------------------------


def test_path_segment_serves_the_tenant_backend_under_its_own_root(by_path):
    response = get(by_path, "localhost", "/backend/acme/")
    assert response.status_code == 200
    assert '<h1 id="tenant-name">Acme Corp</h1>' in response.text
    assert 'href="/backend/acme/api/"' in response.text


def test_bare_prefix_and_its_own_routes_stay_with_the_default_backend(by_path):
    assert "<h1>Flask backend</h1>" in get(by_path, "localhost", "/backend/").text
    assert get(by_path, "localhost", "/backend/api/").json["status"] == "ok"
    # example:begin
    Note.objects.create(title="site note")
    assert note_titles(by_path, "localhost", "/backend/api/notes") == ["site note"]
    # example:end


@pytest.mark.parametrize(
    "path", ["/backend/nobody/", "/backend/gone/", "/backend/Acme/", "/backend/gone/api/"]
)
def test_unknown_inactive_or_wrong_case_tenant_path_gets_the_site_404_page(by_path, path):
    assert_site_404(get(by_path, "localhost", path))


def test_path_segment_that_cannot_be_a_slug_is_a_404_without_database_queries(
    by_path, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert_site_404(get(by_path, "localhost", "/backend/a.b/"))
        assert_site_404(get(by_path, "localhost", "/backend/x_y/api/"))


# example:begin
def test_path_tenants_see_only_their_own_notes(by_path, user):
    force_log_in(by_path, user)
    created = by_path.post(
        "/backend/beta/api/notes", json={"title": "beta plan"}, headers=csrf_headers(by_path)
    )
    assert created.status_code == 201
    assert created.headers["Location"] == f"/backend/beta/api/notes/{created.json['id']}"
    assert note_titles(by_path, "localhost", "/backend/beta/api/notes") == ["beta plan"]
    assert note_titles(by_path, "localhost", "/backend/acme/api/notes") == []
    assert note_titles(by_path, "localhost", "/backend/api/notes") == []
    assert get(by_path, "localhost", f"/backend/api/notes/{created.json['id']}").status_code == 404


# example:end


def test_path_tenant_appears_after_ttl_without_restart(by_path, clock):
    assert_site_404(get(by_path, "localhost", "/backend/newco/"))
    Tenant.objects.create(slug="newco", name="New Co")
    assert_site_404(get(by_path, "localhost", "/backend/newco/"))
    clock.now += 31
    assert "New Co" in get(by_path, "localhost", "/backend/newco/").text


# --- no tenancy ----------------------------------------------------------------------


def test_without_tenancy_the_backend_is_the_sites_own(make_client, tenants):
    client = make_client()
    assert_site_404(get(client, "localhost", "/backend/acme/"))  # Flask's own 404 page
    # example:begin
    Note.objects.create(title="acme note", tenant=tenants["acme"])
    Note.objects.create(title="site note")
    assert note_titles(client, "localhost", "/backend/api/notes") == ["site note"]
    # example:end
