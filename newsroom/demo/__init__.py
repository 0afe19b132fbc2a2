"""For development only: demo content, a large generated archive and the benchmark.

- `seed_demo`: the demo newsroom `make serve` starts with; its content is `content.json`, read by
  `content`.
- `corpus` (with its made-up words in `corpus_text`) and `make_corpus`: a realistic archive of any
  size, made in batches.
- `benchmark` puts `make bench` together (see docs/benchmark.md): `bench_setup` (options,
  database, pages), `bench_env` and `bench_load` (the servers), `bench_wrk` (driving them),
  `bench_editing`, `bench_editor` and `bench_drafts` (the run while an editor works),
  `bench_report`; `bench_settings` and `bench_urls` serve the site, `stock_settings` and
  `stock_urls` the stock Django floor every ratio is taken against.
- `screenshots`: the README's pictures (`make screenshots`).

No runtime code outside this package imports it; only its own tests do.
"""
