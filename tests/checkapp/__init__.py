"""A test-only Django app whose views and templates name templates that exist and some that do not.

Installed only by tests/test_template_check.py, to exercise ``combined.template_checks``.
"""
