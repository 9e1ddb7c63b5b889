import DXDomain
import Foundation

/// The report the standing agency sends the People's Committee each quarter, laid
/// out as Nghị định 30/2020 prescribes: the two-column heading, number, place and
/// date, "BÁO CÁO" and its subject, the body ending "./.", recipients and signer.
/// The fixed parts (who issues, number, signer, recipients) come from a template the
/// agency edits; the rest from the data.
public struct QuarterlyReport: Sendable {
    /// The parts an agency edits once (a YAML file for `dxtrack report quarterly --template`).
    public struct Letterhead: Codable, Sendable {
        public var governingBody: String
        public var issuingBody: String
        /// "STTTT" in "Số: …/BC-STTTT".
        public var issuingCode: String
        public var number: String?
        public var place: String
        public var signerAuthority: String?
        public var signerTitle: String
        public var signerName: String
        public var recipients: [String]
        public var proposals: [String]?

        public init(governingBody: String, issuingBody: String, issuingCode: String, number: String? = nil, place: String,
                    signerAuthority: String? = nil, signerTitle: String, signerName: String, recipients: [String], proposals: [String]? = nil) {
            self.governingBody = governingBody
            self.issuingBody = issuingBody
            self.issuingCode = issuingCode
            self.number = number
            self.place = place
            self.signerAuthority = signerAuthority
            self.signerTitle = signerTitle
            self.signerName = signerName
            self.recipients = recipients
            self.proposals = proposals
        }
    }

    public struct TargetRow: Sendable {
        public var pillar: Pillar
        public var indicator: String
        public var requirement: String
        public var baseline: String
        public var latest: String
        public var status: ProgressStatus

        public init(pillar: Pillar, indicator: String, requirement: String, baseline: String, latest: String, status: ProgressStatus) {
            self.pillar = pillar
            self.indicator = indicator
            self.requirement = requirement
            self.baseline = baseline
            self.latest = latest
            self.status = status
        }
    }

    public struct Overdue: Sendable {
        public var unit: String
        public var form: String
        public var deadline: LocalDate
        public var state: String

        public init(unit: String, form: String, deadline: LocalDate, state: String) {
            self.unit = unit
            self.form = form
            self.deadline = deadline
            self.state = state
        }
    }

    /// The units whose latest approved figure misses what one target in force sets for their level.
    public struct Behind: Sendable {
        /// The target: its indicator, condition and plan ("Tỷ lệ hồ sơ … ≥ 80% (cấp huyện) đến năm 2025, 135/KH-UBND").
        public var target: String
        /// "Thành phố Lạng Sơn: 50,0% (Quý 1/2025)", one per unit, furthest below first.
        public var units: [String]

        public init(target: String, units: [String]) {
            self.target = target
            self.units = units
        }
    }

    public var letterhead: Letterhead
    public var behind: [Behind] = []
    /// The final results of plans and horizons that are over ("Kết quả năm 2022: đạt 18/32 · …").
    public var past: [String] = []
    /// What the data suggests proposing, used when the template proposes nothing.
    public var draftedProposals: [String] = []
    public var unitName: String
    public var period: Period
    public var date: LocalDate
    public var rows: [TargetRow]
    public var overdue: [Overdue]

    public init(letterhead: Letterhead, unitName: String, period: Period, date: LocalDate, rows: [TargetRow], overdue: [Overdue]) {
        self.letterhead = letterhead
        self.unitName = unitName
        self.period = period
        self.date = date
        self.rows = rows
        self.overdue = overdue
    }

    // MARK: Wording

    /// "Lạng Sơn, ngày 05 tháng 10 năm 2026": a leading zero for days below 10 and for January and February.
    public var placeAndDate: String {
        let day = date.day < 10 ? "0\(date.day)" : "\(date.day)"
        let month = date.month < 3 ? "0\(date.month)" : "\(date.month)"
        return "\(letterhead.place), ngày \(day) tháng \(month) năm \(date.year)"
    }

    public var number: String { "Số: \(letterhead.number ?? "      ")/BC-\(letterhead.issuingCode)" }

    /// "Kết quả thực hiện chuyển đổi số quý III năm 2026".
    public var subject: String {
        let roman = ["I", "II", "III", "IV"]
        let name: String = switch period.type {
        case .quarterly: "quý \(roman[(period.start.month - 1) / 3]) năm \(period.start.year)"
        case .sixMonthly: "6 tháng \(period.start.month == 1 ? "đầu" : "cuối") năm \(period.start.year)"
        case .yearly: "năm \(period.start.year)"
        default: period.nameVi
        }
        return "Kết quả thực hiện chuyển đổi số \(name)"
    }

    /// What a reader's signature panel says the signature is for: "Ký báo cáo Kết quả thực hiện …".
    public var signingReason: String { "Ký báo cáo: \(subject)" }

    var counts: String {
        let by = StatusCounts(rows.map(\.status))
        return ProgressStatus.allCases.map { "\($0.nameVi) \(by[$0])" }.joined(separator: "; ")
    }

    /// The body's sections as paragraphs of text, shared by the DOCX and HTML forms.
    var summary: [String] {
        // "Tỉnh Lạng Sơn" begins a name; inside the sentence it reads "tỉnh Lạng Sơn".
        let unit = unitName.hasPrefix("Tỉnh ") ? "tỉnh " + unitName.dropFirst(5) : unitName
        var out = ["Trong \(subject.replacingOccurrences(of: "Kết quả thực hiện chuyển đổi số ", with: "")), \(unit) theo dõi \(rows.count) chỉ tiêu chuyển đổi số đang có hiệu lực: \(counts)."]
        let pillars = Dictionary(grouping: rows, by: \.pillar)
        for (i, pillar) in Pillar.allCases.filter({ pillars[$0] != nil }).enumerated() {
            let list = pillars[pillar]!
            let by = StatusCounts(list.map(\.status))
            let parts = ProgressStatus.allCases.filter { by[$0] > 0 }.map { "\($0.nameVi.lowercased()) \(by[$0])" }.joined(separator: ", ")
            out.append("\(i + 1). \(pillar.nameVi): \(list.count) chỉ tiêu (\(parts)).")
        }
        return out
    }

    static let tableHeader = ["TT", "Chỉ tiêu", "Mục tiêu", "Số liệu gốc", "Mới nhất", "Đánh giá"]

    /// A section of the body after the targets' table: its heading and its paragraphs.
    struct Section {
        var heading: String
        var paragraphs: [String]
    }

    /// Sections III onwards, numbered in order, shared by the DOCX and HTML forms. The last
    /// paragraph of the report ends "./." once, whatever the proposal's own punctuation.
    var closingSections: [Section] {
        var out: [Section] = []
        out.append(Section(heading: "ĐƠN VỊ CHƯA ĐẠT MỤC TIÊU", paragraphs: behind.isEmpty
            ? ["Không có đơn vị nào có số liệu đã phê duyệt thấp hơn mục tiêu của cấp mình."]
            : behind.map { "- \(Self.sentence($0.target)): \($0.units.joined(separator: "; "))." }))
        out.append(Section(heading: "ĐƠN VỊ CHẬM BÁO CÁO", paragraphs: overdue.isEmpty ? ["Không có đơn vị nào chậm báo cáo trong kỳ."]
            : overdue.map { "- \($0.unit): \($0.form), hạn \($0.deadline.formattedVietnamese), \($0.state.lowercased())." }))
        if !past.isEmpty {
            out.append(Section(heading: "KẾT QUẢ CÁC KẾ HOẠCH, MỐC ĐÃ KẾT THÚC", paragraphs: past.map { "- \(Self.sentence($0))." }))
        }
        var proposals = (letterhead.proposals ?? draftedProposals).map(Self.sentence).filter { !$0.isEmpty }
        if proposals.isEmpty { proposals = ["…"] }
        proposals = proposals.enumerated().map { $0 == proposals.count - 1 ? $1 + "./." : $1 + "." }
        out.append(Section(heading: "ĐỀ XUẤT, KIẾN NGHỊ", paragraphs: proposals))
        let roman = ["III", "IV", "V", "VI", "VII"]
        return out.enumerated().map { Section(heading: "\(roman[$0]). \($1.heading)", paragraphs: $1.paragraphs) }
    }

    /// The recipients, each once, and the archive ("Lưu: VT, SKHCN.") last, added here.
    var recipientLines: [String] {
        letterhead.recipients.map(Self.sentence).filter { !$0.isEmpty && !$0.lowercased().hasPrefix("lưu") }.map { "- \($0);" }
            + ["- Lưu: VT, \(letterhead.issuingCode)."]
    }

    /// A sentence without the end punctuation a template or a name may bring ("Cloud.", "(b/c);"),
    /// so that the report adds its own once.
    static func sentence(_ text: String) -> String {
        var s = text.trimmingWhitespace()
        while let last = s.last, ".;,:".contains(last), !s.hasSuffix("…") { s.removeLast() }
        return s.trimmingWhitespace()
    }

    /// The pillars that have targets, in the order the summary lists them.
    var pillars: [Pillar] { Pillar.allCases.filter { p in rows.contains { $0.pillar == p } } }

    /// The dashboard's colours (Okabe–Ito's hues, apart for readers who do not tell red from
    /// green); the caption names each, so no status is told by colour alone.
    static func color(_ s: ProgressStatus) -> (UInt8, UInt8, UInt8) {
        switch s {
        case .met: (0, 122, 94)
        case .onTrack: (11, 92, 173)
        case .behind: (138, 90, 0)
        case .missed: (166, 61, 115)
        case .noData: (110, 119, 129)
        }
    }

    static let colorNames: [ProgressStatus: String] = [.met: "xanh lục", .onTrack: "xanh lam", .behind: "nâu cam", .missed: "tím đỏ", .noData: "xám"]

    /// Figure 1: one bar per pillar, numbered as the caption lists them, its targets split by
    /// status (the colours of `color`), each part carrying its count.
    public func chart() -> PNGImage {
        let barHeight = 28, gap = 14, label = 34, left = 10, width = 600, scale = 3
        var image = PNGImage(width: width, height: max(1, pillars.count) * (barHeight + gap) + gap)
        let most = max(1, pillars.map { p in rows.filter { $0.pillar == p }.count }.max() ?? 1)
        let white: (UInt8, UInt8, UInt8) = (255, 255, 255), ink: (UInt8, UInt8, UInt8) = (27, 31, 36)
        for (i, pillar) in pillars.enumerated() {
            let y = gap + i * (barHeight + gap), text = (barHeight - 5 * scale) / 2
            image.draw(digits: "\(i + 1)", x: left, y: y + text, scale: scale, color: ink)
            var x = left + label
            for status in ProgressStatus.allCases {
                let n = rows.filter { $0.pillar == pillar && $0.status == status }.count
                let w = n * (width - 2 * left - label) / most
                image.fill(x: x, y: y, width: w, height: barHeight, color: Self.color(status))
                if n > 0, PNGImage.width(digits: "\(n)", scale: scale) + 2 * scale <= w {
                    image.draw(digits: "\(n)", x: x + scale, y: y + text, scale: scale, color: white)
                }
                x += w
            }
        }
        return image
    }

    /// What the figure shows, in words (its caption, and its text for screen readers).
    var chartCaption: String {
        "Hình 1. Số chỉ tiêu theo trụ cột (từ trên xuống: \(pillars.enumerated().map { "\($0 + 1). \($1.nameVi)" }.joined(separator: ", "))), chia theo đánh giá: "
            + ProgressStatus.allCases.map { "\(Self.colorNames[$0] ?? "") – \($0.nameVi.lowercased())" }.joined(separator: "; ") + "."
    }
}
