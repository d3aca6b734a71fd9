"""sora-tui: a terminal dashboard for OpenAI Videos API jobs."""

__version__ = "0.1.0"
