"""The developer's tools: ``combined new``, ``update``, ``routes``, ``startapp``, the CLI.

What a developer runs once in a while, never what a deployed site imports: nothing in
``combined`` outside this package imports it (tests/test_layers.py checks it).
"""
