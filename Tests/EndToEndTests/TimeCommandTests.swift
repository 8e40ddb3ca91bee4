@testable import Convene
import ConveneTestSupport
import Foundation
import Testing

/// `convene times`: what the binary does, driven as a user would.
@Suite("convene times", .tags(.endToEnd))
struct TimeCommandTests {
    @Test("convene times prints JSON with the tzdata version, and a table no wider than 80 columns")
    func timesCommand() throws {
        let json = try convene(["times", "agendas/kyiv-consultation-2026.yaml", "--json"])
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"tzdata\": \"\(try zones.version)\""))
        #expect(json.stdout.contains("\"gelashvili\": {\n          \"timezone\": \"Asia/Tbilisi\",\n          \"start\": \"2026-12-08T11:30:00+04:00\""))
        let table = try convene(["times", "agendas/kyiv-consultation-2026.yaml"])
        #expect(table.status == 0)
        #expect(table.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(table.stdout.contains("  09:30–09:45  Welcome and opening remarks"))
        let invalid = try convene(["times", "-"], input: "convene: 1\n")
        #expect(invalid.status == 1)
    }
}
