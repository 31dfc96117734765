"""Acceptance (``generator`` suite): an app this project has never seen moves to Flask by the guide.

The polls app of Django's tutorial (tests/fixtures/polls: parts 1-5, its part-5 tests,
plus Django-style tests of the vote form) is added to a project made by ``combined new``,
then moved one step at a time by docs/migration.md's own snippets (tests/docsteps.py):
the index view, the detail view, vote + results (each Flask view rendering the app's
unchanged Django template), then the templates to Jinja. After each step the app's
UNCHANGED tests all pass -- those reading ``response.context`` of a moved page
included -- with both of the project's test commands: the README's (pytest) and
``manage.py test polls`` (Django's runner). ``manage.py check`` and ``combined routes``
stay clean; deleting the still-shared detail template is caught by the check. At the
end the site serves the moved pages through ``dev.py serve`` (``combined run``) and
uWSGI (``deploy/uwsgi.ini``).
"""

from __future__ import annotations

import contextlib
import re
import shlex
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests import docsteps
from tests.test_generator_ci import PYTHON3, child_env, combined_new, free_port, stop_group

pytestmark = pytest.mark.generator
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "polls"
POLLS_TESTS = 16  # tests.py (the tutorial's 10) and test_voting.py (6)
# The pages each step hands over to Flask (endpoints of flask_backend/migrated/polls.py).
HANDED_OVER = {
    "index-view": ["polls.index"],
    "detail-view": ["polls.detail"],
    "vote": ["polls.results", "polls.vote"],
}


def run(
    project: Path, command: str, *extra: str, timeout: int = 1200
) -> subprocess.CompletedProcess[str]:
    """Run one of the guide's commands as written (``VAR=value`` prefixes included)."""
    env, words = child_env(), shlex.split(command)
    while "=" in words[0]:
        name, value = words.pop(0).split("=", 1)
        env[name] = value
    if words[0] == "python3":
        words[0] = PYTHON3 or "python3"
    return subprocess.run(
        [*words, *extra], cwd=project, env=env, capture_output=True, text=True, timeout=timeout
    )


def app_tests(project: Path, command: str = docsteps.TEST_APP) -> dict[str, str]:
    """Run the app's tests with the README's command: {test: failure message} (passed: "")."""
    report = project / "var" / "report.xml"
    done = run(project, command, "-q", "-p", "no:cacheprovider", f"--junitxml={report}")
    assert report.exists(), done.stdout[-3000:] + done.stderr[-3000:]
    outcomes = {}
    for case in ET.parse(report).iter("testcase"):  # noqa: S314 -- our own pytest report
        problem = case.find("failure") if case.find("failure") is not None else case.find("error")
        name = f"{case.get('classname', '').rsplit('.', 1)[-1]}.{case.get('name')}"
        outcomes[name] = "" if problem is None else f"{problem.get('message')}\n{problem.text}"
    assert (done.returncode == 0) == (not any(outcomes.values())), done.stdout[-3000:]
    return outcomes


def django_tests(project: Path) -> int:
    """Run the app's tests with ``manage.py test polls``: how many ran (all passed)."""
    done = run(project, docsteps.DJANGO_TEST_APP)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-3000:]
    ran = re.search(r"^Ran (\d+) tests? in ", output, re.MULTILINE)
    assert ran and re.search(r"^OK$", output, re.MULTILINE), output[-3000:]
    return int(ran[1])


def assert_clean(project: Path, *handovers: str) -> None:
    check = run(project, docsteps.CHECK)
    assert check.returncode == 0, check.stdout + check.stderr
    routes = run(project, docsteps.ROUTES)
    assert routes.returncode == 0, routes.stdout + routes.stderr
    assert routes.stdout.rstrip().endswith("routes, no conflicts.")
    for endpoint in handovers:
        assert f"served by flask(migrated) {endpoint}\n" in routes.stdout, endpoint


@pytest.fixture
def project(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("polls") / "pollsite"
    combined_new(dest, "--name", "pollsite", "--domain", "pollsite.test")
    shutil.copytree(FIXTURE, dest / "apps" / "polls")  # "copy its folder to apps/polls/"
    return dest


def test_polls_moves_to_flask_one_view_at_a_time_with_its_tests_unchanged(project, capsys):
    started = time.monotonic()
    polls_tests = (FIXTURE / "tests.py").read_text(), (FIXTURE / "test_voting.py").read_text()
    handed_over: list[str] = []
    for step in docsteps.steps():
        docsteps.apply(project, step)
        outcomes = app_tests(project)
        if step == "add":  # the venv exists now (dev.py test made it)
            migrated = run(project, docsteps.MIGRATE)
            assert migrated.returncode == 0, migrated.stderr
        assert len(outcomes) == POLLS_TESTS, outcomes
        failed = {name: message for name, message in outcomes.items() if message}
        assert failed == {}, f"after {step}: {failed}"
        assert django_tests(project) == POLLS_TESTS, f"after {step}"
        handed_over += HANDED_OVER.get(step, [])
        assert_clean(project, *handed_over)
        if step == "detail-view":
            assert_deleting_the_shared_template_is_reported(project)
        with capsys.disabled():
            print(f"\n  step {step}: {time.monotonic() - started:.0f} s")
    assert handed_over == ["polls.index", "polls.detail", "polls.results", "polls.vote"]
    assert (
        (project / "apps/polls/tests.py").read_text(),
        (project / "apps/polls/test_voting.py").read_text(),
    ) == polls_tests

    # The README's whole test command: the project's own tests and the app's.
    everything = app_tests(project, docsteps.TEST_ALL)
    assert len(everything) > 100
    assert {name for name, message in everything.items() if message} == set()
    with capsys.disabled():
        print(f"\n  whole suite: {time.monotonic() - started:.0f} s")
    assert_served_by_combined_run_and_uwsgi(project)


def assert_deleting_the_shared_template_is_reported(project: Path) -> None:
    template = project / "apps/polls/templates/polls/detail.html"
    kept = template.read_text()
    template.unlink()
    try:
        check = run(project, docsteps.CHECK)
        assert check.returncode == 1
        # The guide quotes this output: same file, same line.
        quoted = "apps/polls/views.py:21: (site.E001) uses the template 'polls/detail.html',"
        assert quoted in docsteps.GUIDE.read_text()
        assert quoted + " which no template engine finds" in check.stderr, check.stderr
        routes = run(project, docsteps.ROUTES)
        assert routes.returncode == 1
        assert "CONFLICT (missing template) apps/polls/views.py:21:" in routes.stdout
    finally:
        template.write_text(kept)


@contextlib.contextmanager
def serving(project: Path, command: list[str], base: str, env: dict[str, str]) -> Iterator[None]:
    server = subprocess.Popen(
        command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True,  # the server's own children stop with its group
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                requests.get(base + "/healthz", timeout=5)
                break
            except requests.ConnectionError:
                assert server.poll() is None, server.stdout.read().decode()
                assert time.monotonic() < deadline, "the server did not come up in 90 s"
                time.sleep(0.5)
        yield
    finally:
        stop_group(server)


def assert_served_by_combined_run_and_uwsgi(project: Path) -> None:
    """After the guide, both servers import apps/polls and serve Flask's pages."""
    create = (
        "from django.utils import timezone; from polls.models import Question; "
        "q = Question.objects.create(question_text='Tea or coffee?', pub_date=timezone.now()); "
        "q.choice_set.create(choice_text='Tea'); print(q.pk)"
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    serve = [PYTHON3 or "python3", "dev.py", "serve", "--port", str(port), "--no-reload"]
    with serving(project, serve, base, child_env()):
        pk = run(
            project, "DEBUG=true .venv/bin/python manage.py shell -v0 -c", create
        ).stdout.split()[-1]
        session = requests.Session()
        index = session.get(f"{base}/polls/", timeout=5)
        assert index.status_code == 200 and "Tea or coffee?" in index.text
        detail = session.get(f"{base}/polls/{pk}/", timeout=5)
        token = detail.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        choice = detail.text.split('name="choice" id="choice1" value="')[1].split('"')[0]
        voted = session.post(
            f"{base}/polls/{pk}/vote/",
            data={"csrfmiddlewaretoken": token, "choice": choice},
            timeout=5,
            allow_redirects=False,
        )
        assert (voted.status_code, voted.headers["Location"]) == (302, f"/polls/{pk}/results/")
        assert "Tea -- 1 vote" in session.get(base + voted.headers["Location"], timeout=5).text
        forged = requests.post(f"{base}/polls/{pk}/vote/", data={"choice": choice}, timeout=5)
        assert forged.status_code == 403  # no CSRF token: Django's check, on Flask

    port = free_port()
    env = {**child_env(), "COMBINED_HTTP": f"127.0.0.1:{port}", "COMBINED_PROCESSES": "1"}
    uwsgi = [str(project / ".venv/bin/uwsgi"), "--ini", "deploy/uwsgi.ini"]
    with serving(project, uwsgi, f"http://127.0.0.1:{port}", env):
        page = requests.get(f"http://127.0.0.1:{port}/polls/{pk}/results/", timeout=5)
        assert page.status_code == 200 and "Tea -- 1 vote" in page.text
