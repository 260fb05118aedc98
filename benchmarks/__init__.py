"""Benchmarks for qa_lib: ``make bench`` (``python -m benchmarks``). Never run as tests."""
