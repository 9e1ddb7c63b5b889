import DXDomain
import Foundation
import ZIPFoundation

/// A small WordprocessingML writer: paragraphs, tables, one section with a page
/// number in the header from page 2 on. Enough for administrative documents in the
/// Nghị định 30/2020 layout; the ZIP packaging is ZIPFoundation's.
public struct Docx: Sendable {
    public struct Run: Sendable {
        public var text: String
        public var bold = false
        public var italic = false
        /// Half-points are Word's unit; this is points.
        public var size: Double?
        /// A single line under the text, exactly as long as it (the national motto's rule).
        public var underline = false

        public init(_ text: String, bold: Bool = false, italic: Bool = false, size: Double? = nil, underline: Bool = false) {
            self.text = text
            self.bold = bold
            self.italic = italic
            self.size = size
            self.underline = underline
        }
    }

    public enum Alignment: String, Sendable { case left, center, right, both }

    public struct Paragraph: Sendable {
        public var runs: [Run]
        public var alignment: Alignment = .both
        /// First-line indent in centimetres.
        public var firstLineIndent: Double = 0
        public var spaceAfter: Double = 6
        /// Points before the paragraph.
        public var spaceBefore: Double = 0
        /// A rule under the paragraph, as wide as the paragraph between its indents.
        public var ruleBelow = false
        /// Left and right indents in centimetres.
        public var indent: Double = 0
        /// Kept on the page of the paragraph after it (a heading with its text).
        public var keepNext = false

        public init(_ runs: [Run], alignment: Alignment = .both, firstLineIndent: Double = 0, spaceBefore: Double = 0, spaceAfter: Double = 6,
                    ruleBelow: Bool = false, keepNext: Bool = false) {
            self.runs = runs
            self.spaceBefore = spaceBefore
            self.alignment = alignment
            self.firstLineIndent = firstLineIndent
            self.spaceAfter = spaceAfter
            self.ruleBelow = ruleBelow
            self.keepNext = keepNext
        }

        /// A short rule, `width` centimetres long and centred in a column `column` wide: the
        /// line Nghị định 30 draws under the issuing body and under the subject (a third to a
        /// half of the text above).
        public static func rule(width: Double, column: Double, spaceAfter: Double = 0) -> Paragraph {
            var p = Paragraph([], alignment: .center, spaceAfter: spaceAfter, ruleBelow: true)
            p.indent = max(0, (column - width) / 2)
            return p
        }
    }

    public enum Block: Sendable {
        case paragraph(Paragraph)
        /// Rows of cells, each cell one or more paragraphs; widths in centimetres.
        case table(rows: [[[Paragraph]]], widths: [Double], borders: Bool, headerRows: Int)
        case image(png: [UInt8], widthCm: Double, heightCm: Double, description: String)
    }

    /// Page geometry in millimetres (A4 portrait by default).
    public var margins = (top: 20.0, bottom: 20.0, left: 30.0, right: 15.0)
    public var font = "Times New Roman"
    public var bodySize = 14.0
    public var blocks: [Block] = []

    public init() {}

    public mutating func add(_ block: Block) { blocks.append(block) }

    static func twips(mm: Double) -> Int { Int((mm / 25.4 * 1440).rounded()) }
    static func twips(cm: Double) -> Int { twips(mm: cm * 10) }

    public func data() throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ bytes: Data) throws {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: Date(timeIntervalSince1970: 1_700_000_000),
                                 compressionMethod: .deflate) { position, size in bytes.subdata(in: Int(position)..<Int(position) + size) }
        }
        let xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        let images = blocks.compactMap { if case .image(let png, _, _, _) = $0 { png } else { nil } }
        try add("[Content_Types].xml", Data((xml + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>"#).utf8))
        try add("_rels/.rels", Data((xml + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#).utf8))
        var rels = #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>"#
        for i in images.indices {
            rels += #"<Relationship Id="rIdImage\#(i + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image\#(i + 1).png"/>"#
            try add("word/media/image\(i + 1).png", Data(images[i]))
        }
        try add("word/_rels/document.xml.rels", Data((xml + rels + "</Relationships>").utf8))
        let size = Int(bodySize * 2)
        try add("word/styles.xml", Data((xml + #"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="\#(font)" w:hAnsi="\#(font)" w:eastAsia="\#(font)" w:cs="\#(font)"/><w:sz w:val="\#(size)"/><w:szCs w:val="\#(size)"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#).utf8))
        // The page number, centred in the top margin; page 1 has its own (empty) header.
        try add("word/header1.xml", Data((xml + #"<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:fldSimple w:instr=" PAGE "><w:r><w:t>2</w:t></w:r></w:fldSimple></w:p></w:hdr>"#).utf8))
        var body = ""
        var image = 0
        for block in blocks {
            switch block {
            case .paragraph(let p): body += paragraph(p)
            case .table(let rows, let widths, let borders, let headerRows): body += table(rows, widths: widths, borders: borders, headerRows: headerRows)
            case .image(_, let w, let h, let description):
                image += 1
                body += Self.drawing(id: image, widthCm: w, heightCm: h, description: description)
            }
        }
        let m = margins
        body += #"<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="\#(Self.twips(mm: m.top))" w:right="\#(Self.twips(mm: m.right))" w:bottom="\#(Self.twips(mm: m.bottom))" w:left="\#(Self.twips(mm: m.left))" w:header="567" w:footer="567" w:gutter="0"/><w:titlePg/></w:sectPr>"#
        let document = xml + #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>"# + body + "</w:body></w:document>"
        try add("word/document.xml", Data(document.utf8))
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return Array(data)
    }

    func paragraph(_ p: Paragraph) -> String {
        var ppr = #"<w:pPr>"# + (p.keepNext ? "<w:keepNext/>" : "")
            + #"<w:spacing w:before="\#(Int(p.spaceBefore * 20))" w:after="\#(Int(p.spaceAfter * 20))"/>"#
        if p.firstLineIndent > 0 || p.indent > 0 {
            ppr += #"<w:ind w:left="\#(Self.twips(cm: p.indent))" w:right="\#(Self.twips(cm: p.indent))" w:firstLine="\#(Self.twips(cm: p.firstLineIndent))"/>"#
        }
        ppr += #"<w:jc w:val="\#(p.alignment.rawValue)"/>"#
        if p.ruleBelow { ppr += #"<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>"# }
        ppr += "</w:pPr>"
        return "<w:p>" + ppr + p.runs.map(run).joined() + "</w:p>"
    }

    func run(_ r: Run) -> String {
        var rpr = ""
        if r.bold { rpr += "<w:b/><w:bCs/>" }
        if r.italic { rpr += "<w:i/><w:iCs/>" }
        if r.underline { rpr += #"<w:u w:val="single"/>"# }
        if let s = r.size { rpr += #"<w:sz w:val="\#(Int(s * 2))"/><w:szCs w:val="\#(Int(s * 2))"/>"# }
        return "<w:r>" + (rpr.isEmpty ? "" : "<w:rPr>\(rpr)</w:rPr>") + #"<w:t xml:space="preserve">\#(XMLText.escape(r.text))</w:t></w:r>"#
    }

    func table(_ rows: [[[Paragraph]]], widths: [Double], borders: Bool, headerRows: Int) -> String {
        let border = borders ? "single" : "nil"
        var out = #"<w:tbl><w:tblPr><w:tblW w:w="\#(widths.map { Self.twips(cm: $0) }.reduce(0, +))" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblBorders>"#
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] { out += #"<w:\#(side) w:val="\#(border)" w:sz="4" w:space="0" w:color="000000"/>"# }
        out += "</w:tblBorders></w:tblPr><w:tblGrid>" + widths.map { #"<w:gridCol w:w="\#(Self.twips(cm: $0))"/>"# }.joined() + "</w:tblGrid>"
        for (r, row) in rows.enumerated() {
            // A row is never split across two pages; header rows repeat on each.
            out += "<w:tr><w:trPr><w:cantSplit/>" + (r < headerRows ? "<w:tblHeader/>" : "") + "</w:trPr>"
            for (c, cell) in row.enumerated() {
                let width = widths.indices.contains(c) ? widths[c] : widths.last ?? 3
                out += #"<w:tc><w:tcPr><w:tcW w:w="\#(Self.twips(cm: width))" w:type="dxa"/></w:tcPr>"# + (cell.isEmpty ? "<w:p/>" : cell.map(paragraph).joined()) + "</w:tc>"
            }
            out += "</w:tr>"
        }
        return out + "</w:tbl>"
    }

    static func drawing(id: Int, widthCm: Double, heightCm: Double, description: String) -> String {
        let cx = Int(widthCm * 360_000), cy = Int(heightCm * 360_000)
        return #"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing><wp:inline><wp:extent cx="\#(cx)" cy="\#(cy)"/><wp:docPr id="\#(id)" name="Hình \#(id)" descr="\#(XMLText.escape(description))"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="\#(id)" name="image\#(id).png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdImage\#(id)"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="\#(cx)" cy="\#(cy)"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#
    }
}
