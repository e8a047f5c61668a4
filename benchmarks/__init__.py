"""Provides pressbot's benchmark suite: accuracy against baselines, speed, scale and Telegram.

Run everything with ``python -m benchmarks.run`` (``--quick`` for the small CI version); it
prints one table and writes the results as JSON. The baselines (rapidfuzz WRatio, BM25,
MiniLM embeddings) come from the optional ``bench`` extra and are never a dependency of the bot.
"""
