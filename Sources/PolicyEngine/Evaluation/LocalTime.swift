import Foundation

/// A moment seen on the school's wall clock. The engine has no clock of its own: times come in with
/// the post and the history, and are read in the school's time zone (so summer time is handled).
public struct LocalTime: Sendable, Equatable {
    /// 0 = Monday … 6 = Sunday.
    public var weekday: Int
    public var minuteOfDay: Int
    public var isoYear: Int
    public var isoWeek: Int

    static let weekdayNames = HoursValidator.weekdays

    public init(epochSeconds: Int64, zone: TimeZone) {
        let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(epochSeconds))))
        let local = epochSeconds + offset
        let days = Int(local.floorDivided(by: 86_400))
        minuteOfDay = Int(local - Int64(days) * 86_400) / 60
        weekday = ((days + 3) % 7 + 7) % 7  // 1970-01-01 was a Thursday
        (isoYear, isoWeek) = Self.isoWeek(daysSinceEpoch: days, weekday: weekday)
    }

    public var weekdayName: String { Self.weekdayNames[weekday] }
    public var clock: String { Self.pad(minuteOfDay / 60, 2) + ":" + Self.pad(minuteOfDay % 60, 2) }

    /// Zero-padded decimal, without a formatter (String(format:) is slow on the findings path).
    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// ISO 8601 week: the week holding the year's first Thursday is week 1.
    static func isoWeek(daysSinceEpoch days: Int, weekday: Int) -> (Int, Int) {
        let thursday = days - weekday + 3
        let year = civil(fromDays: thursday).year
        let firstOfYear = daysFromCivil(year: year, month: 1, day: 1)
        return (year, (thursday - firstOfYear) / 7 + 1)
    }

    /// `2026-11-24T14:10:00Z`: what `parseISO8601` reads, written without a date formatter.
    public static func iso8601UTC(epochSeconds seconds: Int64) -> String {
        let days = Int(seconds.floorDivided(by: 86_400))
        let second = Int(seconds - Int64(days) * 86_400)
        let date = civil(fromDays: days)
        return
            "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))T\(pad(second / 3600, 2)):\(pad(second / 60 % 60, 2)):\(pad(second % 60, 2))Z"
    }

    /// Seconds since 1970 for "2026-11-24T15:10:00+01:00" (or "Z"; fractions allowed). Nil when the
    /// text is not such a time: a time without an offset is ambiguous and is refused.
    public static func parseISO8601(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard bytes.count >= 20, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54 || bytes[10] == 0x20,
            bytes[13] == 0x3A, bytes[16] == 0x3A,
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        if index < bytes.count, bytes[index] == 0x2E {
            index += 1
            while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
        }
        guard index < bytes.count else { return nil }
        var offset = 0
        if bytes[index] == 0x5A || bytes[index] == 0x7A {
            guard index + 1 == bytes.count else { return nil }
        } else {
            guard bytes[index] == 0x2B || bytes[index] == 0x2D, let hours = number(index + 1..<index + 3) else { return nil }
            var minuteStart = index + 3
            if minuteStart < bytes.count, bytes[minuteStart] == 0x3A { minuteStart += 1 }
            guard let minutes = number(minuteStart..<minuteStart + 2), minuteStart + 2 == bytes.count, hours < 24, minutes < 60 else {
                return nil
            }
            offset = (hours * 60 + minutes) * 60 * (bytes[index] == 0x2D ? -1 : 1)
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        guard civil(fromDays: days) == (year, month, day) else { return nil }
        return Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
    }

    /// "08:30" → 510.
    public static func minutes(_ text: String) -> Int? {
        // Read from the bytes: the working-hours check asks this for every post.
        var text = text
        return text.withUTF8 { bytes -> Int? in
            guard bytes.count == 5, bytes[2] == 0x3A,
                (0x30...0x39).contains(bytes[0]), (0x30...0x39).contains(bytes[1]),
                (0x30...0x39).contains(bytes[3]), (0x30...0x39).contains(bytes[4])
            else { return nil }
            let hours = Int(bytes[0] - 0x30) * 10 + Int(bytes[1] - 0x30)
            let minutes = Int(bytes[3] - 0x30) * 10 + Int(bytes[4] - 0x30)
            guard hours <= 24, minutes < 60, hours * 60 + minutes <= 24 * 60 else { return nil }
            return hours * 60 + minutes
        }
    }

    // Howard Hinnant's days-from-civil algorithms (proleptic Gregorian calendar).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp + (mp < 10 ? 3 : -9)
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
