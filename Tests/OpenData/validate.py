"""What a national portal does with dxtrack's open data: harvest the catalogue and
validate every published indicator's package.

    python3 validate.py BASE

- `frictionless validate` (its Python API) on each indicator's datapackage.json, and the
  code columns read as strings, so "05983" keeps its zero;
- the DCAT-AP catalogue parsed as JSON-LD by rdflib: one dcat:Dataset per indicator of
  data.json, each with a publisher, a licence and distributions.
Prints one line per check and exits 1 if any failed.
"""
import sys

import requests
from frictionless import Package, validate
from rdflib import Graph, Namespace, RDF

base = sys.argv[1]
failures = []


def check(ok, what, detail=""):
    print(("ok   " if ok else "FAIL ") + what + ("" if ok else f": {detail}"))
    if not ok:
        failures.append(what)


data = requests.get(f"{base}/open-data/data.json").json()
codes = [d["identifier"].rsplit("/", 1)[-1] for d in data["dataset"]]
check(len(codes) >= 1 and all(d["license"] and d["publisher"]["name"] for d in data["dataset"]), "data.json lists datasets with licence and publisher", data)

for code in codes:
    url = f"{base}/open-data/{code}/datapackage.json"
    report = validate(url)
    check(report.valid, f"frictionless validates {code}", report.flatten(["type", "note"]) if not report.valid else "")
    package = Package(url)
    schema = package.resources[0].schema
    check(schema.get_field("unit").type == "string" and schema.get_field("period_start").type == "date", f"{code}: codes are strings, days are dates")
    rows = package.resources[0].read_rows()
    check(all(isinstance(r["unit"], str) for r in rows), f"{code}: every unit code reads as text", rows[:2])
    zero = [r["unit"] for r in rows if r["unit"].startswith("0")]
    if zero:
        check(all(len(u) == 5 for u in zero), f"{code}: a commune code keeps its leading zero", zero[:3])

g = Graph()
g.parse(data=requests.get(f"{base}/open-data/catalog.jsonld").text, format="json-ld", publicID=base)
DCAT, DCT = Namespace("http://www.w3.org/ns/dcat#"), Namespace("http://purl.org/dc/terms/")
datasets = list(g.subjects(RDF.type, DCAT.Dataset))
check(len(datasets) == len(codes), "the JSON-LD catalogue has one dcat:Dataset per indicator", (len(datasets), len(codes)))
check(len(list(g.subjects(RDF.type, DCAT.Catalog))) == 1, "the JSON-LD catalogue is one dcat:Catalog")
for d in datasets:
    ok = (d, DCT.publisher, None) in g and (d, DCT.license, None) in g and len(list(g.objects(d, DCAT.distribution))) == 3
    check(ok, f"{d} has a publisher, a licence and three distributions")
    check((d, DCT.accrualPeriodicity, None) in g, f"{d} says how often it is updated")

print(f"{len(failures)} failed" if failures else "all passed")
sys.exit(1 if failures else 0)
