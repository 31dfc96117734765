"""The docs' command runner (tests/doc_commands.py) reads every shell block, honours
its marker, and reports a failing command or a server that never answers.

The run itself -- every block, verbatim, in a fresh copy -- is
.ci/suites/60-doc-commands.sh: it takes minutes (it installs .venv and runs the
test suite as the README says), so it is a CI suite, not a test here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import doc_commands
from tests.doc_commands import Block, all_blocks, blocks, run_block
from tests.servers import free_port

SAMPLE = """# Title

```sh
echo one
```

<!-- commands: skip needs sudo -->
```bash
sudo reboot
```

```nginx
listen 80;
```

<!-- commands: server http://127.0.0.1:8000/ -->
```sh
python3 -m http.server 8000
```
"""


def test_shell_blocks_and_their_markers_are_read(tmp_path):
    (tmp_path / "README.md").write_text(SAMPLE)
    found = blocks(tmp_path / "README.md", tmp_path)
    assert [(b.line, b.action, b.note, b.script) for b in found] == [
        (3, "run", "", "echo one"),
        (8, "skip", "needs sudo", "sudo reboot"),
        (17, "server", "http://127.0.0.1:8000/", "python3 -m http.server 8000"),
    ]


def test_a_marker_that_cannot_be_read_stops_the_runner(tmp_path):
    (tmp_path / "README.md").write_text("<!-- commands: maybe later -->\n```sh\ntrue\n```\n")
    with pytest.raises(ValueError, match="unreadable marker"):
        blocks(tmp_path / "README.md", tmp_path)


def test_every_block_in_the_readme_and_docs_runs_or_says_why_not():
    found = all_blocks()
    assert {b.doc for b in found} >= {"README.md", "docs/deploy.md"}
    for block in found:
        assert block.action in {"run", "skip", "server"}, block
        assert block.action == "run" or block.note, block
    skipped = {(b.doc, b.script.splitlines()[0]) for b in found if b.action == "skip"}
    assert (
        "docs/deploy.md",
        "# on each application host, as the deploy user, in /srv/combined",
    ) in skipped
    readme = {
        b.script.splitlines()[0].split("#")[0].strip(): b.action
        for b in found
        if b.doc == "README.md"
    }
    assert readme["python3 dev.py serve"] == "server"  # the README's two commands
    assert readme["python3 dev.py test"] == "run"


def test_a_failing_command_is_reported(tmp_path):
    block = Block("README.md", 1, "true\nfalse\necho never", "run")
    assert run_block(block, tmp_path, tmp_path / "log") == "exit status 1"
    assert run_block(Block("README.md", 1, "true", "run"), tmp_path, tmp_path / "log") is None


def test_a_server_block_must_answer_its_url(tmp_path, monkeypatch):
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    (tmp_path / "index.html").write_text("hello")
    serve = Block("README.md", 1, f"echo starting\npython3 -m http.server {port}", "server", url)
    assert run_block(serve, tmp_path, tmp_path / "log") is None
    monkeypatch.setattr(doc_commands, "SERVER_TIMEOUT", 5)
    dies = Block("README.md", 1, "python3 -c 'raise SystemExit(3)'", "server", url)
    assert run_block(dies, tmp_path, tmp_path / "log") == (
        f"the server exited with status 3 before answering {url}"
    )
    assert "starting" in Path(tmp_path / "log").read_text()


def test_only_the_command_ci_run_already_ran_is_skipped_and_it_says_why():
    asked = {doc_commands.ALREADY_RUN: "python3 dev.py test"}
    same = Block("README.md", 1, "python3 dev.py test     # set up and run", "run")
    reason = doc_commands.already_run(same, asked)
    assert reason and "same command on the same files" in reason
    assert doc_commands.already_run(same, {}) is None  # not asked: it runs
    for other in ("python3 dev.py test -k settings", "python3 dev.py test\necho more"):
        assert doc_commands.already_run(Block("README.md", 1, other, "run"), asked) is None
    server = Block("README.md", 1, "python3 dev.py test", "server", "http://127.0.0.1:8000/")
    assert doc_commands.already_run(server, asked) is None
