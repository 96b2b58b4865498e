"""What the in-process plugin benchmarks share: a portal site on SQLite with chosen plugins, the
hello-world baseline, and milliseconds per request through webtest."""
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from hello import make_app as hello_app  # noqa: E402,F401  (the baseline, as run.py serves it)


def make_site(directory, plugins, **overrides):
    """A migrated SQLite site in directory with these plugins; returns the WSGI app."""
    from sqlalchemy import create_engine
    from portal import main
    from portal.migrations import upgrade
    from portal.testing import base_settings
    url = f"sqlite:///{directory}/bench.sqlite"
    settings = base_settings(directory, url, plugins=plugins)
    settings["pyramid.reload_templates"] = "false"
    settings.update(overrides)
    with create_engine(url).begin() as conn:
        upgrade(settings, connection=conn)
    return main({}, **settings)


def timed(app, path, requests):
    """Milliseconds per GET of path, after one request that compiles templates and fills caches."""
    import webtest
    client = webtest.TestApp(app, extra_environ={"HTTP_HOST": "bench.test"})
    client.get(path)
    start = time.perf_counter()
    for _ in range(requests):
        client.get(path)
    return (time.perf_counter() - start) * 1000 / requests
