"""sora-tui benchmarks against its peers: `python -m bench` (see bench/run.py)."""
