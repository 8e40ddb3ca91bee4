internal import CLibical
import Foundation

/// libical keeps process-wide state (its cache of zones, which it also extends lazily while
/// answering offset questions) that is not safe to use from two threads at once. Every call
/// into libical goes through this lock.
enum Libical {
    private static let lock = NSLock()

    static func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Runs `body` with standard error sent to a file, and adds what was written there (at most
    /// 64 KB), line by line, to `lines`: libical prints some of its complaints itself. Must be
    /// called with the lock held.
    static func capturingStandardError<T>(into lines: inout [String], _ body: () -> T) -> T {
        fflush(nil)
        var template = Array((NSTemporaryDirectory() + "/convene-libical-XXXXXX").utf8CString)
        let file = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        let saved = dup(2)
        guard file >= 0, saved >= 0, dup2(file, 2) >= 0 else {
            if file >= 0 { close(file) }
            if saved >= 0 { close(saved) }
            return body()
        }
        template.withUnsafeBufferPointer { buffer in if let base = buffer.baseAddress { unlink(base) } }
        let result = body()
        fflush(nil)
        dup2(saved, 2)
        close(saved)
        var bytes = [UInt8](repeating: 0, count: 65_536)
        lseek(file, 0, SEEK_SET)
        let count = read(file, &bytes, bytes.count)
        close(file)
        if count > 0 {
            // libical's own lines ("function(), file.c:123: message") are kept; anything else
            // another thread wrote meanwhile goes on to standard error.
            for line in String(decoding: bytes[0..<count], as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init) {
                if line.wholeMatch(of: /[A-Za-z_][A-Za-z0-9_]*\(\), [A-Za-z0-9_.\/-]+\.c:[0-9]+: .*/) != nil {
                    lines.append(line)
                } else {
                    FileHandle.standardError.write(Data((line + "\n").utf8))
                }
            }
        }
        return result
    }
}

/// A wall-clock date and time, with no zone: what a clock on a wall shows.
public struct CivilTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// The civil time `seconds` after 1970-01-01 00:00:00 (proleptic Gregorian).
    public init(secondsSinceEpoch seconds: Int64) {
        let days = Int((seconds >= 0 ? seconds : seconds - 86_399) / 86_400)
        let rest = Int(seconds - Int64(days) * 86_400)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        hour = rest / 3600
        minute = rest % 3600 / 60
        second = rest % 60
    }

    /// Seconds since 1970-01-01 00:00:00, reading this civil time as if it were UTC.
    public var secondsSinceEpoch: Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))"
    }

    public static func < (lhs: CivilTime, rhs: CivilTime) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }
}
