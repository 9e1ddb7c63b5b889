"""Two DHIS2 clients from PyPI, dhis2.py and dhis2-client, used against a live dxtrack
as a ministry's integration script would use them against DHIS2: read system info and
metadata, page through org units, push a data value set in JSON, CSV and ADX (by UID
and by code), read it back, register the report complete, and get a 409 with
conflicts for a bad row.

    python3 clients.py BASE USERNAME PASSWORD FORM UNIT PERIOD COUNT_INDICATOR FRACTION_INDICATOR

Prints one line per check and exits 1 if any failed.
"""
import json
import sys

import requests
from dhis2 import Api, RequestException
from dhis2_client import DHIS2Client, DHIS2HTTPError

base, user, password, form, unit, period, count_code, fraction_code = sys.argv[1:9]
failures = []


def check(ok, what, detail=""):
    print(("ok   " if ok else "FAIL ") + what + ("" if ok else f": {detail}"))
    if not ok:
        failures.append(what)


# --- dhis2.py: the classic client, unversioned and versioned paths, `.json` suffixes ---
api = Api(base, user, password)
check(api.version_int is not None and api.version_int >= 29, "dhis2.py reads system/info", api.info)
api37 = Api(base, user, password, api_version=37)
api40 = Api(base, user, password, api_version=40)
check(api40.get("system/info").json()["version"] == api.version, "a versioned path answers as the unversioned one")

me = api.get("me", params={"fields": "id,username,organisationUnits[id,code,name],authorities"}).json()
check(me["username"] == user and len(me["id"]) == 11, "me names the account by a UID", me)
check(len(me["organisationUnits"]) == 1 and "code" in me["organisationUnits"][0], "me gives its org unit, with nested fields", me)

everything = api.get("organisationUnits", params={"paging": "false", "fields": "id,code,name,level,path,parent[id,code]"}).json()["organisationUnits"]
paged = api40.get_paged("organisationUnits", page_size=2, merge=True, params={"fields": "id,code"})["organisationUnits"]
check(sorted(o["id"] for o in paged) == sorted(o["id"] for o in everything) and len(everything) >= 3,
      "get_paged walks every page of organisationUnits", (len(paged), len(everything)))
by_code = {o["code"]: o for o in everything}
ou = by_code[unit]
check(ou["path"].endswith("/" + ou["id"]) and ou["level"] == ou["path"].count("/") and "parent" in ou,
      "an org unit has level, path and parent", ou)
first = api.get("organisationUnits", params={"page": 1, "pageSize": 1}).json()
check(first["pager"]["pageCount"] == len(everything) and set(first["organisationUnits"][0]) == {"id", "displayName"},
      "a list pages by default and gives id and displayName", first)

filtered = api.get("organisationUnits", params=[("filter", f"code:eq:{unit}"), ("filter", "level:ge:1"), ("fields", "id")]).json()
check([o["id"] for o in filtered["organisationUnits"]] == [ou["id"]], "filters are ANDed", filtered)
liked = api.get("organisationUnits", params={"filter": f"id:in:[{ou['id']},{ou['path'].split('/')[1]}]", "paging": "false"}).json()
check(len(liked["organisationUnits"]) == (1 if ou["level"] == 1 else 2), "filter in:[…]", liked)

ds = api.get("dataSets", params={"filter": f"code:eq:{form}",
                                 "fields": "id,code,periodType,expiryDays,dataSetElements[dataElement[id,code]],organisationUnits[id]"}).json()["dataSets"]
check(len(ds) == 1 and ds[0]["periodType"], "dataSets by code, with period type", ds)
ds = ds[0]
elements = {e["dataElement"]["code"]: e["dataElement"]["id"] for e in ds["dataSetElements"]}
check(count_code in elements and fraction_code in elements, "the data set lists its data elements", elements)
check(ou["id"] in [o["id"] for o in ds["organisationUnits"]], "the data set lists the units that report it", ds["organisationUnits"][:3])

fraction = api.get(f"dataElements/{elements[fraction_code]}", params={"fields": "id,valueType,categoryCombo[code,categoryOptionCombos[id,code]]"}).json()
combos = {c["code"]: c["id"] for c in fraction["categoryCombo"]["categoryOptionCombos"]}
check(set(combos) == {"NUMERATOR", "DENOMINATOR"}, "a fraction's combo is NUMERATOR and DENOMINATOR", fraction)
cocs = api.get("categoryOptionCombos", params={"paging": "false", "fields": "id,code"}).json()["categoryOptionCombos"]
check("HllvX50cXC0" in [c["id"] for c in cocs], "the default category option combo has DHIS2's UID", cocs)
for resource in ["indicators", "categoryCombos", "periodTypes", "organisationUnitLevels"]:
    got = api.get(resource, params={"paging": "false"}).json()
    check(resource in got, f"{resource} answers", got)

try:
    api.get("organisationUnits/NoSuchUid00")
    check(False, "an unknown UID is 404")
except RequestException as e:
    check(e.code == 404 and json.loads(e.description)["httpStatusCode"] == 404, "an unknown UID is 404 with a web message", e.description)

# --- push JSON by UID (DHIS2's default scheme), read it back in UIDs ---
pushed = api.post("dataValueSets", json={
    "dataSet": ds["id"], "period": period, "orgUnit": ou["id"],
    "dataValues": [{"dataElement": elements[count_code], "value": "12"},
                   {"dataElement": elements[fraction_code], "categoryOptionCombo": combos["NUMERATOR"], "value": "30"},
                   {"dataElement": elements[fraction_code], "categoryOptionCombo": combos["DENOMINATOR"], "value": "40"}]}).json()
check(pushed["status"] == "OK" and pushed["response"]["importCount"]["imported"] == 3, "JSON by UID imports three rows", pushed)
back = api.get("dataValueSets", params={"dataSet": ds["id"], "period": period, "orgUnit": ou["id"]}).json()
rows = {(r["dataElement"], r.get("categoryOptionCombo")): r["value"] for r in back["dataValues"]}
check(rows.get((elements[count_code], "HllvX50cXC0")) == "12" and rows.get((elements[fraction_code], combos["NUMERATOR"])) == "30",
      "dataValueSets.json reads back in UIDs", back)

# --- each format under each scheme: JSON by code, CSV by UID, ADX by code, explicit idScheme=UID ---
r = api.session.post(f"{api.api_url}/dataValueSets", params={"idScheme": "CODE"}, json={
    "dataSet": form, "period": period, "orgUnit": unit, "dataValues": [{"dataElement": count_code, "value": "12"}]})
check(r.status_code == 200 and r.json()["response"]["importCount"]["updated"] == 1, "JSON by code (idScheme=CODE)", r.text)
csv_uid = f"dataelement,period,orgunit,catoptcombo,attroptcombo,value\n{elements[count_code]},{period},{ou['id']},HllvX50cXC0,,12\n"
r = api.session.post(f"{api.api_url}/dataValueSets", params={"idScheme": "UID"}, data=csv_uid.encode(), headers={"Content-Type": "application/csv"})
check(r.status_code == 200 and r.json()["response"]["importCount"]["updated"] == 1, "CSV by UID (idScheme=UID)", r.text)
adx_code = (f'<adx xmlns="urn:ihe:qrph:adx:2015"><group orgUnit="{unit}" period="{period[:4]}-{ {"Q1": "01", "Q2": "04", "Q3": "07", "Q4": "10"}[period[4:]] }-01/P3M" dataSet="{form}">'
            f'<dataValue dataElement="{count_code}" value="12"/></group></adx>')
r = api.session.post(f"{api.api_url}/dataValueSets", params={"idScheme": "CODE"}, data=adx_code.encode(), headers={"Content-Type": "application/adx+xml"})
check(r.status_code == 200 and r.json()["response"]["importCount"]["updated"] == 1, "ADX by code (idScheme=CODE)", r.text)
r = api.session.post(f"{api.api_url}/dataValueSets", params={"idScheme": "UID"}, json={
    "dataSet": ds["id"], "period": period, "orgUnit": ou["id"], "dataValues": [{"dataElement": elements[count_code], "value": "12"}]})
check(r.status_code == 200 and r.json()["response"]["importCount"]["updated"] == 1, "JSON by UID (idScheme=UID)", r.text)

# --- CSV and ADX, updating the figure ---
csv = f"dataelement,period,orgunit,catoptcombo,attroptcombo,value\n{count_code},{period},{unit},,,13\n"
r = api.session.post(f"{api.api_url}/dataValueSets", params={"idScheme": "CODE"}, data=csv.encode(), headers={"Content-Type": "application/csv"})
check(r.status_code == 200 and r.json()["response"]["importCount"]["updated"] == 1, "CSV by code updates a row", r.text)
adx_period = {"Q1": "01", "Q2": "04", "Q3": "07", "Q4": "10"}[period[4:]]
adx = (f'<adx xmlns="urn:ihe:qrph:adx:2015"><group orgUnit="{ou["id"]}" period="{period[:4]}-{adx_period}-01/P3M" dataSet="{ds["id"]}">'
       f'<dataValue dataElement="{elements[count_code]}" value="14"/></group></adx>')
r = api.session.post(f"{api.api_url}/dataValueSets", data=adx.encode(), headers={"Content-Type": "application/adx+xml"})
check(r.status_code == 200 and r.json()["response"]["importCount"]["updated"] == 1, "ADX by UID updates a row", r.text)
r = api.session.get(f"{api.api_url}/dataValueSets.csv", params={"dataSet": form, "period": period, "orgUnit": unit})
check(r.status_code == 200 and f"{count_code},{period},{unit}" in r.text and ",14" in r.text, "dataValueSets.csv reads back by code", r.text)
r = api.session.get(f"{api.api_url}/dataValueSets.xml", params={"dataSet": ds["id"], "period": period, "orgUnit": ou["id"]})
check(r.status_code == 200 and "adx" in r.text and elements[count_code] in r.text, "dataValueSets.xml reads back as ADX", r.text)

# --- a bad row: 409 with conflicts naming the object; 2.37 answers the bare summary ---
bad = {"dataSet": ds["id"], "period": period, "orgUnit": ou["id"],
       "dataValues": [{"dataElement": elements[count_code], "value": "15"}, {"dataElement": "NoSuchUid00", "value": "1"},
                      {"dataElement": elements[count_code], "orgUnit": "XyzXyzXyz01", "value": "2"}]}
try:
    api.post("dataValueSets", json=bad)
    check(False, "a bad row answers 409")
except RequestException as e:
    body = json.loads(e.description)
    objects = [c["object"] for c in body["response"]["conflicts"]]
    check(e.code == 409 and body["status"] == "WARNING" and "NoSuchUid00" in objects and "XyzXyzXyz01" in objects,
          "a bad row answers 409 WARNING, each conflict naming its object", body)
old = api37.post("dataValueSets", json=bad).json()
check(old.get("responseType") == "ImportSummary" and old["status"] == "WARNING", "api/37 answers a bare import summary", old)

# --- complete the registration (submit), then read it ---
done = api.post("completeDataSetRegistrations", json={"completeDataSetRegistrations": [
    {"dataSet": ds["id"], "period": period, "organisationUnit": ou["id"], "completed": True}]}).json()
check(done["response"]["importCount"]["imported"] == 1, "a complete registration submits the report", done)
regs = api.get("completeDataSetRegistrations", params={"dataSet": ds["id"], "period": period, "orgUnit": ou["id"]}).json()
check(len(regs["completeDataSetRegistrations"]) == 1 and regs["completeDataSetRegistrations"][0]["organisationUnit"] == ou["id"],
      "completeDataSetRegistrations reads the sent report", regs)
try:
    api.post("dataValueSets", json={"dataSet": ds["id"], "period": period, "orgUnit": ou["id"],
                                    "dataValues": [{"dataElement": elements[count_code], "value": "99"}]})
    check(False, "a sent report's values are locked")
except RequestException as e:
    check(e.code == 409 and json.loads(e.description)["status"] == "ERROR", "a sent report's values are locked (409 ERROR)", e.description)

# --- dhis2-client: the newer client, its paging and single values ---
client = DHIS2Client(base, username=user, password=password, default_page_size=2, retries=0)
info = client.get_system_info()
check(info["version"].startswith("2."), "dhis2-client reads system info", info)
units = list(client.get_organisation_units(fields="id,code"))
check(sorted(u["id"] for u in units) == sorted(o["id"] for o in everything), "dhis2-client pages through org units", len(units))
check(client.get_current_user(fields="id,username")["username"] == user, "dhis2-client reads me")
check(client.get_org_unit(ou["id"], fields="id,name,children[id]")["id"] == ou["id"], "dhis2-client reads one org unit")
got = client.get_data_value(elements[count_code], period, ou["id"])
check(got == ["15"], "dhis2-client reads one value (the bad push's good row)", got)
try:
    client.set_data_value(elements[count_code], period, ou["id"], 16, co="HllvX50cXC0")
    check(False, "a single value into a sent report is refused")
except DHIS2HTTPError as e:
    check(e.status_code == 409 if hasattr(e, "status_code") else "409" in str(e), "a single value into a sent report is refused with 409", str(e))
got = client.get_data_value_set({"dataSet": ds["id"], "period": period, "orgUnit": ou["id"]})
check(len(got["dataValues"]) == 3, "dhis2-client reads the data value set", got)

# Anything wrong answers with a body a client can show.
r = requests.get(f"{base}/api/noSuchThing.json", auth=(user, password))
check(r.status_code == 404 and r.content, "an unknown path answers 404 with a body", r.text)
r = requests.get(f"{base}/api/me.json")
check(r.status_code == 401 and r.json()["httpStatusCode"] == 401, "me without signing in is 401, a web message", r.text)

print(f"{len(failures)} failed" if failures else "all passed")
sys.exit(1 if failures else 0)
