// Measures `convene slots` against libical alone, and writes the calendars it generates so
// that scripts/slots-python.py can run the same search in Python; with --ics, measures
// `convene ics` on a large programme (scripts/ics-python.py writes the same in Python).
//
//   convene-bench [--out DIR] [--sizes 50,200,800] [--repeat 3]
//   convene-bench --ics [--out DIR] [--sizes 250,500,1000]
//   convene-bench --ics --forum [--out DIR]     (1,000 sessions, 25 people each, 3,000 people)
//   convene-bench --status [--out DIR] [--sizes 1000]
//   convene-bench --send [--out DIR] [--convene PATH]   (the forum through `convene send --outbox`)
import Convene
import Foundation
import ICal

/// A small deterministic generator (SplitMix64), so every run measures the same calendars.
struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}

let zonesUsed = ["Europe/Kyiv", "Europe/Amsterdam", "America/New_York", "Asia/Kabul", "Africa/Lubumbashi", "Asia/Tbilisi"]

func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

/// A year (2026) of one person's calendar: two weekly meetings, a daily check-in, and 500
/// single events, in the person's zone.
func calendar(person: Int, zone: String) -> String {
    var random = Generator(state: UInt64(person) &* 7919 &+ 1)
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Convene//benchmark//EN"]
    func event(_ uid: String, _ start: String, _ minutes: Int, _ rule: String?) {
        lines += ["BEGIN:VEVENT", "UID:\(uid)@bench", "DTSTAMP:20260101T000000Z", "DTSTART;TZID=\(zone):\(start)", "DURATION:PT\(minutes)M"]
        if let rule { lines.append("RRULE:\(rule)") }
        lines.append("END:VEVENT")
    }
    let weeklyHour = 9 + random.next(6)
    event("p\(person)-weekly-a", "20260105T\(two(weeklyHour))0000", 60, "FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261231T235959Z")
    event("p\(person)-weekly-b", "20260108T\(two(weeklyHour + 1))3000", 45, "FREQ=WEEKLY;BYDAY=TH;UNTIL=20261231T235959Z")
    event("p\(person)-daily", "20260101T0\(8 + random.next(2))3000", 15, "FREQ=DAILY;UNTIL=20261231T235959Z")
    for index in 0..<500 {
        let dayOfYear = random.next(365)
        let date = LocalDate(year: 2026, month: 1, day: 1)?.adding(days: dayOfYear) ?? LocalDate.fromDaysSinceEpoch(20_454)
        event("p\(person)-single-\(index)", "\(date.year)\(two(date.month))\(two(date.day))T\(two(8 + random.next(10)))\(random.next(2) == 0 ? "00" : "30")00", [30, 60, 90][random.next(3)], nil)
    }
    lines.append("END:VCALENDAR")
    return lines.joined(separator: "\r\n") + "\r\n"
}

func agendaText(people count: Int) -> String {
    var text = "convene: 1\nid: bench\ntitle: Benchmark\ntimezone: Europe/Kyiv\npeople:\n"
    for person in 0..<count {
        let zone = zonesUsed[person % zonesUsed.count]
        text += "  - { id: p\(person), name: P\(person), attendance: online, timezone: \(zone), working_hours: \"07:00-21:00\", working_days: [mon, tue, wed, thu, fri, sat, sun] }\n"
    }
    text += "sessions:\n  - { id: meet, title: Meeting, duration: 30m }\n"
    return text
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func option(_ name: String, in arguments: [String] = CommandLine.arguments) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}
let out = option("--out") ?? "out/bench"
let sizes = (option("--sizes") ?? "50,200,800").split(separator: ",").compactMap { Int($0) }
let repeats = Int(option("--repeat") ?? "3") ?? 3

let zones = try ZoneDirectory()
if CommandLine.arguments.contains("--status") {
    let out = option("--out") ?? "out/bench"
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    let sizes = (option("--sizes") ?? "1000").split(separator: ",").compactMap { Int($0) }
    try StatusBenchmark.run(out: out, sizes: sizes)
    exit(0)
}

if CommandLine.arguments.contains("--send") {
    // The release convene beside this program, unless --convene names another.
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("convene").path
    try SendBenchmark.run(out: out, convene: option("--convene") ?? beside)
    exit(0)
}

if CommandLine.arguments.contains("--ics") {
    let sizes = (option("--sizes") ?? "250,500,1000").split(separator: ",").compactMap { Int($0) }
    let shapes = CommandLine.arguments.contains("--forum") ? [IcsBenchmark.Shape.forum] : sizes.map(IcsBenchmark.Shape.programme)
    try IcsBenchmark.run(out: out, shapes: shapes, zones: zones)
    exit(0)
}
let from = LocalDate(year: 2026, month: 6, day: 1)!, to = LocalDate(year: 2026, month: 6, day: 30)!  // safe: constant dates
var rows: [String] = []
print("people  libical parse+expand  slot search (parse, expand, search)  ratio  per person")
for size in sizes {
    let folder = "\(out)/\(size)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let agenda = agendaText(people: size)
    try agenda.write(toFile: "\(folder)/agenda.yaml", atomically: true, encoding: .utf8)
    var files: [BusyTimes.File] = []
    for person in 0..<size {
        let text = calendar(person: person, zone: zonesUsed[person % zonesUsed.count])
        try text.write(toFile: "\(folder)/p\(person).ics", atomically: true, encoding: .utf8)
        files.append(BusyTimes.File(name: "p\(person).ics", text: text))
    }
    let check = AgendaCheck(text: agenda, zones: zones)
    guard let parsed = check.agenda, check.isValid else { fatalError("benchmark agenda is invalid") }  // safe: generated above
    let finder = SlotFinder(agenda: parsed, zones: zones)
    let (windowStart, windowEnd) = try finder.window(from: from, to: to)
    var libical: [Double] = [], search: [Double] = [], reading: [Double] = []
    var occurrences = 0, feasible = 0
    for _ in 0..<repeats {
        libical.append(seconds {
            occurrences = files.reduce(0) { $0 + LibicalExpansion.occurrences(in: $1.text, from: windowStart.seconds, to: windowEnd.adding(minutes: 30).seconds) }
        })
        var readTime = 0.0
        search.append(try seconds {
            var busy: BusyTimes?
            readTime = seconds { busy = BusyTimes(files: files, agenda: parsed, from: windowStart, to: windowEnd.adding(minutes: 30), zones: zones) }
            feasible = try finder.search(sessionIndex: 0, minutes: 30, from: from, to: to, step: 5, top: 5, busy: busy ?? BusyTimes(files: [], agenda: parsed, from: windowStart, to: windowEnd, zones: zones)).feasible
        })
        reading.append(readTime)
    }
    let lib = libical.sorted()[repeats / 2], slot = search.sorted()[repeats / 2]
    let read = reading.sorted()[repeats / 2]
    print(String(format: "%6d  %17.3f s  %31.3f s  %5.2f  %7.2f ms   (reading calendars %.3f s, searching %.3f s)", size, lib, slot, slot / lib, slot / Double(size) * 1000, read, slot - read))
    rows.append("{\"people\": \(size), \"libical_seconds\": \(lib), \"slots_seconds\": \(slot), \"occurrences\": \(occurrences), \"feasible\": \(feasible)}")
}
try ("[\n  " + rows.joined(separator: ",\n  ") + "\n]\n").write(toFile: "\(out)/swift.json", atomically: true, encoding: .utf8)
