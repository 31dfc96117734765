"""Test-only Django page: ``/probe/items/`` lists items and takes a CSRF-checked form."""

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
