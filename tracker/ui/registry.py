"""Pages are the modules of ``tracker.pages`` that define ``PAGE`` and ``render``.

The registry reads each module's ``PAGE`` literal from its source without importing
it, and imports a page module only when that page is drawn: the sign-in page and the
first page do not pay for the charts, spreadsheets and reports of the others.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import ModuleType

from tracker.domain.model import User


class PageModule:
    """A page module known by its ``PAGE`` spec (``__name__``, ``__file__``, ``PAGE``,
    ``render`` like the module's); ``render`` imports the module on first use."""

    def __init__(self, name: str, file: str, page: dict) -> None:
        self.__name__ = name
        self.__file__ = file
        self.PAGE = page
        self.render = _renderer(name, page["path"])

    def module(self) -> ModuleType:
        return importlib.import_module(self.__name__)


def _renderer(name: str, path: str) -> Callable[[], None]:
    def render() -> None:
        importlib.import_module(name).render()
    render.__name__ = render.__qualname__ = f"render_{path.replace('-', '_')}"
    return render


def _page_literal(file: Path) -> dict | None:
    """The ``PAGE = {...}`` literal of a module's source (None if it has none, or if it
    is not a plain literal)."""
    tree = ast.parse(file.read_text(encoding="utf-8"))
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name) and node.targets[0].id == "PAGE"):
            try:
                value = ast.literal_eval(node.value)
            except ValueError:
                return None
            return value if isinstance(value, dict) else None
    return None


def _defines_render(file: Path) -> bool:
    tree = ast.parse(file.read_text(encoding="utf-8"))
    return any(isinstance(n, ast.FunctionDef) and n.name == "render" for n in tree.body)


@cache
def _discover() -> tuple[PageModule, ...]:
    import tracker.pages as pkg

    found = []
    for info in pkgutil.iter_modules(pkg.__path__):
        name = f"{pkg.__name__}.{info.name}"
        file = Path(pkg.__path__[0]) / f"{info.name}.py"
        spec = _page_literal(file) if file.exists() else None
        if spec is None or not _defines_render(file):
            module = importlib.import_module(name)  # PAGE is not a literal: ask the module
            if not (hasattr(module, "PAGE") and hasattr(module, "render")):
                continue
            spec, file = dict(module.PAGE), Path(module.__file__)
        found.append(PageModule(name, str(file), spec))
    return tuple(sorted(found, key=lambda m: (m.PAGE.get("order", 50), m.PAGE["path"])))


def page_modules() -> list[PageModule]:
    """Every page, in ``PAGE['order']`` (their modules are not imported)."""
    return list(_discover())


def allowed(module: PageModule | ModuleType, user: User) -> bool:
    """May ``user`` open this page? ``roles`` None means every signed-in user."""
    roles = module.PAGE.get("roles")
    return roles is None or bool(set(roles) & user.roles)


def pages_for(user: User) -> list[PageModule]:
    """The pages ``user`` may open, their home page first (the one whose
    ``PAGE['home']`` names one of their roles, e.g. the viewer's summary), then in
    ``PAGE['order']``; the first is where they land."""
    pages = [m for m in page_modules() if allowed(m, user)]
    return sorted(pages, key=lambda m: not set(m.PAGE.get("home") or ()) & user.roles)


def page_path(page_file: str) -> str:
    """The url path (``PAGE['path']``) of the page module in ``page_file`` (such as
    ``tracker/pages/league.py``), read from the registry without importing it."""
    name = Path(page_file).with_suffix("").as_posix().replace("/", ".")
    for m in _discover():
        if m.__name__ == name:
            return m.PAGE["path"]
    raise KeyError(f"no page module {page_file!r}")
