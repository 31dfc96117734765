"""Views naming templates: each ``gone`` name is missing, each ``here`` name exists."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.views.generic import TemplateView


def renders_a_gone_template(request: HttpRequest) -> HttpResponse:
    return render(request, "checkapp/gone_render.html", {})


def renders_templates_that_exist(request: HttpRequest) -> HttpResponse:
    render_to_string("checkapp/here.html")
    return TemplateResponse(request, template="checkapp/here.jinja.html")


def error_response(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "checkapp/gone_response.html", status=400)


class GoneTemplateView(TemplateView):
    template_name = "checkapp/gone_class.html"
