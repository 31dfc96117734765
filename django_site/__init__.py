"""The Django half: the site, its accounts, the admin and the schema.

Django owns the database schema through its migrations; the Flask backend reads
and writes the same tables. This package never imports ``flask_backend``.
"""
