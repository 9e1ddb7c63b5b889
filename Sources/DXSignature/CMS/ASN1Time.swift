import Foundation
import SwiftASN1

/// CMS's times, which swift-asn1 keeps as calendar fields, to and from `Date` in UTC.
extension UTCTime {
    init(_ date: Date) throws {
        let c = Calendar.utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        try self.init(year: c.year!, month: c.month!, day: c.day!, hours: c.hour!, minutes: c.minute!, seconds: c.second!)
    }

    var date: Date? {
        Calendar.utc.date(from: DateComponents(year: year, month: month, day: day, hour: hours, minute: minutes, second: seconds))
    }
}

extension GeneralizedTime {
    var date: Date? {
        Calendar.utc.date(from: DateComponents(year: year, month: month, day: day, hour: hours, minute: minutes, second: seconds))
    }
}

extension Calendar {
    static let utc: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()
}
