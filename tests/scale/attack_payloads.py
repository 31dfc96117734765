"""Hostile requests for the attack suite, by class: raw HTTP/1.1 bytes, generated.

Each class builds its variants from a few parameters (counts, sizes, characters,
paths) rather than listing fixed strings, so a class covers the edges around a
limit on both sides. ``Auth`` carries a logged-in session and a CSRF token, for the
classes that must reach a parser behind login and CSRF.

Every request asks for ``Connection: close``, so each answer ends with the
connection and nothing is pipelined.

The parsers behind the site's own pages (login, the backend's home) get the input,
and so do a JSON API, a Flask form and a Django page: the test-only ones
(``tests/testapp``), which every project has, whatever features it was made with.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass

HOST = "example.com"
MAX_BODY = 10 * 1024 * 1024  # MAX_BODY_BYTES in the cluster (the default)
# nginx's client_max_body_size and uWSGI's limit-post: backstops at twice it.
BACKSTOP = 2 * MAX_BODY
API = "/backend/api/probe/items"  # JSON: GET lists, POST creates (title: combined.text's rule)
FORM = "/backend/probe/items/new"  # a Flask form behind login, with the shared CSRF token
PAGE = "/probe/items/"  # a Django page that reads the database
WRITE_PATHS = [API, FORM, "/accounts/login/"]
JSON_APIS = [API]  # they take a JSON object with a "title" (and ignore a "body")
QUERY_PAGES = ["/", API, PAGE, "/backend/"]
DEEP_PATHS = ["/probe/items/{}/", "/backend/api/probe/items/{}"]
# example:begin
# The sample app's own parsers get the same input: its API (with a "limit" query), its
# Flask form and its pages.
WRITE_PATHS += ["/backend/api/notes", "/backend/notes/new"]
JSON_APIS.append("/backend/api/notes")
QUERY_PAGES += ["/backend/api/notes", "/notes/"]
DEEP_PATHS += ["/notes/{}/", "/backend/api/notes/{}"]
# example:end


@dataclass(frozen=True)
class Auth:
    session: str  # the sessionid cookie of a logged-in user
    csrf: str  # a CSRF token, sent as cookie and as X-CSRFToken

    def headers(self, **extra: str) -> dict[str, str]:
        return {
            "Cookie": f"sessionid={self.session}; csrftoken={self.csrf}",
            "X-CSRFToken": self.csrf,
            **extra,
        }


@dataclass(frozen=True)
class Variant:
    label: str
    request: bytes
    # The front closes these by design (nginx's default_server answers unknown hosts
    # with 444, i.e. no answer): an empty reply is then the expected one.
    closed_by_design: bool = False
    expect: int | None = None  # the one 5xx that is the right answer (505 for HTTP/2.0)


def http(
    method: str,
    target: str,
    headers: dict[str, str] | list[tuple[str, str]] | None = None,
    body: bytes = b"",
    host: str | None = HOST,
) -> bytes:
    """One raw request; ``headers`` may repeat a name when given as a list of pairs."""
    pairs = list(headers.items() if isinstance(headers, dict) else headers or [])
    lines = [f"{method} {target} HTTP/1.1"]
    if host is not None:
        lines.append(f"Host: {host}")
    lines.append("Connection: close")
    names = {name.lower() for name, _ in pairs}
    if body and "content-length" not in names and "transfer-encoding" not in names:
        pairs.append(("Content-Length", str(len(body))))
    lines += [f"{name}: {value}" for name, value in pairs]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def header_counts(counts: tuple[int, ...]) -> list[Variant]:
    rng = random.Random(101)
    out = []
    for count in counts:
        names = [f"X-{rng.choice('ABCDEFGH')}{i}" for i in range(count)]
        out.append(Variant(f"{count} headers", http("GET", "/backend/", [(n, "v") for n in names])))
    return out


def router_header_counts(_auth: Auth) -> list[Variant]:
    # uWSGI's router has no header limit of its own below its 64 KiB packet.
    return header_counts((100, 115, 130, 300, 1000, 3000))


def router_host_variants(auth: Auth) -> list[Variant]:
    return host_variants(auth, nginx_in_front=False)


def many_headers(_auth: Auth) -> list[Variant]:
    out = header_counts((100, 114, 115, 116, 130, 200, 300, 500, 990, 1000, 1500))
    for count in (130, 300):  # one name repeated: nginx passes each, uWSGI counts each
        out.append(Variant(f"X-Same x{count}", http("GET", "/", [("X-Same", "1")] * count)))
    out.append(
        Variant(
            "300 cookies", http("GET", "/", {"Cookie": "; ".join(f"c{i}=v" for i in range(300))})
        )
    )
    return out


def huge_header_values(_auth: Auth) -> list[Variant]:
    out = []
    for size in (4000, 8000, 8150, 8192, 8300, 16_000, 40_000):
        out.append(Variant(f"one {size} B header", http("GET", "/", {"X-Big": "y" * size})))
        out.append(
            Variant(f"{size} B cookie", http("GET", "/backend/", {"Cookie": "a=" + "z" * size}))
        )
    for lines in (3, 4, 5):  # 7 KB lines: the 4 x 8k header buffers fill up at the 5th
        block = {f"X-Fill{i}": "f" * 7000 for i in range(lines)}
        out.append(Variant(f"{lines} x 7000 B headers", http("GET", "/backend/", block)))
    out.append(
        Variant(
            "Content-Type 8000 B",
            http("POST", API, {"Content-Type": "a/" + "b" * 8000}, b"{}"),
        )
    )
    return out


def long_uris(_auth: Auth) -> list[Variant]:
    out = []
    for size in (2000, 8000, 8170, 8200, 20_000):
        out.append(Variant(f"path {size}", http("GET", "/" + "p" * size)))
        out.append(Variant(f"query {size}", http("GET", f"{API}?q=" + "q" * size)))
        out.append(Variant(f"deep path {size}", http("GET", "/probe/items" + "/a" * (size // 2))))
    return out


def redirect_amplifiers(_auth: Auth) -> list[Variant]:
    """Requests that come back as a redirect repeating the URI, percent-escaped."""
    out = []
    for n in (1000, 3500, 5000, 7000, 8100):
        quotes = '"' * n
        out.append(Variant(f"/backend?q= + {n} quotes", http("GET", f"/backend?q={quotes}")))
        # A Django path without its slash: APPEND_SLASH redirects with the query.
        out.append(Variant(f"/probe/items? + {n} quotes", http("GET", f"/probe/items?{quotes}")))
        out.append(
            Variant(
                f"/backend/account?q= + {n} quotes", http("GET", f"/backend/account?q={quotes}")
            )
        )
    for n in (2700, 8000):  # bytes that escape to %XX, in the path (APPEND_SLASH)
        out.append(
            Variant(f"/probe/items + {n} raw bytes", http("GET", "/probe/items" + "\xff" * n))
        )
        out.append(
            Variant(f"/backend + {n} escaped bytes", http("GET", "/backend?" + "%ff" * (n // 3)))
        )
    return out


def host_variants(_auth: Auth, nginx_in_front: bool = True) -> list[Variant]:
    served = [
        "Example.COM",
        "EXAMPLE.COM",
        "example.com.",
        "Example.Com.",
        "example.com:99999",
        "example.com:0",
        "example.com:abc",
        "example.com:",
        "example.com:80",
        "www.example.com",
        "WWW.Example.com.:8080",
    ]
    foreign = [
        "[::1]",
        "[::1]:80",
        "127.0.0.1",
        "evil.test",
        "example.com.evil.test",
        "xn--exmple-cua.com",
        "ex@mple.com",
        "localhost",
    ]
    out = []
    for path in ("/", "/backend", "/backend/", API):
        out += [Variant(f"Host {h!r} {path}", http("GET", path, host=h)) for h in served]
        # nginx's default_server closes the connection (444) for a name it does not serve;
        # without nginx the app answers (400).
        out += [
            Variant(f"Host {h!r} {path}", http("GET", path, host=h), nginx_in_front)
            for h in foreign
        ]
        # nginx answers an empty Host with 400; uWSGI's router, which needs a Host to pick
        # a backend, closes the connection.
        out.append(Variant(f"empty Host {path}", http("GET", path, host=""), not nginx_in_front))
        out.append(Variant(f"no Host {path}", http("GET", path, host=None)))
        out.append(Variant(f"two Hosts {path}", http("GET", path, {"Host": "evil.test"})))
    return out


def nul_and_control_characters(auth: Auth) -> list[Variant]:
    out = []
    strings = {
        "NUL": "\\u0000",
        "lone surrogate": "\\ud800",
        "low surrogate": "\\udfff",
        "control": "\\u0001\\u001b\\u007f",
        "bidi": "\\u202e",
    }
    headers = auth.headers(**{"Content-Type": "application/json"})
    for path in JSON_APIS:
        for name, escaped in strings.items():
            body = f'{{"title": "a{escaped}b", "body": "{escaped}"}}'.encode()
            out.append(Variant(f"JSON {name} {path}", http("POST", path, headers, body)))
        for name, raw in {"invalid UTF-8": b"\xff\xfe", "UTF-8 surrogate": b"\xed\xa0\x80"}.items():
            body = b'{"title": "' + raw + b'"}'
            out.append(Variant(f"JSON {name} {path}", http("POST", path, headers, body)))
    for name, value in {
        "NUL": "%00",
        "surrogate": "%ED%A0%80",
        "control": "%01%1B",
        "overlong": "%C0%AF",
        "lone %": "%",
    }.items():
        form = f"title=a{value}b&body={value}&username={value}&password=x{value}".encode()
        headers = auth.headers(**{"Content-Type": "application/x-www-form-urlencoded"})
        for path in WRITE_PATHS:
            if path not in JSON_APIS:
                out.append(Variant(f"form {name} {path}", http("POST", path, headers, form)))
        for path in QUERY_PAGES:
            out.append(
                Variant(f"query {name} {path}", http("GET", f"{path}?q={value}&limit={value}"))
            )
    # Cookie values in double quotes are unquoted by Django (octal escapes too), so
    # these arrive as NUL or control characters; 32 characters pass the session key's
    # length check and reach the session store.
    for escape in ("\\000", "\\001\\037", "\\177", '\\"'):
        for cookie in ("sessionid", "csrftoken"):
            value = '"' + escape + "x" * 32 + '"'
            for path in ("/", "/backend/", "/backend/api/me"):
                out.append(
                    Variant(
                        f"{cookie}={value[:12]}... {path}",
                        http("GET", path, {"Cookie": f"{cookie}={value}"}),
                    )
                )
    return out


def deep_json(auth: Auth) -> list[Variant]:
    out = []
    headers = auth.headers(**{"Content-Type": "application/json"})
    wide = json.dumps({"title": "t", "body": "b", **{f"k{i}": i for i in range(50_000)}})
    for path in JSON_APIS:
        for depth in (999, 1000, 5000, 100_000):
            for opener, closer in (("[", "]"), ('{"a":', "}")):
                body = (opener * depth + "1" + closer * depth).encode()
                out.append(Variant(f"{opener} x{depth} {path}", http("POST", path, headers, body)))
        out.append(Variant(f"50,000 keys {path}", http("POST", path, headers, wide.encode())))
    return out


def oversized_bodies(auth: Auth) -> list[Variant]:
    out = []
    for path in WRITE_PATHS:
        # Over the backstop: nginx answers 413 at once, without waiting for the body.
        for declared in (BACKSTOP + 1, 100 * MAX_BODY, 2**62):
            head = http("POST", path, auth.headers(**{"Content-Length": str(declared)}))
            out.append(Variant(f"{path} declares {declared}", head + b"x" * 1024))
        # Over the site's limit, under the backstop, sent whole: the app's 413 page.
        over = http("POST", path, auth.headers(), b"x" * (MAX_BODY + 1))
        out.append(Variant(f"{path} sends MAX_BODY_BYTES + 1", over))
        chunk = b"x" * 65536
        chunks = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(170)) + b"0\r\n\r\n"
        out.append(
            Variant(
                f"{path} chunked > limit",
                http("POST", path, auth.headers(**{"Transfer-Encoding": "chunked"}), chunks),
            )
        )
        for bad in ("-1", "abc", "1, 2", "99999999999999999999999"):
            out.append(
                Variant(
                    f"{path} Content-Length {bad}",
                    http("POST", path, auth.headers(**{"Content-Length": bad}), b"{}"),
                )
            )
        out.append(
            Variant(
                f"{path} two Content-Lengths",
                http("POST", path, [("Content-Length", "2"), ("Content-Length", "3")], b"{}"),
            )
        )
        out.append(
            Variant(
                f"{path} CL and chunked",
                http(
                    "POST",
                    path,
                    [("Content-Length", "5"), ("Transfer-Encoding", "chunked")],
                    b"0\r\n\r\n",
                ),
            )
        )
    body = b"{" + b" " * (MAX_BODY - 2) + b"}"
    headers = auth.headers(**{"Content-Type": "application/json"})
    for path in JSON_APIS:
        out.append(Variant(f"exactly MAX_BODY_BYTES {path}", http("POST", path, headers, body)))
    return out


def forwarded_spoofing(_auth: Auth) -> list[Variant]:
    spoofs = [
        {"X-Forwarded-Host": "evil.test"},
        {"X-Forwarded-Host": "evil.test, example.com"},
        {"X-Forwarded-Proto": "https"},
        {"X-Forwarded-Proto": "javascript"},
        {"X-Forwarded-Ssl": "on"},
        {"X-Forwarded-Port": "666"},
        {"X-Forwarded-For": "203.0.113.9"},
        {"X-Real-IP": "203.0.113.9"},
        {"Forwarded": "for=203.0.113.9;proto=https;host=evil.test"},
        {"X-Forwarded-Prefix": "/evil"},
        {"X-Original-URL": "/admin/"},
        {"X-Rewrite-URL": "/admin/"},
        {"X-HTTP-Method-Override": "DELETE"},
    ]
    return [
        Variant(f"{next(iter(s))}: {next(iter(s.values()))} {path}", http("GET", path, s))
        for s in spoofs
        for path in ("/backend", "/probe/items", "/", "/backend/")
    ]


def bad_methods(auth: Auth) -> list[Variant]:
    methods = [
        "FOO",
        "get",
        "GeT",
        "CONNECT",
        "TRACE",
        "PROPFIND",
        "PATCH",
        "DELETE",
        "PUT",
        "OPTIONS",
        "M" * 300,
        "G\x01T",
        "GET\tX",
    ]
    out = [
        Variant(
            f"{m[:12]!r} {p}", http(m, p, auth.headers(), b"{}" if m in ("PUT", "PATCH") else b"")
        )
        for m in methods
        for p in ("/", API, "/accounts/login/")
    ]
    out.append(Variant("OPTIONS *", http("OPTIONS", "*")))
    out.append(
        Variant("absolute URI", http("GET", "http://evil.test/backend"), closed_by_design=True)
    )
    out.append(Variant("HTTP/1.0 no Host", b"GET /backend HTTP/1.0\r\n\r\n", closed_by_design=True))
    out.append(Variant("HTTP/2.0 line", b"GET / HTTP/2.0\r\nHost: example.com\r\n\r\n", expect=505))
    out.append(Variant("garbage line", b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\r\n\r\n"))
    return out


def malformed_percent_encoding(_auth: Auth) -> list[Variant]:
    bits = [
        "%",
        "%z",
        "%zz",
        "%2",
        "%%",
        "%ff%fe",
        "%c0%ae",
        "%ED%A0%80",
        "%00",
        "%2e%2e",
        "%2F",
        "%5C",
        "%u0041",
        "%%32%65",
    ]
    out = []
    for bit in bits:
        for path in (
            f"/{bit}",
            f"/backend/{bit}",
            *(deep.format(bit) for deep in DEEP_PATHS),
            f"/static/{bit}",
            f"/backend?{bit}={bit}",
        ):
            out.append(Variant(path, http("GET", path)))
    return out


def csrf_less_writes(auth: Auth) -> list[Variant]:
    session_only = {"Cookie": f"sessionid={auth.session}"}
    wrong_token = auth.headers(**{"X-CSRFToken": "w" * 32})
    wrong_origin = auth.headers(**{"Origin": "http://evil.test"})
    out = []
    for name, headers in (
        ("no token", session_only),
        ("wrong token", wrong_token),
        ("foreign Origin", wrong_origin),
    ):
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            for path in (*WRITE_PATHS, "/accounts/logout/", "/backend/logout", "/admin/"):
                body = b'{"title": "csrf"}' if path in JSON_APIS else b"title=csrf&body=x"
                out.append(Variant(f"{name} {method} {path}", http(method, path, headers, body)))
    return out


# Sent straight to one node's uWSGI router (COMBINED_HTTP), with no nginx in front.
ROUTER_CLASSES = {
    "too many headers, straight to a node's router": router_header_counts,
    "Host variants, straight to a node's router": router_host_variants,
}

CLASSES = {
    "too many headers": many_headers,
    "huge header values": huge_header_values,
    "over-long URIs and queries": long_uris,
    "redirects that repeat a long URI": redirect_amplifiers,
    "Host variants": host_variants,
    "NUL, control characters, surrogates": nul_and_control_characters,
    "JSON nested deep or wide": deep_json,
    "oversized and malformed bodies": oversized_bodies,
    "X-Forwarded-* spoofing": forwarded_spoofing,
    "bad methods and request lines": bad_methods,
    "malformed percent-encoding": malformed_percent_encoding,
    "CSRF-less writes": csrf_less_writes,
}
