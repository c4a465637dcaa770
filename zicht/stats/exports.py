"""Writers for protected (or audited exact) tables: CSV and XLSX. They never see a StatTable."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from zicht.stats.disclosure import ProtectedTable


def table_grid(table: ProtectedTable) -> list[list[str]]:
    """Header row plus body rows (with totals where the table has them), as published labels."""
    header = [table.row_label, *table.columns]
    if table.row_totals is not None:
        header.append(_("Total"))
    grid = [header]
    for label, cells, total in table.body_rows():
        row = [label, *(cell.label for cell in cells)]
        if total is not None:
            row.append(total.label)
        grid.append(row)
    if table.column_totals is not None:
        row = [_("Total"), *(cell.label for cell in table.column_totals)]
        if table.row_totals is not None:
            row.append(table.grand_total.label if table.grand_total is not None else "")
        grid.append(row)
    return grid


def table_notes(table: ProtectedTable) -> list[str]:
    notes = [str(note) for note in table.notes]
    if table.protected and table.has_suppression:
        notes.append(
            _(
                "Counts from 1 to %(below)s are not shown (< %(threshold)s); other counts are rounded to multiples "
                "of %(rounding)s."
            )
            % {"below": table.threshold - 1, "threshold": table.threshold, "rounding": table.rounding}
        )
    elif table.protected:
        notes.append(_("Counts are rounded to multiples of %(rounding)s.") % {"rounding": table.rounding})
    if table.withheld:
        notes.append(_("Not published: there are too few cases to show this table without revealing small counts."))
    if table.has_secondary:
        notes.append(_("× = not shown, so that another small count cannot be worked out."))
    if not table.protected:
        notes.append(_("Internal table with exact counts: do not publish."))
    return notes


def tables_csv(tables: Sequence[ProtectedTable]) -> bytes:
    """All tables one below the other: title, selection, grid, notes, blank line (UTF-8 with BOM for Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for table in tables:
        writer.writerow([table.title])
        writer.writerow([_("Selection"), table.query])
        writer.writerows(table_grid(table))
        for note in table_notes(table):
            writer.writerow([note])
        writer.writerow([])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def tables_xlsx(tables: Sequence[ProtectedTable]) -> bytes:
    """One worksheet per table. Suppressed cells are text ("< 10", "×"), published counts numbers."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for table in tables:
        name = _sheet_name(table.key, used)
        sheet = workbook.create_sheet(name)
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True, size=12)
        sheet.append([_("Selection"), table.query])
        sheet.append([])
        for r, row in enumerate(table_grid(table)):
            sheet.append([_number_or_text(value) if r and c else value for c, value in enumerate(row)])
            if r == 0:
                for cell in sheet[sheet.max_row]:
                    cell.font = Font(bold=True)
        sheet.append([])
        for note in table_notes(table):
            sheet.append([note])
        sheet.column_dimensions["A"].width = 40
    if not workbook.worksheets:
        workbook.create_sheet(_("Empty"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _number_or_text(value: str) -> int | str:
    return int(value) if value.isdigit() else value


def _sheet_name(key: str, used: set[str]) -> str:
    base = key[:28] or "table"
    name, n = base, 2
    while name in used:
        name, n = f"{base[:26]}_{n}", n + 1
    used.add(name)
    return name
