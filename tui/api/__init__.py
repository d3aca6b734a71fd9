"""The Videos API: wire models (``models``), the async client (``client``) and its typed errors
(``errors``). Import from the submodules: importing a model must not load httpx, which the
first request needs and a start from the history does not (it paints before any request).
"""
