"""A test-only URLconf for ``combined routes``: two apps with pages moved to Flask.

``shop``: the list is on Django; detail and buy moved (handovers). ``blog``: the
index moved; ``<int:year>/`` is still a Django view that a Flask rule claims too (a
real conflict); ``archive/`` is a handover with no Flask rule (dangling).
"""

from django.http import HttpResponse
from django.urls import include, path

from combined.handover import served_by_flask


def django_view(request, **kwargs):
    return HttpResponse("django")


shop = [
    path("", django_view, name="list"),
    path("<int:pk>/", served_by_flask, name="detail"),
    path("<int:pk>/buy/", served_by_flask, name="buy"),
]
blog = [
    path("", served_by_flask, name="index"),
    path("<int:year>/", django_view, name="year"),
    path("archive/", served_by_flask, name="archive"),
]
urlpatterns = [
    path("shop/", include((shop, "shop"))),
    path("blog/", include((blog, "blog"))),
]
