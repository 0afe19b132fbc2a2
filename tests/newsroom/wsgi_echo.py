"""A WSGI application that answers with the paths it was given (SCRIPT_NAME|PATH_INFO), from
which every address the site writes starts; gunicorn serves it in tests (serving.py). It
imports nothing, so gunicorn needs no Django settings to load it."""


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Cache-Control", "private")])
    return [f"{environ['SCRIPT_NAME']}|{environ['PATH_INFO']}".encode()]
