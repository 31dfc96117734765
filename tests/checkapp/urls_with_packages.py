"""The check app's URLconf, plus an installed package's URLconf the site includes.

``django.contrib.admindocs`` is not in ``INSTALLED_APPS`` here, so no engine finds
its templates: the site that includes its URLs (as ephios includes
``django.contrib.auth.urls`` without a ``registration/login.html``) still has
nothing to fix in its own code.
"""

from django.urls import include, path

urlpatterns = [
    path("", include("tests.checkapp.urls")),
    path("doc/", include("django.contrib.admindocs.urls")),
]
