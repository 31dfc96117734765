"""Tenants: who gets a backend of their own when ``TENANCY`` is on.

Django owns the table and the admin; ``combined.tenancy`` reads it to build a
per-tenant Flask backend. With ``TENANCY=none`` the table is simply unused.
"""
