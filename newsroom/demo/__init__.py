"""For development only: demo content, a large generated archive and the benchmark.

- `seed_demo`: the demo newsroom `make serve` starts with; its content is `content.json`, read by
  `content`.
- `corpus` (with its made-up words in `corpus_text`) and `make_corpus`: a realistic archive of any
  size, made in batches.
- `benchmark`, `bench_setup`, `bench_load`, `bench_report`, `bench_settings`, `bench_urls` and
  `bench`: `make bench` (see docs/benchmark.md).
- `screenshots`: the README's pictures (`make screenshots`).

No runtime code outside this package imports it; only its own tests do.
"""
