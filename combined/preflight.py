"""Validate the settings once in the uWSGI master, before any worker forks.

With ``lazy-apps`` each worker imports the app itself, so a bad setting would only
kill workers, and the master would respawn them forever. ``deploy/uwsgi.ini``
imports this module in the master (``shared-py-import``): a bad value then stops
the whole server with the one-line ``SettingsError`` message.
"""

from combined.settings import get_settings

get_settings()
