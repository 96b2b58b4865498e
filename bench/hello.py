"""The baseline: a bare Pyramid hello-world, served by waitress with the portal's waitress settings.

    python bench/hello.py PORT '{"threads": "4"}'
"""
import json
import sys

from pyramid.config import Configurator
from pyramid.response import Response


def hello(request):
    return Response("Hello world")


def make_app():
    with Configurator() as config:
        config.add_route("hello", "/")
        config.add_view(hello, route_name="hello")
    return config.make_wsgi_app()


def main(argv):
    import logging
    from waitress import serve
    # as the portal's bench ini: warnings on stderr, but no "Task queue depth" line per request
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)-5.5s [%(name)s] %(message)s")
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    port = int(argv[1])
    settings = json.loads(argv[2]) if len(argv) > 2 else {}
    print(f"Serving on http://127.0.0.1:{port}", flush=True)
    serve(make_app(), listen=f"127.0.0.1:{port}", **settings)


if __name__ == "__main__":
    main(sys.argv)
