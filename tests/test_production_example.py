"""``.env.production.example`` is safe to copy: its placeholder key stops everything,
and its HSTS values are a safe first step that ``check --deploy`` accepts.

The example's other values are checked by ``test_production`` (``check --deploy``
clean with a real key).
"""

from __future__ import annotations

from dotenv import dotenv_values

from tests.test_production import PRODUCTION_ENV, ROOT, check_deploy

EXAMPLE = dotenv_values(ROOT / ".env.production.example")


def test_the_placeholder_key_fails_check_deploy_with_what_to_do():
    result = check_deploy(**EXAMPLE)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "configuration error: SECRET_KEY: is the placeholder of .env.production.example: "
        "replace it with a new random key: "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
    ]


def test_hsts_starts_short_without_subdomains_or_preload():
    assert EXAMPLE["SECURE_HSTS_SECONDS"] == "3600"
    assert EXAMPLE["SECURE_HSTS_INCLUDE_SUBDOMAINS"] == "false"
    assert EXAMPLE["SECURE_HSTS_PRELOAD"] == "false"


def test_the_final_hsts_step_is_clean_without_remarks():
    result = check_deploy(
        **{
            **EXAMPLE,
            "SECRET_KEY": PRODUCTION_ENV["SECRET_KEY"],
            "SECURE_HSTS_SECONDS": "31536000",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
            "SECURE_HSTS_PRELOAD": "true",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_a_year_of_hsts_without_subdomains_gets_djangos_warning_again():
    result = check_deploy(
        **{**EXAMPLE, "SECRET_KEY": PRODUCTION_ENV["SECRET_KEY"], "SECURE_HSTS_SECONDS": "31536000"}
    )
    assert result.returncode != 0
    assert "security.W005" in result.stderr and "security.W021" in result.stderr
    assert "site.I001" not in result.stdout + result.stderr
