"""One module per page: ``PAGE = {path, title, icon, order, roles}`` and ``render()``."""
