/// A PDF's objects as its newest revision sees them: the cross-reference table at the
/// end (`startxref`), and each older one it names (`/Prev`), newest entries winning.
/// dxtrack reads the classic table LibreOffice writes and the updates it appends
/// itself; a file indexed by cross-reference streams (PDF 1.5) is refused by name.
struct PDFFile {
    let bytes: [UInt8]
    /// Where each object in use starts.
    private(set) var offsets: [Int: Int] = [:]
    /// The newest trailer.
    private(set) var trailer: [String: PDFObject] = [:]
    /// The offset of the newest cross-reference table: an update's `/Prev`.
    let startxref: Int

    init(_ bytes: [UInt8]) throws(PDFError) {
        self.bytes = bytes
        guard bytes.starts(with: Array("%PDF-".utf8)) else { throw PDFError("not a PDF (no %PDF- header)", at: 0) }
        // "startxref N %%EOF" ends the file; search its last kilobyte from the end.
        let marker = Array("startxref".utf8)
        let tail = max(0, bytes.count - 1024)
        guard let found = stride(from: bytes.count - marker.count, through: tail, by: -1).first(where: { bytes[$0..<$0 + marker.count].elementsEqual(marker) }) else {
            throw PDFError("no startxref at the end of the file")
        }
        var p = PDFParser(bytes, at: found + marker.count)
        guard let start = Int(p.token()), start >= 0, start < bytes.count else { throw PDFError("startxref does not point into the file", at: found) }
        startxref = start
        var section: Int? = start, seen: Set<Int> = []
        while let offset = section {
            guard seen.insert(offset).inserted, seen.count <= 1000 else { throw PDFError("the cross-reference tables loop", at: offset) }
            let older = try readSection(at: offset)
            if trailer.isEmpty { trailer = older }
            section = older["Prev"]?.integer
        }
        guard trailer["Root"]?.reference != nil else { throw PDFError("the trailer names no catalog (/Root)") }
    }

    /// One `xref … trailer << >>` section: its entries are added where no newer one was read.
    private mutating func readSection(at offset: Int) throws(PDFError) -> [String: PDFObject] {
        var p = PDFParser(bytes, at: offset)
        let keyword = p.token()
        guard keyword == "xref" else {
            throw PDFError(Int(keyword) != nil ? "cross-reference streams (PDF 1.5) are not supported; save the PDF with a classic xref table"
                                               : "no cross-reference table where startxref points", at: offset)
        }
        while true {
            let mark = p.at
            let word = p.token()
            if word == "trailer" { break }
            guard let first = Int(word), let count = Int(p.token()), first >= 0, count >= 0, count <= bytes.count / 18 else {
                throw PDFError("a broken cross-reference subsection", at: mark)
            }
            for number in first..<first + count {
                let entry = p.at
                guard let position = Int(p.token()), Int(p.token()) != nil else { throw PDFError("a broken cross-reference entry", at: entry) }
                let kind = p.token()
                guard kind == "n" || kind == "f" else { throw PDFError("a broken cross-reference entry", at: entry) }
                if offsets[number] == nil, kind == "n", number > 0 { offsets[number] = position }
                // A free entry in a newer section hides the older ones' object.
                if kind == "f", offsets[number] == nil { offsets[number] = -1 }
            }
        }
        guard case .dictionary(let dictionary) = try p.object() else { throw PDFError("the trailer is not a dictionary", at: p.at) }
        return dictionary
    }

    /// The object `reference` names; a free or missing one is null, as §7.3.10 says.
    func object(_ reference: PDFReference) throws(PDFError) -> PDFObject {
        guard let offset = offsets[reference.number], offset >= 0 else { return .null }
        guard offset < bytes.count else { throw PDFError("object \(reference.number) lies past the end of the file", at: offset) }
        var p = PDFParser(bytes, at: offset)
        guard try p.objectHeader().number == reference.number else { throw PDFError("the table points object \(reference.number) at another object", at: offset) }
        return try p.object()
    }

    /// `object` itself, or what it refers to.
    func resolve(_ object: PDFObject?) throws(PDFError) -> PDFObject {
        guard let object else { return .null }
        if case .reference(let r) = object { return try self.object(r) }
        return object
    }

    func dictionary(_ object: PDFObject?, _ what: String) throws(PDFError) -> [String: PDFObject] {
        guard let d = try resolve(object).dictionary else { throw PDFError("\(what) is not a dictionary") }
        return d
    }

    var root: PDFReference { trailer["Root"]!.reference! }
    var catalog: [String: PDFObject] { get throws(PDFError) { try dictionary(trailer["Root"], "the catalog") } }

    /// The pages in reading order, by walking the page tree.
    func pages() throws(PDFError) -> [PDFReference] {
        var out: [PDFReference] = [], seen: Set<PDFReference> = []
        func walk(_ node: PDFReference, depth: Int) throws(PDFError) {
            guard depth < PDFParser.maxDepth, seen.insert(node).inserted else { throw PDFError("the page tree loops") }
            let d = try dictionary(.reference(node), "a page tree node")
            if d["Type"]?.name == "Page" { out.append(node); return }
            for kid in try resolve(d["Kids"]).array ?? [] {
                guard let r = kid.reference else { throw PDFError("a page is not an indirect object") }
                try walk(r, depth: depth + 1)
            }
        }
        guard let pages = try catalog["Pages"]?.reference else { throw PDFError("the catalog has no page tree") }
        try walk(pages, depth: 0)
        return out
    }
}
