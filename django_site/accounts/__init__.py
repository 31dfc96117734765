"""Log in, log out, password change and password reset, in the site's own layout.

Django's auth views with three changes (``views``): pages say ``SITE_NAME``, never
the request's Host; reset links come from ``SITE_URL``; a reset email that cannot
be sent is an error the user sees, not a "we sent it" page.
"""
