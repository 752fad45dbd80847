"""Copy the dashboard's JavaScript libraries from node_modules into salvo/web/static/vendor/.

Run after `npm ci --ignore-scripts` (package.json / package-lock.json pin the versions):

    npm ci --ignore-scripts && python scripts/build_web_assets.py

`salvo serve` then serves everything from the package itself: nothing comes from a CDN at run
time. The map background is built here too: world-atlas's 1:50m country outlines (TopoJSON)
decoded to a GeoJSON FeatureCollection clipped to the theaters of the shipped packs (each pack.yaml's
``map.outlines`` box), so the map works offline.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
VENDOR = ROOT / "salvo" / "web" / "static" / "vendor"

# (package, file inside the package, destination under vendor/)
FILES = [
    ("leaflet", "dist/leaflet.js", "leaflet/leaflet.js"),
    ("leaflet", "dist/leaflet.css", "leaflet/leaflet.css"),
    ("leaflet", "dist/images/marker-icon.png", "leaflet/images/marker-icon.png"),
    ("leaflet", "dist/images/marker-icon-2x.png", "leaflet/images/marker-icon-2x.png"),
    ("leaflet", "dist/images/marker-shadow.png", "leaflet/images/marker-shadow.png"),
    ("leaflet", "dist/images/layers.png", "leaflet/images/layers.png"),
    ("leaflet", "dist/images/layers-2x.png", "leaflet/images/layers-2x.png"),
    ("leaflet", "LICENSE", "leaflet/LICENSE"),
    ("leaflet.markercluster", "dist/leaflet.markercluster.js", "markercluster/leaflet.markercluster.js"),
    ("leaflet.markercluster", "dist/MarkerCluster.css", "markercluster/MarkerCluster.css"),
    ("leaflet.markercluster", "dist/MarkerCluster.Default.css", "markercluster/MarkerCluster.Default.css"),
    ("leaflet.markercluster", "MIT-LICENCE.txt", "markercluster/LICENSE"),
    ("chart.js", "dist/chart.umd.min.js", "chartjs/chart.umd.min.js"),
    ("chart.js", "LICENSE.md", "chartjs/LICENSE.md"),
    ("swagger-ui-dist", "swagger-ui-bundle.js", "swagger-ui/swagger-ui-bundle.js"),
    ("swagger-ui-dist", "swagger-ui.css", "swagger-ui/swagger-ui.css"),
    ("swagger-ui-dist", "LICENSE", "swagger-ui/LICENSE"),
    ("world-atlas", "LICENSE", "world-atlas/LICENSE"),
]


def packs_extent() -> tuple[float, float, float, float]:
    """The outlines kept: the union of the shipped packs' ``map.outlines`` boxes (pack.yaml)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from salvo.packs import PACKS_DIR, load_pack

    boxes = [load_pack(str(p)).meta["map"]["outlines"] for p in sorted(PACKS_DIR.iterdir()) if (p / "pack.yaml").is_file()]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def decode_topojson(topo: dict, name: str) -> list[dict]:
    """TopoJSON object -> GeoJSON features (quantized, delta-encoded arcs; the spec's algorithm)."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append([round(x * sx + tx, 4), round(y * sy + ty, 4)])
        arcs.append(pts)

    def ring(indexes: list[int]) -> list[list[float]]:
        out: list[list[float]] = []
        for i in indexes:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    features = []
    for geom in topo["objects"][name]["geometries"]:
        if geom.get("type") == "Polygon":
            coords = [ring(r) for r in geom["arcs"]]
        elif geom.get("type") == "MultiPolygon":
            coords = [[ring(r) for r in poly] for poly in geom["arcs"]]
        else:
            continue
        features.append({"type": "Feature", "id": geom.get("id"), "properties": dict(geom.get("properties") or {}),
                         "geometry": {"type": geom["type"], "coordinates": coords}})
    return features


def _points(geometry: dict):
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for poly in polys:
        for r in poly:
            yield from r


def in_region(feature: dict, region: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1 = region
    return any(x0 <= x <= x1 and y0 <= y <= y1 for x, y in _points(feature["geometry"]))


def build(node_modules: Path = NODE, vendor: Path = VENDOR) -> list[Path]:
    missing = [pkg for pkg, _, _ in FILES if not (node_modules / pkg).is_dir()]
    if missing:
        raise SystemExit(f"build_web_assets: {', '.join(sorted(set(missing)))} not in {node_modules}; "
                         "run `npm ci --ignore-scripts` first")
    if vendor.exists():
        shutil.rmtree(vendor)
    written = []
    versions = {}
    for pkg, src, dest in FILES:
        target = vendor / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(node_modules / pkg / src, target)
        written.append(target)
        versions[pkg] = json.loads((node_modules / pkg / "package.json").read_text("utf-8"))["version"]
    topo = json.loads((node_modules / "world-atlas" / "countries-50m.json").read_text("utf-8"))
    region = packs_extent()
    features = [f for f in decode_topojson(topo, "countries") if in_region(f, region)]
    outlines = vendor / "countries.geojson"
    outlines.write_text(json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")),
                        "utf-8")
    written.append(outlines)
    manifest = vendor / "VERSIONS.json"
    manifest.write_text(json.dumps(versions, indent=1, sort_keys=True) + "\n", "utf-8")
    written.append(manifest)
    return written


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--node-modules", type=Path, default=NODE)
    p.add_argument("--out", type=Path, default=VENDOR)
    a = p.parse_args(argv)
    written = build(a.node_modules, a.out)
    size = sum(f.stat().st_size for f in written)
    print(f"build_web_assets: {len(written)} files, {size / 1e6:.1f} MB in {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
