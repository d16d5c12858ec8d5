"""What the site's table template (templates/tables/bootstrap5.html) needs
per cell, computed once per column.

django-tables2's own template asks each cell for its column's attributes
and header — a new dictionary, class set and translated label for every
cell; on an office dashboard of 564 centers that was most of the page's
time. Here each column's `<td>` attributes and card label are rendered
once per table and reused for every row. A column whose `td` attributes
depend on the record (a callable) is still asked for each cell.
"""

from django import template
from django.utils.formats import localize
from django.utils.html import format_html, strip_tags

register = template.Library()


def _td(column) -> str:
    return format_html(
        '{} data-label="{}"', column.attrs["td"].as_html(), strip_tags(str(column.header))
    )


def _per_record(table, column) -> bool:
    """Whether the column's `<td>` attributes (the table's, then its own, as
    django-tables2 merges them) depend on the record."""
    attrs = {**dict(table.attrs), **dict(column.column.attrs)}
    td = attrs.get("td", attrs.get("cell", {}))
    return any(callable(value) for value in td.values())


@register.filter
def card_cells(row):
    """(the `<td>`'s attributes, the cell's content) for each column of `row`."""
    table = row.table
    columns = table.__dict__.get("_card_columns")
    if columns is None:
        columns = table._card_columns = [
            (column, None if _per_record(table, column) else _td(column))
            for column in table.columns
        ]
    for (column, td), (_, cell) in zip(columns, row.items(), strict=True):
        if td is None:
            td = _td(column)  # `row.items()` has set the column's current record
        if column.localize is not None:
            cell = localize(cell, use_l10n=column.localize)
        yield td, cell
