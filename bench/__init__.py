"""Benchmarks and the synthetic corpus generator (never part of `make test`)."""
