"""The URLs a run loads with wrk: which server, which path, what the page must say.

Why apart from bench/targets.py: this is the list that grows with each new row of the
report. Pairs that are compared sit next to each other in ``LOADS``, so in each round
they are measured close together in time.
"""

from __future__ import annotations

from dataclasses import dataclass

# A typical static asset (87 KB of minified JS, from Django's admin), and a 1 KB one.
STATIC_FILE = "/static/admin/js/vendor/jquery/jquery.min.js"
SMALL_STATIC_FILE = "/static/layout/site.css"
# The same files from Django's static view (bench/apps/django_static.py says why the prefix).
DJANGO_STATIC = "/django-static/"
# tenancy:begin
TENANT_HOST = "alice.localhost"
# tenancy:end
DJANGO_PAGE = b"<title>Home"  # django_site's home page
FLASK_PAGE = b"<title>Backend"  # flask_backend's index page
# example:begin
# With the sample app, the home page counts the notes; the backend's counts and lists them.
# takeover:begin
# The sample's note page, before and after its takeover (bench/apps/moved_page.py):
# the first note's title, and the name of the user logged in.
NOTE = "notes/1/"
NOTE_PAGE = b'<span class="username">bench</span>'
# takeover:end
# example:end


@dataclass(frozen=True)
class Load:
    """One URL loaded with wrk: ``server`` is a key of SERVERS or ``nginx``.

    wrk keeps each of its ``connections`` open (keep-alive) unless ``close``: then every
    request asks for ``Connection: close`` and comes on a new connection.
    """

    name: str
    server: str
    path: str
    expect: bytes  # a snippet the response body must contain
    host: str | None = None
    connections: int = 8
    close: bool = False
    login: bool = False  # with the session cookie of the run's user (bench/measure.py)

    @property
    def connection_mode(self) -> str:
        mode = "a new one per request" if self.close else "kept alive"
        return f"{self.connections}, {mode}"


LOADS = [
    Load("hello", "hello", "/", b"Hello, world!"),
    Load("django /", "django", "/", DJANGO_PAGE),
    Load("combined /", "combined", "/", DJANGO_PAGE),
    Load("mount /", "mount", "/", DJANGO_PAGE),
    Load("nginx /", "nginx", "/", DJANGO_PAGE),
    Load("flask /", "flask", "/", FLASK_PAGE),
    Load("combined /backend/", "combined", "/backend/", FLASK_PAGE),
    Load("mount /backend/", "mount", "/backend/", FLASK_PAGE),
    Load("nginx /backend/", "nginx", "/backend/", FLASK_PAGE),
    # tenancy:begin
    Load("tenant /", "tenant", "/", FLASK_PAGE, host=TENANT_HOST),
    # tenancy:end
    Load(
        "static django", "django-static", STATIC_FILE.replace("/static/", DJANGO_STATIC), b"jQuery"
    ),
    Load("static uwsgi", "combined-static", STATIC_FILE, b"jQuery"),
    Load("static nginx", "nginx", STATIC_FILE, b"jQuery"),
    Load(
        "small static django",
        "django-static",
        SMALL_STATIC_FILE.replace("/static/", DJANGO_STATIC),
        b"{",
    ),
    Load("small static uwsgi", "combined-static", SMALL_STATIC_FILE, b"{"),
    # As a browser fetches a page and then its assets: one kept-alive connection.
    Load("combined /, 1 connection", "combined", "/", DJANGO_PAGE, connections=1),
    Load(
        "small static uwsgi, 1 connection",
        "combined-static",
        SMALL_STATIC_FILE,
        b"{",
        connections=1,
    ),
    Load(
        "small static uwsgi, new connections",
        "combined-static",
        SMALL_STATIC_FILE,
        b"{",
        close=True,
    ),
    # example:begin
    # takeover:begin
    # The same page, logged in, as Django served it and as Flask serves it since the move.
    Load("note page, Django", "moved", f"/before-move/{NOTE}", NOTE_PAGE, login=True),
    Load("note page, moved to Flask", "moved", f"/{NOTE}", NOTE_PAGE, login=True),
    Load(
        "note page, Flask via render_django_template",
        "moved",
        f"/django-template/{NOTE}",
        NOTE_PAGE,
        login=True,
    ),
    # takeover:end
    # example:end
]
