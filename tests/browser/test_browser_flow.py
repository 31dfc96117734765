"""One login, one session, one CSRF token -- in a real browser against a real server.

Headless Chromium (Debian's ``/usr/bin/chromium`` and ``/usr/bin/chromedriver``,
driven by Selenium with the driver path given, so Selenium Manager downloads
nothing) talks to uWSGI started from ``deploy/uwsgi.ini`` on a free loopback
port, over a temporary SQLite database. The user logs in on Django's page, sees
their name on a Flask page, posts a Flask form and finds the item on a Django
page, logs out from Flask and is anonymous on Django, and Flask sends them to the
login page.

The server runs the shipped application plus the test-only app
(``tests/testapp/wsgi.py``): its Flask form and Django page are in every project,
whatever features it was made with.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import (
    BIN,
    ROOT,
    TEST_APP,
    TEST_SETTINGS,
    free_port,
    manage,
    running,
    site_env,
)

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
USERNAME, PASSWORD = "alice", "a long browser test passphrase 7"


def missing_browser_parts() -> str | None:
    for path, name in [(CHROMIUM, "chromium"), (CHROMEDRIVER, "chromedriver")]:
        if not (Path(path).exists() or shutil.which(name)):
            return f"no {name} at {path} or on PATH"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[browser]')"
    if not (BIN / "uwsgi").exists():
        return f"no uwsgi next to {sys.executable}"
    return None


@pytest.fixture
def server(tmp_path) -> Iterator[str]:
    """uWSGI from deploy/uwsgi.ini with the test app, on a free port and a migrated temp
    database."""
    port = free_port()
    env = site_env(
        tmp_path,
        SECRET_KEY="browser-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        LOG_LEVEL="WARNING",
        COMBINED_PROCESSES="1",
        DJANGO_SUPERUSER_PASSWORD=PASSWORD,
        DJANGO_SETTINGS_MODULE=TEST_SETTINGS,  # migrate creates the test app's table too
    )
    manage(env, "createsuperuser", "--noinput", "--username", USERNAME,
           "--email", "alice@example.test")  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    args = [str(BIN / "uwsgi"), "--set-ph", f"http-bind=127.0.0.1:{port}",
            "--ini", str(ROOT / "deploy" / "uwsgi.ini"), "--module", TEST_APP]  # fmt: skip
    with running(args, env, base + "/accounts/login/", tmp_path / "uwsgi.log"):
        yield base


@pytest.fixture
def browser(tmp_path):
    reason = missing_browser_parts()
    if reason:
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or CHROMIUM
    for arg in [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]:
        options.add_argument(arg)  # fmt: skip
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # CSP reports: console
    service = Service(executable_path=shutil.which("chromedriver") or CHROMEDRIVER)
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(autouse=True)
def _selenium_offline(monkeypatch):
    # Never let Selenium Manager look for drivers on the network.
    monkeypatch.setenv("SE_OFFLINE", "true")


def log_in(browser, server: str) -> None:
    """Log in on Django's login page, as the user would."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server + "/accounts/login/")
    browser.find_element(By.ID, "id_username").send_keys(USERNAME)
    browser.find_element(By.ID, "id_password").send_keys(PASSWORD)
    browser.find_element(By.ID, "login-submit").click()
    welcome = ec.text_to_be_present_in_element((By.TAG_NAME, "h1"), f"Welcome, {USERNAME}")
    WebDriverWait(browser, 15).until(welcome)


def test_login_on_django_post_on_flask_logout_on_flask(browser, server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 15)

    # (1) Log in on Django's login page.
    log_in(browser, server)

    # (2) A Flask page knows who that is.
    browser.get(server + "/backend/")
    assert browser.find_element(By.CSS_SELECTOR, ".account .username").text == USERNAME
    assert "Flask backend" in browser.find_element(By.TAG_NAME, "h1").text

    # (3) A Flask form (with the shared CSRF token) creates an item, shown by Django.
    browser.get(server + "/backend/probe/items/new")
    browser.find_element(By.ID, "id_title").send_keys("Written in Flask")
    browser.find_element(By.ID, "save-item").click()
    wait.until(ec.url_to_be(server + "/probe/items/"))
    assert [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#items li")] == [
        f"Written in Flask by {USERNAME}"
    ]

    # (4) Log out from a Flask page.
    browser.get(server + "/backend/")
    browser.find_element(By.ID, "logout").click()
    wait.until(ec.url_to_be(server + "/"))

    # (5) Django now sees an anonymous user, and so does Flask.
    assert browser.find_element(By.TAG_NAME, "h1").text == "Welcome"
    assert browser.find_elements(By.CSS_SELECTOR, ".account .username") == []
    assert (
        browser.find_element(By.LINK_TEXT, "Log in")
        .get_attribute("href")
        .endswith("/accounts/login/")
    )
    browser.get(server + "/backend/probe/items/new")
    wait.until(ec.url_contains("/accounts/login/?next=/backend/probe/items/new"))


# Every page the project ships, logged in (the admin's included) and then logged out.
SHIPPED_PAGES = [
    "/", "/accounts/password_change/", "/backend/", "/backend/account", "/backend/api/",
    "/probe/items/", "/backend/probe/items/new", "/admin/", "/admin/auth/user/",
    "/admin/auth/user/add/", "/admin/auth/user/1/change/", "/admin/auth/group/add/",
    "/no-such-page/", "/backend/no-such-page",
]  # fmt: skip
LOGGED_OUT_PAGES = ["/accounts/login/", "/accounts/password_reset/", "/admin/login/"]
# example:begin
SHIPPED_PAGES += ["/notes/", "/backend/notes/new"]
# example:end


def csp_reports(browser) -> list[str]:
    """What Chromium's console said about the Content-Security-Policy since last asked."""
    return [
        entry["message"]
        for entry in browser.get_log("browser")
        if "Content Security Policy" in entry["message"] or "Refused to" in entry["message"]
    ]


def test_every_shipped_page_works_under_the_content_security_policy(browser, server):
    # No inline script or style, nothing from elsewhere: the policy blocks nothing the
    # pages use, the site's stylesheet applies and the admin's scripts run.
    from selenium.webdriver.common.by import By

    blocked: dict[str, list[str]] = {}
    log_in(browser, server)
    for path in SHIPPED_PAGES:
        browser.get(server + path)
        blocked[path] = csp_reports(browser)
        if path.startswith("/admin/"):  # admin/js/theme.js marks the page once it ran
            assert browser.find_element(By.TAG_NAME, "html").get_attribute("data-theme"), path
        elif path != "/backend/api/":
            header = browser.find_element(By.CSS_SELECTOR, ".site-header")
            assert header.value_of_css_property("display") == "flex", path  # site.css applied
    browser.get(server + "/backend/")
    browser.find_element(By.ID, "logout").click()
    for path in LOGGED_OUT_PAGES:
        browser.get(server + path)
        blocked[path] = csp_reports(browser)
    assert {path: found for path, found in blocked.items() if found} == {}


# example:begin
def test_a_note_written_in_flask_is_shown_by_django(browser, server):
    """The sample's own Flask form and note page, in the same browser."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 15)
    log_in(browser, server)

    browser.get(server + "/backend/notes/new")
    browser.find_element(By.ID, "id_title").send_keys("Written in Flask")
    browser.find_element(By.ID, "id_body").send_keys("Read by Django.")
    browser.find_element(By.ID, "save-note").click()
    wait.until(ec.url_matches(r"/notes/\d+/$"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Written in Flask"
    assert f"by {USERNAME}" in browser.find_element(By.CSS_SELECTOR, ".note .meta").text
    assert "Read by Django." in browser.find_element(By.CSS_SELECTOR, ".note .body").text


# example:end
