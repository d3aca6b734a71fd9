"""One tab of the status filter bar, and the labels it takes as room runs short."""

from __future__ import annotations

from typing import Final

from textual.widgets import Static

# Each bucket's label, longest first: the bar takes the longest forms that fit its width.
LABEL_FORMS: Final = {
    "all": ("All", "All", "All"),
    "queued": ("Queued", "Queued", "Q"),
    "in_progress": ("In progress", "In prog.", "Run"),
    "completed": ("Completed", "Compl.", "Done"),
    "failed": ("Failed", "Failed", "Fail"),
    "other": ("Other", "Other", "?"),
}


def label(bucket: str, form: int = 0) -> str:
    """The tab's label in ``form`` (0 longest); an unknown bucket is its own label."""
    forms = LABEL_FORMS.get(bucket)
    return forms[min(form, len(forms) - 1)] if forms else bucket


class FilterTab(Static):
    """One clickable tab: 'Queued 3' (or 'Q 3' where room is short)."""

    def __init__(self, bucket: str) -> None:
        super().__init__(f"{label(bucket)} 0", id=f"tab-{bucket}", classes="filter-tab")
        self.bucket = bucket
        self._count = 0
        self._form = 0

    def text(self) -> str:
        return f"{label(self.bucket, self._form)} {self._count}"

    def set_count(self, count: int, form: int = 0) -> None:
        """Show ``count`` with the label in ``form``; repaints only when the text changes."""
        before = self.text()
        self._count, self._form = count, form
        if self.text() != before:
            self.update(self.text())
