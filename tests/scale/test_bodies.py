"""Request bodies through nginx in front of the two nodes, as shipped.

The same cases as the uWSGI router's (``tests/bodies.py``): up to the site's limit a
form, a multipart upload, JSON and chunked bodies arrive whole on both halves;
over it, the site's 413 page (JSON from the API). nginx's own 413, without reading
the body, is for bodies over its backstop (twice the limit): ``test_cluster.py``.
"""

from __future__ import annotations

import pytest

from tests import bodies
from tests.scale.cluster import HOST

pytestmark = pytest.mark.scale


@pytest.mark.parametrize("case", bodies.ALL, ids=lambda case: case.__name__)
def test_each_body_through_nginx(cluster, case):
    case(bodies.Site(cluster.nginx.url, host=HOST))
