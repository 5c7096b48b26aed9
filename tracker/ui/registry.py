"""Pages are the modules of ``tracker.pages`` that define ``PAGE`` and ``render``."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

from tracker.model import User


def page_modules() -> list[ModuleType]:
    """Every page module, in ``PAGE['order']``."""
    import tracker.pages as pkg

    mods = [importlib.import_module(f"{pkg.__name__}.{m.name}")
            for m in pkgutil.iter_modules(pkg.__path__)]
    mods = [m for m in mods if hasattr(m, "PAGE") and hasattr(m, "render")]
    return sorted(mods, key=lambda m: (m.PAGE.get("order", 50), m.PAGE["path"]))


def allowed(module: ModuleType, user: User) -> bool:
    """May ``user`` open this page? ``roles`` None means every signed-in user."""
    roles = module.PAGE.get("roles")
    return roles is None or bool(set(roles) & user.roles)


def pages_for(user: User) -> list[ModuleType]:
    return [m for m in page_modules() if allowed(m, user)]
