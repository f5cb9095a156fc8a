"""One validation toolkit for every table the app reads and the one pydantic-error translator.

Places, service areas, figure tables and the Fachplan YAML report problems the
same way: a :class:`RowProblem` names the column at fault with a German reason
that quotes the bad value, a :class:`RowError` records a set-aside row (or a
file-level problem with ``row=None``). The header rule is the same for every
table (:func:`check_header`): missing required columns make the file unusable;
unknown columns are reported once and not read. :func:`translate` turns any
pydantic ``ValidationError`` into a German :class:`RowProblem`, so no English
pydantic message reaches a user.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from atlas.texts import VALIDATION as V


@dataclass(frozen=True)
class RowError:
    """A row that was set aside: where, which column, why (German), and the row as read."""

    file: str
    row: int | None  # line in the file (header = 1); None for a file-level problem
    column: str | None
    reason: str
    raw: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """Flat dict for tables and CSV downloads (raw cells joined as key=value)."""
        raw = "; ".join(f"{k}={v}" for k, v in self.raw.items() if v)
        return {V["col_file"]: self.file, V["col_row"]: self.row,
                V["col_column"]: self.column, V["col_reason"]: self.reason,
                V["col_content"]: raw}


class RowProblem(ValueError):
    """Raised inside row conversion; carries the column that failed."""

    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason


@dataclass(frozen=True)
class HeaderCheck:
    """A table header against its schema: why the file is unusable (or None), unknown columns."""

    missing: tuple[str, ...]
    unknown: tuple[RowError, ...]
    unusable: str | None


def shorten(text: str, limit: int = 60) -> str:
    """A long cell value cut for quoting in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_header(file: str, columns: Sequence[str], known: Sequence[str],
                 required: Sequence[str]) -> HeaderCheck:
    """Missing required columns make the file unusable; unknown ones are reported, not read."""
    missing = tuple(c for c in required if c not in columns)
    unknown = tuple(RowError(file, None, c, V["unknown_column"].format(file=file, column=c))
                    for c in columns if c not in known)
    unusable = (V["missing_columns"].format(
        file=file, columns=", ".join(f"„{c}“" for c in missing)) if missing else None)
    return HeaderCheck(missing, unknown, unusable)


def translate(error: ValidationError) -> RowProblem:
    """The first pydantic error as a German :class:`RowProblem` quoting the bad value.

    The column is the error's location (dotted for nested YAML: ``leitlinien.0.text``);
    a German message raised by one of our own validators is passed on as it is.
    """
    first = error.errors()[0]
    column = ".".join(str(p) for p in first.get("loc") or ()) or "—"
    value = first.get("input")
    shown = shorten(str(value)) if isinstance(value, (str, int, float)) else ""
    kind, ctx = first.get("type", ""), first.get("ctx") or {}
    if kind == "missing":
        return RowProblem(column, V["required"].format(column=column))
    if kind in ("literal_error", "enum"):
        return RowProblem(column, V["choice"].format(value=shown, column=column,
                                                     allowed=ctx.get("expected", "")))
    if kind == "value_error" and ctx.get("error"):
        return RowProblem(column, str(ctx["error"]))
    if kind == "extra_forbidden":
        return RowProblem(column, V["unknown_field"].format(column=column))
    detail = _DETAILS.get(kind)
    if detail is None:
        return RowProblem(column, V["invalid"].format(value=shown, column=column))
    return RowProblem(column, V["invalid_detail"].format(
        value=shown, column=column, detail=detail.format(
            limit=ctx.get("max_length", ctx.get("min_length", "")))))


_DETAILS = {
    "string_too_long": V["too_long"],
    "string_too_short": V["too_short"],
    "too_long": V["too_long"],
    "too_short": V["too_short"],
    "int_parsing": V["not_a_number"],
    "float_parsing": V["not_a_number"],
    "list_type": V["not_a_list"],
    "tuple_type": V["not_a_list"],
    "dict_type": V["not_an_object"],
    "model_type": V["not_an_object"],
}
