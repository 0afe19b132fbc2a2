"""`make loadtest` (`python -m tests.load.loadtest`): the production configuration under load.

- `loadtest`: the phases, in order, and the verdict.
- `services`: the PostgreSQL cluster, Redis, gunicorn and Varnish it starts on loopback ports.
- `measure`: wrk runs as `Phase`s, and the table they are reported in.
- `edge`: the phases through Varnish, publishing under load included.
"""
