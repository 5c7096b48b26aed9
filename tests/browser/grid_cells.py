"""Reaching a cell of Streamlit's editable grid in a real browser without pixel offsets.

``st.data_editor`` is Glide Data Grid, drawn on a ``<canvas>``: there is no element per
cell to click. Inside the canvas the grid keeps an accessibility table for screen
readers, one ``<td role="gridcell" id="glide-cell-<col>-<row>">`` per cell on screen, and
it listens to it: focusing such a cell makes it the grid's current cell (what a
screen-reader user does), and the grid marks the cells of its selection with
``aria-selected="true"``. So a test moves to a cell by focusing it and knows from the
grid's own state, not from row heights, that it is there before it types.

Two quirks of the grid (Streamlit 1.67), handled here:
- the grid's first focus selects its first cell itself, after the focused cell's own
  handler ran: the canvas is focused first and that first selection awaited;
- the grid ignores a second focus of the cell it was last moved to through the table,
  even when its selection has moved on since (Enter moves it down): another cell of the
  row is focused in between when the first try does not take.
"""

from __future__ import annotations

from playwright.sync_api import Locator, expect

SELECTED = "[role=gridcell][aria-selected=true]"


def grid_cell(grid: Locator, column: int, row: int) -> Locator:
    """The accessibility-table cell of ``grid`` (a ``stDataFrame``) at ``column``, ``row``
    (the grid's own column order: reversed in Persian)."""
    return grid.locator(f"#glide-cell-{column}-{row}")


def select_cell(grid: Locator, column: int, row: int, timeout: float = 10_000) -> None:
    """Make the cell at ``column``, ``row`` of ``grid`` the grid's current (and only
    selected) cell, with the keyboard's focus on it: the next key goes to that cell."""
    cell = grid_cell(grid, column, row)
    cell.wait_for(state="attached", timeout=timeout)
    grid.page.bring_to_front()  # keyboard input goes to the page in front
    grid.get_by_test_id("data-grid-canvas").focus()
    expect(grid.locator(SELECTED).first).to_be_attached(timeout=timeout)
    other = grid_cell(grid, 1 if column == 0 else 0, row)
    for attempt in range(3):
        if attempt:
            other.focus()
            expect(other).to_have_attribute("aria-selected", "true", timeout=timeout)
        cell.focus()
        try:
            expect(cell).to_have_attribute("aria-selected", "true", timeout=timeout / 2)
            break
        except AssertionError:
            if attempt == 2:
                raise
    expect(grid.locator(SELECTED)).to_have_count(1, timeout=timeout)
    expect(cell).to_be_focused(timeout=timeout)
