"""A Django form in a Flask view, as a view moved from Django keeps it.

``request.form`` feeds a form without files; with files, the form takes the
bridge's Django request: ``Form(django_request().POST, django_request().FILES)``,
Django's own parsing of the same body, uploads included.
"""

from __future__ import annotations

import io

import pytest
from django import forms
from flask import jsonify, request
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.test import Client

import flask_backend
from combined.bridge.request import django_request
from tests.accounts import csrf_token

pytestmark = pytest.mark.django_db


class UploadForm(forms.Form):
    title = forms.CharField(max_length=20)
    doc = forms.FileField()


@pytest.fixture
def backend() -> Client:
    app = flask_backend.create_app(script_root="/backend")

    @app.post("/api/upload")
    def upload():
        dj = django_request()
        form = UploadForm(dj.POST, dj.FILES)
        if not form.is_valid():
            return jsonify(errors=form.errors), 400
        doc = form.cleaned_data["doc"]
        # Flask reads the same body too: both halves got their own copy.
        return jsonify(name=doc.name, body=doc.read().decode(), flask_title=request.form["title"])

    client = Client(DispatcherMiddleware(lambda e, s: [], {"/backend": app}))
    client.get("/backend/api/")
    return client


def test_a_django_form_takes_the_upload(backend):
    response = backend.post(
        "/backend/api/upload",
        data={"title": "Report", "doc": (io.BytesIO(b"hello file"), "report.txt")},
        headers={"X-CSRFToken": csrf_token(backend)},
    )
    assert response.status_code == 200, response.text
    assert response.json == {"name": "report.txt", "body": "hello file", "flask_title": "Report"}


def test_a_django_form_reports_a_missing_file(backend):
    response = backend.post(
        "/backend/api/upload",
        data={"title": "Report"},
        content_type="multipart/form-data",
        headers={"X-CSRFToken": csrf_token(backend)},
    )
    assert response.status_code == 400
    assert response.json["errors"]["doc"] == ["This field is required."]
