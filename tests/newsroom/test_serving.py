"""gunicorn with the settings the project ships (newsroom/gunicorn_conf.py): what a request's
headers may and may not choose."""

from tests.newsroom.pagecache.varnish import get
from tests.newsroom.serving import running_gunicorn

SHIPPED = ("--config", "python:newsroom.gunicorn_conf")


def test_a_client_header_does_not_choose_the_prefix_of_the_sites_addresses():
    # The proxies in front connect from loopback, which gunicorn trusts by default to give
    # SCRIPT_NAME and PATH_INFO by headers: a reader's header passed on would prefix every
    # link the app writes, a confirmation email's too.
    with running_gunicorn(*SHIPPED) as port:
        status, _, body = get(
            f"http://127.0.0.1:{port}/evil/news/", SCRIPT_NAME="/evil", PATH_INFO="/admin/"
        )

    assert (status, body) == (200, "|/evil/news/")


def test_a_prefix_set_for_the_process_is_still_the_sites():
    # Serving the site under a prefix stays the operator's choice, made where clients have no
    # say: the environment of the process.
    with running_gunicorn(*SHIPPED, "--env", "SCRIPT_NAME=/site") as port:
        status, _, body = get(f"http://127.0.0.1:{port}/site/news/", SCRIPT_NAME="/")

    assert (status, body) == (200, "/site|/news/")
