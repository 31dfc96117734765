"""Reference implementations: pages as they were on Django before moving to Flask.

They are not routed by the site. The shared behaviour tests run against them and
against the Flask ports, so a port must behave like its original.
"""
