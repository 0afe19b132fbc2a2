"""For development only: demo content, a large generated archive and the benchmark.

- `seed_demo`: the demo newsroom `make serve` starts with; its content is `content.json`.
- `corpus` and `make_corpus`: a realistic archive of any size, made in batches.
- `benchmark`, `bench_settings`, `bench_urls` and `bench`: `make bench` (see docs/benchmark.md).

Nothing outside this package imports it.
"""
