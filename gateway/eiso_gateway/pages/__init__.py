"""Pieces every area's pages share: the menu, names for ids, panels that degrade alone, form errors."""
