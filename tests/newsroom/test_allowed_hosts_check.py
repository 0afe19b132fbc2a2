"""`check --deploy` refuses a site with DEBUG off and no ALLOWED_HOSTS: it answers every
request with a 400, where Django itself only warns (security.W020)."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_the_deployment_check_refuses_debug_off_with_no_allowed_hosts(settings, client):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = []
    article = ArticleFactory()

    with pytest.raises(SystemCheckError, match=r"newsroom\.E011.*ALLOWED_HOSTS is empty"):
        call_command("check", "--deploy", "--tag", "newsroom-hosts")
    # What the check foretells: every page is refused, whatever host it is asked for.
    assert client.get(article.get_absolute_url()).status_code == 400
    assert client.get("/news/", HTTP_HOST="news.example.com").status_code == 400
    # While a load balancer's check of /healthz still answers that all is well.
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize(("debug", "hosts"), [(False, ["news.example.com"]), (True, [])])
def test_the_deployment_check_takes_named_hosts_or_debug_on(settings, capsys, debug, hosts):
    """With DEBUG on, Django answers its own machine's names (localhost, 127.0.0.1, [::1])."""
    settings.DEBUG = debug
    settings.ALLOWED_HOSTS = hosts

    call_command("check", "--deploy", "--tag", "newsroom-hosts")

    assert "newsroom.E011" not in capsys.readouterr().err
