@testable import DXDocuments
import DXDomain
import Testing

/// The report's chart carries its numbers: each pillar's ordinal and each part's count.
@Suite struct ChartTests {
    static func pixel(_ image: PNGImage, _ x: Int, _ y: Int) -> [UInt8] {
        let i = (y * image.width + x) * 3
        return Array(image.pixels[i..<(i + 3)])
    }

    @Test func digitsAreDrawnDotByDot() {
        var image = PNGImage(width: 20, height: 10)
        image.draw(digits: "17", x: 0, y: 0, scale: 1, color: (0, 0, 0))
        // "1": 010 / 110 / 010 / 010 / 111; "7" starts 4 dots on: 111 / 001 …
        #expect(Self.pixel(image, 1, 0) == [0, 0, 0] && Self.pixel(image, 0, 0) == [255, 255, 255])
        #expect(Self.pixel(image, 0, 4) == [0, 0, 0] && Self.pixel(image, 2, 4) == [0, 0, 0])
        #expect(Self.pixel(image, 4, 0) == [0, 0, 0] && Self.pixel(image, 4, 1) == [255, 255, 255] && Self.pixel(image, 6, 1) == [0, 0, 0])
        #expect(PNGImage.width(digits: "17", scale: 1) == 7)
    }

    @Test func eachBarSaysItsCountInWhiteOnItsColour() throws {
        let row = { (s: ProgressStatus) in QuarterlyReport.TargetRow(pillar: .digitalGovernment, indicator: "x", requirement: "", baseline: "", latest: "", status: s) }
        let head = QuarterlyReport.Letterhead(governingBody: "", issuingBody: "", issuingCode: "", place: "", signerTitle: "", signerName: "", recipients: [])
        let report = QuarterlyReport(letterhead: head, unitName: "", period: try Period("2026Q3"), date: LocalDate(year: 2026, month: 9, day: 1)!,
                                     rows: [row(.met), row(.met), row(.behind)], overdue: [])
        let chart = report.chart()
        let start = 10 + 34, y = 14 + (28 - 15) / 2
        #expect(Self.pixel(chart, start, 14 + 1).first == QuarterlyReport.color(.met).0, "the met part starts after the label")
        // "2" in white: its top row is three dots from one scale in.
        #expect(Self.pixel(chart, start + 3, y) == [255, 255, 255] && Self.pixel(chart, start + 3 + 6, y) == [255, 255, 255])
        #expect(report.chartCaption.contains("1. Chính quyền số"))
    }
}
