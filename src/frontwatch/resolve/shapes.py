"""Province shapes (admin1 polygons) and point-in-polygon: which province holds a point."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Shape:
    country: str
    admin1: str
    bbox: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat
    polygons: tuple[
        tuple[tuple[tuple[float, float], ...], ...], ...
    ]  # polygon -> rings -> (lon, lat)


def inside_ring(lon: float, lat: float, ring: tuple[tuple[float, float], ...]) -> bool:
    """Ray casting: count the ring's edges crossed by a ray going east from the point."""
    inside = False
    x0, y0 = ring[-1]
    for x1, y1 in ring:
        if (y1 > lat) != (y0 > lat) and lon < (x0 - x1) * (lat - y1) / (y0 - y1) + x1:
            inside = not inside
        x0, y0 = x1, y1
    return inside


def inside_shape(lon: float, lat: float, shape: Shape) -> bool:
    west, south, east, north = shape.bbox
    if not (west <= lon <= east and south <= lat <= north):
        return False
    return any(
        inside_ring(lon, lat, rings[0])
        and not any(inside_ring(lon, lat, hole) for hole in rings[1:])
        for rings in shape.polygons
    )


def shapes_from_geojson(collection: dict) -> list[Shape]:
    shapes = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = (
            geometry["coordinates"]
            if geometry["type"] == "MultiPolygon"
            else [geometry["coordinates"]]
        )
        rings = tuple(
            tuple(tuple(tuple(p[:2]) for p in ring) for ring in poly) for poly in polygons
        )
        points = [p for poly in rings for p in poly[0]]
        bbox = (
            min(p[0] for p in points),
            min(p[1] for p in points),
            max(p[0] for p in points),
            max(p[1] for p in points),
        )
        props = feature["properties"]
        shapes.append(Shape(props["country"], props["admin1"], bbox, rings))
    return shapes


def locate(shapes: list[Shape], lat: float, lon: float) -> tuple[str, str] | None:
    """(country ISO2, admin1 name) of the shape holding the point, if any."""
    for shape in shapes:
        if inside_shape(lon, lat, shape):
            return shape.country, shape.admin1
    return None
