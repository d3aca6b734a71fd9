"""Commands that print without the TUI (`sora-tui list`, `sora-tui show`), for pipes and cron."""
