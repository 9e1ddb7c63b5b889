import ArgumentParser
import DXCatalog
@testable import DXCommands
import DXDomain
import DXStorage
import DXTestSupport
import Foundation
import Logging
import Testing

/// The quarterly report, opened with python-docx (PyPI) and checked for every
/// element of the Nghị định 30/2020 layout.
@Suite(.serialized) struct QuarterlyReportTests {
    @Test func theDocxFollowsDecree30() async throws {
        let dir = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "t")) { db in
            try await Migrator(db).migrate()
            _ = try await DemoData.load(db, through: try DXDomain.Period("2026Q3"))
        }
        let template = dir + "/mau.yaml"
        try """
            governingBody: UBND tỉnh Lạng Sơn
            issuingBody: Sở Khoa học và Công nghệ
            issuingCode: SKHCN
            number: "215"
            place: Lạng Sơn
            signerAuthority: KT. Giám đốc
            signerTitle: Phó Giám đốc
            signerName: Nguyễn Văn A
            recipients: [UBND tỉnh (b/c), Bộ Khoa học và Công nghệ (b/c)]
            proposals: [Đề nghị UBND tỉnh chỉ đạo các đơn vị chậm báo cáo khắc phục]
            """.write(toFile: template, atomically: true, encoding: .utf8)
        for ext in ["docx", "html"] {
            var command = try Dxtrack.parseAsRoot(["report", "quarterly", "--unit", "20", "--period", "2026Q3", "--output", dir + "/bao-cao.\(ext)",
                                                   "--template", template, "--date", "5/10/2026", "--data-dir", dir]) as! any AsyncParsableCommand
            try await command.run()
        }
        let out = try Python.run("""
            import json, sys, docx
            from docx.shared import Mm
            d = docx.Document(sys.argv[1])
            s = d.sections[0]
            texts = [p.text for p in d.paragraphs]
            cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
            def run_of(text):
                for p in d.paragraphs:
                    for r in p.runs:
                        if r.text == text: return {"bold": r.bold, "italic": r.italic, "underline": r.underline, "size": r.font.size.pt if r.font.size else None, "align": str(p.alignment)}
                for t in d.tables:
                    for row in t.rows:
                        for c in row.cells:
                            for p in c.paragraphs:
                                for r in p.runs:
                                    if r.text == text: return {"bold": r.bold, "italic": r.italic, "underline": r.underline, "size": r.font.size.pt if r.font.size else None, "align": str(p.alignment)}
            header = s.header._element.xml
            from docx.oxml.ns import qn
            def rules(cell):
                width = int(cell._tc.tcPr.tcW.w) if cell._tc.tcPr is not None and cell._tc.tcPr.tcW is not None else 0
                out = []
                for p in cell.paragraphs:
                    pPr = p._p.pPr
                    if pPr is not None and pPr.find(qn('w:pBdr')) is not None:
                        ind = pPr.find(qn('w:ind'))
                        side = lambda k: int(ind.get(qn(k))) if ind is not None and ind.get(qn(k)) else 0
                        out.append(round((width - side('w:left') - side('w:right')) / 567, 2))
                return out
            heading = d.tables[0].rows[0].cells
            subject_at = texts.index("Kết quả thực hiện chuyển đổi số quý III năm 2026")
            after_subject = d.paragraphs[subject_at + 1]._p.pPr
            import struct, zlib
            def png_ok(rid):
                blob = d.part.related_parts[rid].blob
                open("/tmp/dxtrack-chart.png", "wb").write(blob)
                assert blob[:8] == bytes([0x89, 0x50, 0x4E, 0x47, 13, 10, 26, 10])
                pos, data, size = 8, b"", None
                while pos < len(blob):
                    n, kind = struct.unpack(">I4s", blob[pos:pos + 8]); body = blob[pos + 8:pos + 8 + n]
                    assert struct.unpack(">I", blob[pos + 8 + n:pos + 12 + n])[0] == zlib.crc32(kind + body)
                    if kind == b"IHDR": size = struct.unpack(">II", body[:8])
                    if kind == b"IDAT": data += body
                    pos += 12 + n
                return len(zlib.decompress(data)) == size[1] * (size[0] * 3 + 1)
            print(json.dumps({
                "page": [round(s.page_width.mm), round(s.page_height.mm)],
                "margins": [round(s.top_margin.mm), round(s.bottom_margin.mm), round(s.left_margin.mm), round(s.right_margin.mm)],
                "font": d.styles.element.xpath("//w:rFonts/@w:ascii")[0],
                "firstPageDifferent": s.different_first_page_header_footer,
                "pageField": "PAGE" in header,
                "texts": texts, "cells": cells,
                "motto": run_of("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "tagline": run_of("Độc lập - Tự do - Hạnh phúc"),
                "rules": [rules(heading[0]), rules(heading[1])],
                "subjectRule": after_subject is not None and after_subject.find(qn('w:pBdr')) is not None,
                "headingParagraphs": [[p.text for p in c.paragraphs] for c in heading],  "type": run_of("BÁO CÁO"), "recipients": run_of("Nơi nhận:"),
                "date": run_of("Lạng Sơn, ngày 05 tháng 10 năm 2026"),
                "rows": [[c.text for c in r.cells] for r in d.tables[1].rows[1:]],
                "images": len(d.inline_shapes),
                "png": png_ok(d.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed) if d.inline_shapes else False,
            }, ensure_ascii=False))
            """, [dir + "/bao-cao.docx"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(doc["page"] as? [Int] == [210, 297], "A4 portrait")
        #expect(doc["margins"] as? [Int] == [20, 20, 30, 15])
        #expect(doc["font"] as? String == "Times New Roman")
        #expect(doc["firstPageDifferent"] as? Bool == true && doc["pageField"] as? Bool == true, "page numbers from page 2")
        let cells = doc["cells"] as? [String] ?? [], texts = doc["texts"] as? [String] ?? []
        #expect(cells.contains { $0.contains("UBND TỈNH LẠNG SƠN") && $0.contains("SỞ KHOA HỌC VÀ CÔNG NGHỆ") && $0.contains("Số: 215/BC-SKHCN") })
        #expect(cells.contains { $0.contains("Độc lập - Tự do - Hạnh phúc") })
        // Nghị định 30's heading: the national title bold at 12–13 pt, one paragraph without a break;
        // a short rule under the issuing body (a third to a half of its line), the motto underlined
        // (a rule exactly as long), a short rule under the subject.
        let motto = doc["motto"] as? [String: Any], tagline = doc["tagline"] as? [String: Any]
        #expect(motto?["bold"] as? Bool == true && [12.0, 13.0].contains(motto?["size"] as? Double ?? 0))
        let headingParagraphs = doc["headingParagraphs"] as? [[String]] ?? []
        #expect(headingParagraphs.last?.first == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "\(headingParagraphs)")
        #expect(tagline?["bold"] as? Bool == true && tagline?["underline"] as? Bool == true, "the motto is bold and underlined")
        let rules = doc["rules"] as? [[Double]] ?? []
        #expect(rules.first?.count == 1 && (1.8...3.0).contains(rules.first?.first ?? 0), "the issuing body's rule: \(rules)")
        #expect(rules.last?.isEmpty == true, "the motto's rule is its underline, not the cell's width")
        #expect(doc["subjectRule"] as? Bool == true)
        #expect((doc["date"] as? [String: Any])?["italic"] as? Bool == true, "the place and date line is italic, with leading zeros")
        #expect((doc["type"] as? [String: Any])?["bold"] as? Bool == true && ((doc["type"] as? [String: Any])?["align"] as? String)?.contains("CENTER") == true)
        #expect(texts.contains("Kết quả thực hiện chuyển đổi số quý III năm 2026"))
        #expect(texts.contains("III. ĐƠN VỊ CHƯA ĐẠT MỤC TIÊU") && texts.contains("IV. ĐƠN VỊ CHẬM BÁO CÁO"))
        // The units behind are the dashboard's list, grouped by target, each with its figure and unit of measure.
        let below = try await Database.withDatabase(at: .sqlite(directory: dir), logger: Logger(label: "t")) { db in
            try await Analytics(db).unitsBelowTarget(within: "20", asOf: try DXDomain.Period("2026Q3"))
        }
        let section = Array(texts.drop { $0 != "III. ĐƠN VỊ CHƯA ĐẠT MỤC TIÊU" }.dropFirst().prefix { !$0.hasPrefix("IV.") })
        #expect(!below.isEmpty && section.count == Set(below.map(\.target.code)).count, "one paragraph per target: \(section)")
        for b in below {
            #expect(section.contains { $0.contains("\(b.unit.name) ") && $0.contains(b.target.planCode == "LS-135-2020" ? "135/KH-UBND" : "") }, "\(b.unit.name)")
        }
        #expect(section.allSatisfy { $0.hasPrefix("- ") && $0.contains("%") && $0.hasSuffix(").") })
        // Past plans' verdicts are results, in their own section, not in the table of targets in force.
        #expect(texts.contains("V. KẾT QUẢ CÁC KẾ HOẠCH, MỐC ĐÃ KẾT THÚC") && texts.contains { $0.hasPrefix("- Kết quả năm 2022: đạt ") })
        #expect(texts.contains { $0.hasSuffix("khắc phục./.") } && !texts.contains { $0.contains("../.") }, "the body ends with ./., once")
        #expect((doc["recipients"] as? [String: Any])?["bold"] as? Bool == true && (doc["recipients"] as? [String: Any])?["italic"] as? Bool == true)
        #expect(cells.contains { $0.contains("- Lưu: VT, SKHCN.") && $0.contains("- UBND tỉnh (b/c);") })
        #expect(cells.allSatisfy { $0.components(separatedBy: "Lưu:").count <= 2 }, "the archive line once")
        #expect(cells.contains { $0.contains("KT. GIÁM ĐỐC") && $0.contains("PHÓ GIÁM ĐỐC") && $0.contains("Nguyễn Văn A") })
        // A row per target in force, none twice, each naming its plan and its unit of measure.
        let rows = doc["rows"] as? [[String]] ?? []
        #expect(rows.count >= 2, "\(rows)")
        #expect(Set(rows.map { $0[1] }).count == rows.count, "no target twice")
        #expect(rows.allSatisfy { $0[1].hasSuffix(")") && ($0[2].contains("%") || $0[2].contains("hạng") || $0[2].contains("top")) }, "\(rows)")
        #expect(doc["images"] as? Int == 1 && doc["png"] as? Bool == true, "the chart, a valid PNG")
        #expect(texts.contains { $0.hasPrefix("Hình 1. Số chỉ tiêu theo trụ cột") })
        #expect(cells.contains("Chậm tiến độ") || cells.contains("Đạt"))
        // Proposals are drafted from the data, written into a template to edit, and the edit is what the report says.
        var draft = try Dxtrack.parseAsRoot(["report", "quarterly", "--unit", "20", "--period", "2026Q3", "--output", dir + "/nhap.html",
                                             "--draft-template", dir + "/nhap.yaml", "--date", "5/10/2026", "--data-dir", dir]) as! any AsyncParsableCommand
        try await draft.run()
        let drafted = try ReportCommand.Quarterly.letterhead(dir + "/nhap.yaml")
        #expect(drafted.proposals?.contains { $0.hasPrefix("Đề nghị UBND tỉnh chỉ đạo") } == true, "\(drafted.proposals ?? [])")
        try (try String(contentsOfFile: dir + "/nhap.yaml", encoding: .utf8)).replacingOccurrences(of: "Đề nghị UBND tỉnh chỉ đạo", with: "Kính đề nghị UBND tỉnh chỉ đạo")
            .write(toFile: dir + "/nhap.yaml", atomically: true, encoding: .utf8)
        var edited = try Dxtrack.parseAsRoot(["report", "quarterly", "--unit", "20", "--period", "2026Q3", "--output", dir + "/sua.html",
                                              "--template", dir + "/nhap.yaml", "--data-dir", dir]) as! any AsyncParsableCommand
        try await edited.run()
        #expect(try String(contentsOfFile: dir + "/sua.html", encoding: .utf8).contains("Kính đề nghị UBND tỉnh chỉ đạo"))
        // A template without a required field is named, in both languages.
        try "governingBody: UBND tỉnh\n".write(toFile: dir + "/thieu.yaml", atomically: true, encoding: .utf8)
        #expect { try ReportCommand.Quarterly.letterhead(dir + "/thieu.yaml") } throws: { "\($0)".contains("thiếu trường \"issuingBody\"") && "\($0)".contains("is missing") }
        let html = try String(contentsOfFile: dir + "/bao-cao.html", encoding: .utf8)
        #expect(html.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && html.contains("@page { size: A4"))
        // PDF through LibreOffice where installed; otherwise a clear message, and no file.
        var pdf = try Dxtrack.parseAsRoot(["report", "quarterly", "--unit", "20", "--period", "2026Q3", "--output", dir + "/bao-cao.pdf",
                                           "--data-dir", dir]) as! any AsyncParsableCommand
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/libreoffice") {
            try await pdf.run()
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/bao-cao.pdf")).starts(with: Array("%PDF".utf8)))
            // Rendered as printed: each heading line whole on its line, and the pages kept as
            // PNG images for a reader's eye (.build/artifacts/quarterly-report/).
            let layout = try Python.run("""
                import subprocess, sys
                print(subprocess.run(["pdftotext", "-layout", sys.argv[1], "-"], capture_output=True, text=True, check=True).stdout)
                """, [dir + "/bao-cao.pdf"])
            for line in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"] {
                #expect(layout.split(separator: "\n").contains { $0.contains(line) }, "\(line) is broken across lines:\n\(layout.prefix(600))")
            }
            let artifacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(".build/artifacts/quarterly-report").path
            try FileManager.default.createDirectory(atPath: artifacts, withIntermediateDirectories: true)
            _ = try Python.run("""
                import subprocess, sys
                subprocess.run(["pdftoppm", "-png", "-r", "80", sys.argv[1], sys.argv[2] + "/page"], check=True)
                """, [dir + "/bao-cao.pdf", artifacts])
            let pages = try FileManager.default.contentsOfDirectory(atPath: artifacts).filter { $0.hasPrefix("page") && $0.hasSuffix(".png") }
            #expect(!pages.isEmpty, "the PDF's pages as PNG")
        } else if ProcessInfo.processInfo.environment["DXTRACK_REQUIRE_OFFICE"] == "1" {
            Issue.record("LibreOffice is required (DXTRACK_REQUIRE_OFFICE=1) but not installed")
        } else {
            await #expect { try await pdf.run() } throws: { "\($0)".contains("LibreOffice") }
            #expect(!FileManager.default.fileExists(atPath: dir + "/bao-cao.pdf"))
        }
    }
}
