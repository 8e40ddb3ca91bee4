/// The secret part of a live view's address: 192 random bits from the system's generator,
/// written in 32 characters of URL-safe base64.
public enum LiveToken {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    /// A new token.
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        for _ in 0..<3 {
            let word = generator.next() as UInt64
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        var text = ""
        for start in stride(from: 0, to: bytes.count, by: 3) {
            let group = (Int(bytes[start]) << 16) | (Int(bytes[start + 1]) << 8) | Int(bytes[start + 2])
            for shift in [18, 12, 6, 0] { text.append(alphabet[(group >> shift) & 63]) }
        }
        return text
    }

    /// Whether two tokens are the same, in a time that depends only on their lengths.
    static func same(_ given: String, _ expected: String) -> Bool {
        let a = Array(given.utf8), b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
