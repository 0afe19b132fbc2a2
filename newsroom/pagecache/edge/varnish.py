"""Purging Varnish by tag through the xkey vmod (see `newsroom.vcl` beside this module).

Each Varnish in `EDGE_PURGE_URLS` (its listen address named `purge`, never the one readers
reach) gets a `PURGE` request naming the tags in an `xkey-purge` header; the VCL answers 200
with the number of objects it dropped, and refuses purges on any other listen address or from
addresses its `purgers` ACL does not list.
"""

import http.client
from collections.abc import Sequence
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from newsroom.pagecache.edge.backends import PurgeBackend, PurgeError


class VarnishPurge(PurgeBackend):
    def __init__(self):
        super().__init__()
        self.servers = [urlsplit(url) for url in settings.EDGE_PURGE_URLS]
        if not self.servers:
            raise ImproperlyConfigured(
                "EDGE_PURGE_URLS must name the Varnish servers to purge, e.g. http://127.0.0.1:6091"
            )

    def send(self, tags: Sequence[str]) -> None:
        failures = []
        for server in self.servers:
            connection = http.client.HTTPConnection(
                server.hostname, server.port or 80, timeout=self.timeout
            )
            try:
                connection.request(
                    "PURGE", server.path or "/", headers={"xkey-purge": " ".join(tags)}
                )
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failures.append(f"{server.netloc} answered {response.status}")
            except http.client.HTTPException as error:
                failures.append(f"{server.netloc}: {error!r}")
            finally:
                connection.close()
        if failures:
            raise PurgeError("; ".join(failures))
