"""Places: the gazetteer and the geoparser (public face of ``frontwatch.resolve``).

``Gazetteer(path).load()`` loads the shipped index (plus the user's GeoNames
additions); ``Gazetteer.find(text)`` returns :class:`PlaceMention` objects for
a whole article, each resolved in the article's context.
"""

from frontwatch.resolve.gazetteer import Gazetteer
from frontwatch.resolve.geoparse import PlaceMention

__all__ = ["Gazetteer", "PlaceMention"]
