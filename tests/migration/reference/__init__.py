"""Reference implementations: pages as they were on Django before moving to Flask.

The views stay in the site's code, unrouted; ``urls`` routes them again for the
tests. The shared behaviour tests run against them and against the Flask ports,
so a port must behave like its original.
"""
