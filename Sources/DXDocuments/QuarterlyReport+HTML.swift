import DXDomain
import Foundation

extension QuarterlyReport {
    /// The page's one style block, and no `style` attribute anywhere: so that the app can
    /// serve the page under its Content-Security-Policy by this block's hash alone.
    public static let htmlStyle = """
        @page { size: A4; margin: 20mm 15mm 20mm 30mm; } body { font-family: "Times New Roman", serif; font-size: 14pt; max-width: 165mm; }
        .heading { display: grid; grid-template-columns: 6.5cm 1fr; text-align: center; } .heading p { margin: 0; white-space: nowrap; }
        .rule { border-bottom: 1px solid; display: inline-block; } h1 { font-size: 14pt; text-align: center; margin: 1em 0 0; }
        .subject { text-align: center; font-weight: bold; } .body p { text-indent: 1.27cm; text-align: justify; margin: 0 0 6pt; }
        .body p.heading-line { break-after: avoid; } table.targets tr { break-inside: avoid; } img.chart { width: 15cm; }
        table.targets { border-collapse: collapse; font-size: 12pt; width: 100%; } table.targets td, table.targets th { border: 1px solid; padding: 2pt 4pt; }
        .end { display: grid; grid-template-columns: 1fr 1fr; } .recipients { font-size: 11pt; } .signer { text-align: center; font-weight: bold; }
        """

    /// The same report as a printable HTML page (A4, the same margins and fonts).
    public func html() -> String {
        let e = XMLText.escape
        let l = letterhead
        var out = """
        <!doctype html><html lang="vi"><head><meta charset="utf-8"><title>\(e(subject))</title><style>\(Self.htmlStyle)</style></head><body>
        <div class="heading"><div><p>\(e(l.governingBody.uppercased()))</p><p><b class="rule">\(e(l.issuingBody.uppercased()))</b></p><p>\(e(number))</p></div>
        <div><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p><p><b class="rule">Độc lập - Tự do - Hạnh phúc</b></p><p><i>\(e(placeAndDate))</i></p></div></div>
        <h1>BÁO CÁO</h1><p class="subject">\(e(subject))</p><div class="body"><p class="heading-line"><b>I. KẾT QUẢ CHUNG</b></p>
        """
        out += summary.map { "<p>\(e($0))</p>" }.joined()
        if !rows.isEmpty {
            out += "<figure><img class=\"chart\" alt=\"\(e(chartCaption))\" src=\"data:image/png;base64,\(Data(chart().png()).base64EncodedString())\"><figcaption><i>\(e(chartCaption))</i></figcaption></figure>"
        }
        out += "<p class=\"heading-line\"><b>II. TIẾN ĐỘ CÁC CHỈ TIÊU</b></p><table class=\"targets\"><thead><tr>" + Self.tableHeader.map { "<th>\($0)</th>" }.joined() + "</tr></thead><tbody>"
        for (i, r) in rows.enumerated() {
            out += "<tr><td>\(i + 1)</td><td>\(e(r.indicator))</td><td>\(e(r.requirement))</td><td>\(e(r.baseline))</td><td>\(e(r.latest))</td><td>\(r.status.nameVi)</td></tr>"
        }
        out += "</tbody></table>"
        for section in closingSections {
            out += "<p class=\"heading-line\"><b>\(e(section.heading))</b></p>" + section.paragraphs.map { "<p>\(e($0))</p>" }.joined()
        }
        out += "</div><div class=\"end\"><div class=\"recipients\"><p><b><i>Nơi nhận:</i></b></p>" + recipientLines.map { "<p>\(e($0))</p>" }.joined()
            + "</div><div class=\"signer\">" + (l.signerAuthority.map { "<p>\(e($0.uppercased()))</p>" } ?? "")
            + "<p>\(e(l.signerTitle.uppercased()))</p><br><br><br><p>\(e(l.signerName))</p></div></div></body></html>\n"
        return out
    }
}
