from django.urls import path
from django.views.generic import TemplateView

from tests.checkapp import views

urlpatterns = [
    path("gone/", views.GoneTemplateView.as_view(), name="gone-class"),
    path("gone-kwarg/", TemplateView.as_view(template_name="checkapp/gone_kwarg.html")),
    path("here/", TemplateView.as_view(template_name="checkapp/here.html")),
    path("render/", views.renders_a_gone_template),
]
