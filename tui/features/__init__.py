"""The features: each a plain object the app is given in one list (see base.py for the rule)."""
