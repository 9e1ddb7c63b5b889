import DXDomain

extension QuarterlyReport {
    /// The report as a Word document (A4, Times New Roman, the margins of Nghị định 30).
    public func docx() throws -> [UInt8] {
        typealias P = Docx.Paragraph
        typealias R = Docx.Run
        var d = Docx()
        d.margins = (top: 20, bottom: 20, left: 30, right: 15)
        let l = letterhead
        // The heading: issuing side on the left, the national title and motto on the right, each
        // on one line (at 12 pt both fit their columns of 6,9 and 9,6 cm). Under the issuing body a short
        // rule, a third of its line; under the motto a rule as long as the motto (its underline).
        let (leftWidth, rightWidth) = (6.9, 9.6)
        let left: [P] = [P([R(l.governingBody.uppercased(), size: 12)], alignment: .center, spaceAfter: 0),
                         P([R(l.issuingBody.uppercased(), bold: true, size: 12)], alignment: .center, spaceAfter: 0),
                         .rule(width: 2.2, column: leftWidth),
                         P([R(number, size: 13)], alignment: .center, spaceBefore: 6, spaceAfter: 0)]
        let right: [P] = [P([R("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, size: 12)], alignment: .center, spaceAfter: 0),
                          P([R("Độc lập - Tự do - Hạnh phúc", bold: true, size: 13, underline: true)], alignment: .center, spaceAfter: 0),
                          P([R(placeAndDate, italic: true, size: 14)], alignment: .center, spaceBefore: 12, spaceAfter: 0)]
        d.add(.table(rows: [[left, right]], widths: [leftWidth, rightWidth], borders: false, headerRows: 0))
        d.add(.paragraph(P([R("BÁO CÁO", bold: true, size: 14)], alignment: .center, spaceBefore: 24, spaceAfter: 0)))
        d.add(.paragraph(P([R(subject, bold: true, size: 14)], alignment: .center, spaceAfter: 0)))
        d.add(.paragraph(.rule(width: 4, column: leftWidth + rightWidth, spaceAfter: 12)))
        let body = { (text: String) in Docx.Block.paragraph(P([R(text)], alignment: .both, firstLineIndent: 1.27, spaceAfter: 6)) }
        // A heading stays on the page of the text it introduces.
        let heading = { (text: String) in Docx.Block.paragraph(P([R(text, bold: true)], alignment: .both, firstLineIndent: 1.27, spaceAfter: 6, keepNext: true)) }
        d.add(heading("I. KẾT QUẢ CHUNG"))
        for line in summary { d.add(body(line)) }
        if !rows.isEmpty {
            let chart = chart()
            d.add(.image(png: chart.png(), widthCm: 15, heightCm: 15 * Double(chart.height) / Double(chart.width), description: chartCaption))
            d.add(.paragraph(P([R(chartCaption, italic: true, size: 12)], alignment: .center, spaceAfter: 6)))
        }
        d.add(heading("II. TIẾN ĐỘ CÁC CHỈ TIÊU"))
        let cell = { (text: String, bold: Bool, align: Docx.Alignment) in [P([R(text, bold: bold, size: 12)], alignment: align, spaceAfter: 0)] }
        var table = [Self.tableHeader.map { cell($0, true, .center) }]
        for (i, r) in rows.enumerated() {
            table.append([cell("\(i + 1)", false, .center), cell(r.indicator, false, .left), cell(r.requirement, false, .left),
                          cell(r.baseline, false, .center), cell(r.latest, false, .center), cell(r.status.nameVi, false, .center)])
        }
        d.add(.table(rows: table, widths: [1.0, 5.2, 3.6, 2.0, 2.0, 2.2], borders: true, headerRows: 1))
        for section in closingSections {
            d.add(heading(section.heading))
            for p in section.paragraphs { d.add(body(p)) }
        }
        // Recipients bottom left, the signer bottom right.
        var recipients: [P] = [P([R("Nơi nhận:", bold: true, italic: true, size: 12)], alignment: .left, spaceAfter: 0)]
        recipients += recipientLines.map { P([R($0, size: 11)], alignment: .left, spaceAfter: 0) }
        var signer: [P] = []
        if let a = l.signerAuthority { signer.append(P([R(a.uppercased(), bold: true)], alignment: .center, spaceAfter: 0)) }
        signer.append(P([R(l.signerTitle.uppercased(), bold: true)], alignment: .center, spaceAfter: 60))
        signer.append(P([R(l.signerName, bold: true)], alignment: .center, spaceAfter: 0))
        d.add(.table(rows: [[recipients, signer]], widths: [8.0, 8.0], borders: false, headerRows: 0))
        return try d.data()
    }
}
