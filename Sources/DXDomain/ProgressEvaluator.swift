import Foundation

/// Judges a unit's series against a target, by the methods of Open SDG and the UN
/// progress chart (UN Statistics Division, "SDG Progress Chart: technical note"):
///
/// - `≥`, `>`, `≤` targets follow a straight line from the first figure (the
///   baseline) to the target at the horizon: met when the latest figure meets it;
///   otherwise on track when the linear projection to the horizon meets it.
///   Distance covered, schedule ratio, required and observed pace and the CAGR
///   ratio are given beside the verdict.
/// - `about` is met within its tolerance on the wrong side only: above it is no miss
///   where higher is better.
/// - `rank ≤ N` reads a series of ranks.
/// - A maintained target ("duy trì 100%", "duy trì top 10") must hold in every year of
///   its plan's window, judged on the year's figure (`yearly`): one year missed is a miss.
/// - `×N versus last year` compares the year's total with the previous year's total
///   (`yearly`), not a quarter with a quarter.
///
/// After the horizon a target is met or missed on the figure of the horizon itself.
public enum ProgressEvaluator {
    /// - Parameters:
    ///   - series: the unit's figures in the finest period reported (quarters, years).
    ///   - yearly: the same figures a year at a time, added up by the indicator's rule
    ///     (the year under way: so far); nil takes the yearly figures of `series`.
    ///   - since: the first day the target counts (its plan's start), if not its own start date.
    public static func assess(_ target: Target, indicator: Indicator, level: AdminLevel?,
                              series: [Observation], yearly: [Observation]? = nil, since: LocalDate? = nil,
                              asOf: LocalDate) -> ProgressAssessment {
        guard let threshold = target.threshold(for: level) ?? target.threshold(for: nil) else {
            var a = ProgressAssessment(status: .noData, method: "none", threshold: nil)
            a.say("Mục tiêu không quy định giá trị cho cấp của đơn vị.", "The target sets no value for this unit's level.")
            return a
        }
        let start = target.startDate ?? since ?? .init(year: 1, month: 1, day: 1)!
        let everyYear = yearly ?? series.filter { $0.period.type == .yearly }
        let years = everyYear.filter { $0.period.end >= start && $0.period.start <= asOf }.sorted { $0.period < $1.period }
        let points = series.filter { $0.period.end >= start && $0.period.end <= asOf }
            .sorted { $0.period < $1.period }
        let decimals = indicator.decimals
        func n(_ x: Double) -> String { VietnameseNumber.format(x, decimals: decimals) }
        // Judged as of the horizon's last day, the horizon's own figure is final.
        let horizonPassed = asOf >= target.horizon.end
        // Judged a year at a time.
        if target.maintained || target.shape == .maintain { return maintain(target, indicator, threshold, years, asOf: asOf, horizonPassed, n) }
        if target.shape == .growthVersusPreviousYear {
            return growth(target, threshold, everyYear, asOf: asOf, horizonPassed, n)
        }
        guard let latest = points.last else {
            var a = ProgressAssessment(status: .noData, method: "none", threshold: threshold)
            a.say("Chưa có số liệu từ \(start.year > 1 ? start.formattedVietnamese : "đầu kỳ").", "No figures yet.")
            return a
        }
        switch target.shape {
        case .rankAtMost:
            var a = ProgressAssessment(status: .noData, method: "rank", threshold: threshold)
            let judged = horizonPassed ? points.last { $0.period.end <= target.horizon.end } : latest
            guard let judged else { a.say("Chưa có thứ hạng trước thời hạn.", "No rank before the horizon."); return a }
            a.latest = judged
            let ok = judged.value <= threshold
            a.status = horizonPassed ? (ok ? .met : .missed) : (ok ? .onTrack : .behind)
            a.say("Hạng \(Int(judged.value)) (\(judged.period.nameVi)); mục tiêu: trong top \(Int(threshold)).",
                  "Rank \(Int(judged.value)) (\(judged.period.id)); target: top \(Int(threshold)).")
            return a
        default: // ≥, >, ≤, about (the yearly shapes returned above)
            return path(target, indicator, threshold, points, horizonPassed, n)
        }
    }

    // MARK: Straight-line path (≥, >, ≤, about)

    static func path(_ target: Target, _ indicator: Indicator, _ T: Double, _ points: [Observation],
                     _ horizonPassed: Bool, _ n: (Double) -> String) -> ProgressAssessment {
        var a = ProgressAssessment(status: .behind, method: points.count >= 2 ? "linear" : "single point", threshold: T)
        let meets = { (v: Double) in target.shape.isMet(observed: v, threshold: T, direction: indicator.direction) ?? false }
        if horizonPassed {
            a.method = "horizon"
            guard let atHorizon = points.last(where: { $0.period.end <= target.horizon.end }) else {
                a.status = .noData
                a.say("Không có số liệu đến thời hạn \(target.horizon.nameVi).", "No figure up to the horizon \(target.horizon.id).")
                return a
            }
            a.latest = atHorizon
            a.status = meets(atHorizon.value) ? .met : .missed
            a.say("Đến thời hạn \(target.horizon.nameVi): \(n(atHorizon.value)) so với mục tiêu \(target.shape.describeVi(n(T))).",
                  "At the horizon \(target.horizon.id): \(atHorizon.value) against \(target.shape.name) \(T).")
            return a
        }
        let b = points.first!, v = points.last!
        a.baseline = b
        a.latest = v
        if meets(v.value) {
            a.status = .met
            a.say("Số liệu mới nhất \(n(v.value)) (\(v.period.nameVi)) đã đạt mục tiêu \(target.shape.describeVi(n(T))).",
                  "The latest figure \(v.value) (\(v.period.id)) meets the target (\(target.shape.name) \(T)).")
            return a
        }
        let tb = time(b.period), t = time(v.period), tT = time(target.horizon)
        a.say("Phương pháp: đường thẳng từ mốc \(n(b.value)) (\(b.period.nameVi)) đến mục tiêu \(n(T)) (\(target.horizon.nameVi)).",
              "Method: a straight line from the baseline \(b.value) (\(b.period.id)) to the target \(T) (\(target.horizon.id)).")
        if T != b.value && tT > tb {
            let dist = (v.value - b.value) / (T - b.value), elapsed = (t - tb) / (tT - tb)
            a.distanceCovered = dist
            a.timeElapsed = elapsed
            if elapsed > 0 { a.scheduleRatio = dist / elapsed }
            a.say("Đã đi được \(VietnameseNumber.percent(dist * 100)) quãng đường, thời gian đã qua \(VietnameseNumber.percent(elapsed * 100))"
                    + (a.scheduleRatio.map { ": tỷ số tiến độ \(VietnameseNumber.format($0, decimals: 2))." } ?? "."),
                  "Covered \(dist) of the distance in \(elapsed) of the time" + (a.scheduleRatio.map { ": schedule ratio \($0)." } ?? "."))
        }
        if tT > t { a.requiredPace = (T - v.value) / (tT - t) }
        if t > tb { a.observedPace = (v.value - b.value) / (t - tb) }
        if let req = a.requiredPace, let obs = a.observedPace {
            a.say("Cần \(VietnameseNumber.format(req, decimals: 1)) đơn vị/năm; thực tế \(VietnameseNumber.format(obs, decimals: 1)) đơn vị/năm"
                    + (obs != 0 ? " (cần gấp \(VietnameseNumber.format(req / obs, decimals: 1)) lần)." : "."),
                  "Needs \(req) per year; observed \(obs) per year.")
        }
        // CAGR needs positive values on both ends.
        if b.value > 0, v.value > 0, T > 0, t > tb, tT > tb {
            let obs = pow(v.value / b.value, 1 / (t - tb)) - 1, req = pow(T / b.value, 1 / (tT - tb)) - 1
            a.cagrObserved = obs
            a.cagrRequired = req
            if req != 0 {
                let r = obs / req
                a.cagrRatio = r
                a.say("Tăng trưởng bình quân năm thực tế \(VietnameseNumber.percent(obs * 100)), cần \(VietnameseNumber.percent(req * 100)): R = \(VietnameseNumber.format(r, decimals: 3)) (\(CAGRClass(ratio: r).nameVi)).",
                      "CAGR observed \(obs), required \(req): R = \(r) (\(CAGRClass(ratio: r).rawValue)).")
            }
        }
        if points.count >= 2 {
            var p = linearProjection(points, at: tT)
            if indicator.valueType == .percentage { p = min(100, max(0, p)) } else if indicator.valueType != .ratio { p = max(0, p) }
            a.projection = p
            a.status = meets(p) ? .onTrack : .behind
            a.say("Dự báo tuyến tính đến \(target.horizon.nameVi): \(n(p)) — \(a.status == .onTrack ? "đúng tiến độ" : "cần tăng tốc").",
                  "Linear projection to \(target.horizon.id): \(p) — \(a.status == .onTrack ? "on track" : "needs acceleration").")
        } else {
            a.say("Mới có một kỳ số liệu, chưa đạt mục tiêu.", "Only one figure so far, below the target.")
        }
        return a
    }

    /// Ordinary least squares of value on time, evaluated at `t`.
    static func linearProjection(_ points: [Observation], at t: Double) -> Double {
        let xs = points.map { time($0.period) }, ys = points.map(\.value)
        let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
        let sxx = xs.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        guard sxx > 0 else { return ys.last! }
        let slope = zip(xs, ys).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / sxx
        return my + slope * (t - mx)
    }

    // MARK: Maintain

    /// Every year of the window from its first up to the horizon, each on its own figure.
    /// A year over that missed is final; the year under way, judged so far, is only behind.
    static func maintain(_ target: Target, _ indicator: Indicator, _ T: Double, _ years: [Observation], asOf: LocalDate,
                         _ horizonPassed: Bool, _ n: (Double) -> String) -> ProgressAssessment {
        var a = ProgressAssessment(status: .noData, method: "maintain", threshold: T)
        let within = years.filter { $0.period.start <= target.horizon.end }
        guard !within.isEmpty else {
            a.say("Chưa có số liệu năm nào trong thời gian phải duy trì.", "No yearly figure yet within the years to maintain.")
            return a
        }
        let shape: TargetShape = target.shape == .maintain ? .atLeast : target.shape
        let condition = shape.describeVi(n(T)), conditionEn = shape.describeEn(n(T))
        let misses = within.filter { shape.isMet(observed: $0.value, threshold: T, direction: indicator.direction) == false }
        let over = misses.filter { $0.period.end <= asOf }
        a.baseline = within.first
        a.latest = within.last
        let years = within.map { "\($0.period.year)" }.joined(separator: ", ")
        if let first = over.first {
            a.status = .missed
            a.say("Phải duy trì \(condition) mọi năm; \(over.count) năm không đạt, đầu tiên là năm \(first.period.year) (\(n(first.value))).",
                  "Must hold \(conditionEn) every year; \(over.count) years missed, first \(first.period.year) (\(first.value)).")
        } else if let now = misses.first {
            a.status = .behind
            a.say("Năm \(now.period.year) đến nay: \(n(now.value)), chưa đạt \(condition).", "\(now.period.year) so far: \(now.value), short of \(conditionEn).")
        } else {
            a.status = horizonPassed ? .met : .onTrack
            a.say("Duy trì \(condition) trong các năm \(years).", "Held \(conditionEn) in \(years).")
        }
        return a
    }

    // MARK: ×N versus the previous year

    /// The horizon's year (or the year under way, so far) against the whole previous year.
    static func growth(_ target: Target, _ N: Double, _ years: [Observation], asOf: LocalDate, _ horizonPassed: Bool,
                       _ n: (Double) -> String) -> ProgressAssessment {
        var a = ProgressAssessment(status: .noData, method: "growth", threshold: N)
        let judged = years.filter { $0.period.start <= asOf && $0.period.start <= target.horizon.end }.max { $0.period < $1.period }
        guard let v = judged else {
            a.say("Chưa có tổng số liệu năm.", "No yearly total yet.")
            return a
        }
        a.latest = v
        guard let base = years.first(where: { $0.period == v.period.previous }), base.value > 0 else {
            a.say("Không có tổng số liệu năm \(v.period.year - 1) để so sánh.", "No total for \(v.period.year - 1) to compare with.")
            return a
        }
        a.baseline = base
        let factor = v.value / base.value
        a.growthFactor = factor
        let ok = factor >= N, final = horizonPassed
        a.status = final ? (ok ? .met : .missed) : (ok ? .onTrack : .behind)
        let soFar = v.period.end > asOf
        a.say("Năm \(v.period.year)\(soFar ? " đến nay" : ""): \(n(v.value)), gấp \(VietnameseNumber.format(factor, decimals: 2)) lần năm \(base.period.year) (\(n(base.value))); mục tiêu gấp \(VietnameseNumber.format(N)) lần.",
              "\(v.period.year)\(soFar ? " so far" : ""): \(v.value), ×\(factor) \(base.period.year) (\(base.value)); target ×\(N).")
        return a
    }
}
