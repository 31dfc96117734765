"""Test-only Django pages: ``/probe/items/`` lists items and takes a CSRF-checked form;
``/probe/greeting/`` renders a Jinja template (``jinja2/testapp/greeting.html``)."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tests.testapp.models import Item


class ItemForm(forms.ModelForm):
    class Meta:
        model = Item
        fields = ["title"]


@require_http_methods(["GET", "HEAD", "POST"])
def items(request: HttpRequest) -> HttpResponse:
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.owner = request.user if request.user.is_authenticated else None
        item.save()
        return redirect("probe-items")
    return render(request, "testapp/items.html", {"items": Item.objects.all(), "form": form})


def greeting(request: HttpRequest) -> HttpResponse:
    return render(request, "testapp/greeting.html", {"greeting": "Hello from Django"})
