"""gunicorn's settings for the site:
`gunicorn --config python:newsroom.gunicorn_conf newsroom.wsgi`.

gunicorn trusts whatever connects from `forwarded_allow_ips` (loopback unless told otherwise),
where Varnish and a TLS proxy on the same machine connect from, to give SCRIPT_NAME and PATH_INFO
by request headers of those names. A proxy that passes a client's headers on would let anyone
choose the prefix of every address the app writes: links in pages, and in the confirmation
email sent to whatever address a form was given. No header gives them here; a site served
under a prefix says so for the process (`--env SCRIPT_NAME=/prefix`), or with FORCE_SCRIPT_NAME.
"""

forwarder_headers = ""
