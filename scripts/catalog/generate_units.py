#!/usr/bin/env python3
"""Writes the org-unit files of the starter catalog for Lạng Sơn (20) and Sơn La (14).

Official lists come from the PyPI package `vietnam-provinces`: its release
2025.10.1 has today's provinces and communes/wards (since 01/07/2025); its
release 0.6.0 has the districts and communes before the 2025 reorganisation.
This runs once, by hand, when the lists change; dxtrack never needs it:

    python3 -m venv /tmp/vp && /tmp/vp/bin/pip install vietnam-provinces==2025.10.1
    /tmp/vp/bin/pip download --no-deps -d /tmp/vp-old vietnam-provinces==0.6.0
    /tmp/vp/bin/python scripts/catalog/generate_units.py /tmp/vp-old/vietnam_provinces-0.6.0-py3-none-any.whl

Predecessor links: most new communes kept the code of the old commune (or
town) that anchors them; that old commune lay in one district, so the new
unit is linked to that district as one of its successors (a split of the
district). A new commune whose code matches no old commune is linked to no
district and says so in a comment.
"""
import json
import sys
import zipfile
from pathlib import Path

import vietnam_provinces as vp

OUT = Path(__file__).resolve().parents[2] / "Sources/DXCatalog/StarterCatalog/units"
DISTRICTS_END = "2025-06-30"
COMMUNES_START = "2025-07-01"
DEPARTMENTS_END = "2025-02-28"
DEPARTMENTS_START = "2025-03-01"

KIND = {"xã": "commune", "phường": "ward", "thị trấn": "town", "đặc khu": "specialZone"}

# Departments (sở, ban, ngành). No official codes exist; dxtrack uses
# PROVINCE-ABBREVIATION. The 2025 restructuring (Nghị định 45/2025/NĐ-CP)
# merged several on 01/03/2025: (code, name, validTo or None, successor).
DEPARTMENTS_BEFORE = [
    ("STTTT", "Sở Thông tin và Truyền thông", "SKHCN"),
    ("SKHDT", "Sở Kế hoạch và Đầu tư", "STC"),
    ("SGTVT", "Sở Giao thông vận tải", "SXD"),
    ("STNMT", "Sở Tài nguyên và Môi trường", "SNNMT"),
    ("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", "SNNMT"),
    ("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "SNV"),
    ("BDT", "Ban Dân tộc", "SDTTG"),
]
DEPARTMENTS_KEPT = [
    ("VPUBND", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("SNV", "Sở Nội vụ"),
    ("STC", "Sở Tài chính"),
    ("SKHCN", "Sở Khoa học và Công nghệ"),
    ("SCT", "Sở Công Thương"),
    ("SXD", "Sở Xây dựng"),
    ("SGDDT", "Sở Giáo dục và Đào tạo"),
    ("SYT", "Sở Y tế"),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("STP", "Sở Tư pháp"),
    ("TTR", "Thanh tra tỉnh"),
    ("BQLKKT", "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"),
]
DEPARTMENTS_NEW = [
    ("SNNMT", "Sở Nông nghiệp và Môi trường"),
    ("SDTTG", "Sở Dân tộc và Tôn giáo"),
]

# Sample reporting units beyond government: (suffix, name, kind, parent suffix or commune code).
SAMPLES = {
    20: [
        ("THPT-VIETBAC", "Trường THPT Việt Bắc", "school", "SGDDT"),
        ("THPT-CHUYEN", "Trường THPT Chuyên Chu Văn An", "school", "SGDDT"),
        ("THCS-DONGKINH", "Trường THCS Đông Kinh", "school", "SGDDT"),
        ("BVDK", "Bệnh viện Đa khoa tỉnh Lạng Sơn", "healthFacility", "SYT"),
        ("TTYT-CAOLOC", "Trung tâm Y tế huyện Cao Lộc", "healthFacility", "SYT"),
        ("DN-VNPT", "VNPT Lạng Sơn", "enterprise", "SKHCN"),
        ("DN-VIETTEL", "Viettel Lạng Sơn", "enterprise", "SKHCN"),
        ("DN-BUUDIEN", "Bưu điện tỉnh Lạng Sơn", "enterprise", "SKHCN"),
        ("DN-XNK-TANTHANH", "Công ty TNHH Xuất nhập khẩu Tân Thanh (mẫu)", "enterprise", "BQLKKT"),
    ],
    14: [
        ("THPT-CHUYEN", "Trường THPT Chuyên Sơn La", "school", "SGDDT"),
        ("THPT-TOHIEU", "Trường THPT Tô Hiệu", "school", "SGDDT"),
        ("BVDK", "Bệnh viện Đa khoa tỉnh Sơn La", "healthFacility", "SYT"),
        ("TTYT-MOCCHAU", "Trung tâm Y tế huyện Mộc Châu", "healthFacility", "SYT"),
        ("DN-VNPT", "VNPT Sơn La", "enterprise", "SKHCN"),
        ("DN-VIETTEL", "Viettel Sơn La", "enterprise", "SKHCN"),
    ],
}


def q(s):
    return json.dumps(s, ensure_ascii=False)


def old_province(whl, code):
    with zipfile.ZipFile(whl) as z:
        data = json.loads(z.read("vietnam_provinces/data/nested-divisions.json"))
    return next(p for p in data if p["code"] == code)


def new_province(code):
    data = json.loads(Path(vp.NESTED_DIVISIONS_JSON_PATH).read_text())
    return next(p for p in data if p["code"] == code)


def write(code, slug, whl):
    old, new = old_province(whl, code), new_province(code)
    pc = f"{code:02d}"
    old_commune_district = {w["code"]: d["code"] for d in old["districts"] for w in d["wards"]}
    lines = [
        f"# Đơn vị của tỉnh {new['name']}: tỉnh, sở ban ngành, huyện (đến {DISTRICTS_END}),",
        f"# xã/phường (từ {COMMUNES_START}) và đơn vị báo cáo mẫu. Sinh bởi scripts/catalog/generate_units.py",
        f"# từ gói vietnam-provinces {vp.__version__} (dữ liệu {vp.__data_version__}) và 0.6.0 (trước 2025).",
        "units:",
        f"  - {{code: {q(pc)}, name: {q('Tỉnh ' + new['name'])}, kind: province}}",
    ]
    for c, name, _ in DEPARTMENTS_BEFORE:
        lines.append(f"  - {{code: {q(pc + '-' + c)}, name: {q(name)}, kind: department, parentCode: {q(pc)}, validTo: {DEPARTMENTS_END}}}")
    for c, name in DEPARTMENTS_KEPT:
        lines.append(f"  - {{code: {q(pc + '-' + c)}, name: {q(name)}, kind: department, parentCode: {q(pc)}}}")
    for c, name in DEPARTMENTS_NEW:
        lines.append(f"  - {{code: {q(pc + '-' + c)}, name: {q(name)}, kind: department, parentCode: {q(pc)}, validFrom: {DEPARTMENTS_START}}}")
    for d in old["districts"]:
        lines.append(f"  - {{code: {q(str(d['code']))}, name: {q(d['name'])}, kind: district, parentCode: {q(pc)}, validTo: {DISTRICTS_END}}}")
    for w in sorted(new["wards"], key=lambda w: w["code"]):
        lines.append(f"  - {{code: {q(str(w['code']).zfill(5))}, name: {q(w['name'])}, kind: {KIND[w['division_type']]}, parentCode: {q(pc)}, validFrom: {COMMUNES_START}}}")
    for suffix, name, kind, parent in SAMPLES[code]:
        lines.append(f"  - {{code: {q(pc + '-' + suffix)}, name: {q(name)}, kind: {kind}, parentCode: {q(pc + '-' + parent)}}}")
    lines.append("changes:")
    for c, _, successor in DEPARTMENTS_BEFORE:
        lines.append(f"  - {{predecessorCode: {q(pc + '-' + c)}, successorCode: {q(pc + '-' + successor)}, kind: merge, effective: {DEPARTMENTS_START}}}")
    for w in sorted(new["wards"], key=lambda w: w["code"]):
        district = old_commune_district.get(w["code"])
        wc = f"{w['code']:05d}"
        if district is None:
            lines.append(f"  # {wc} {w['name']}: mã không trùng xã cũ nào, chưa liên kết với huyện cũ")
            continue
        lines.append(f"  - {{predecessorCode: {q(str(district))}, successorCode: {q(wc)}, kind: split, effective: {COMMUNES_START}}}")
    (OUT / f"{slug}.yaml").write_text("\n".join(lines) + "\n")
    print(f"{slug}: {len(new['wards'])} communes/wards, {len(old['districts'])} districts")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    write(20, "lang-son", sys.argv[1])
    write(14, "son-la", sys.argv[1])
