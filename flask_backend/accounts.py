"""Account actions on the Flask half. Logging in stays on Django's login page.

``GET /account`` is the smallest ``login_required`` page. ``POST /logout`` is
Django's ``logout()``: the shared session is flushed, so the user is logged out
of both halves. It is POST-only and CSRF-checked, like Django's ``LogoutView``:
a link or an image on another site cannot log you out.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme
from flask import Blueprint, Flask, redirect, render_template, request
from werkzeug.wrappers import Response

from combined.bridge.auth import current_user, login_required, logout_user
from combined.bridge.urls import django_url

bp = Blueprint("accounts", __name__)


@bp.get("/account")
@login_required
def account() -> str:
    """Who you are, as Flask sees it: the smallest ``login_required`` page."""
    return render_template("backend/account.html", user=current_user)


@bp.post("/logout")
def logout() -> Response:
    logout_user()
    target = request.form.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.host}, require_https=request.is_secure
    )
    return redirect(target if safe else (settings.LOGOUT_REDIRECT_URL or "/"))


def _context() -> dict[str, str]:
    # The account links of Django's pages: changing a password stays on Django.
    return {"login_url": settings.LOGIN_URL, "password_change_url": django_url("password_change")}


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.context_processor(_context)
