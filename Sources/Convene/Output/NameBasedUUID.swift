/// SHA-1 (FIPS 180-4) and the name-based UUIDs made with it (RFC 9562, version 5): the same
/// name in the same namespace always gives the same UUID, on any machine, so an identifier
/// derived from a calendar UID stays the same run after run.
///
/// SHA-1 is used here as the UUID standard prescribes and to fingerprint an export, never to
/// protect anything.
public enum NameBasedUUID {
    /// The namespace the c3voc schedule tools make their own UUIDs in
    /// (`0C9A24B4-72AA-4202-9F91-5A2B6BFF2E6F`), so that the guids of a schedule Convene
    /// exports are made as that format's own tools make theirs.
    public static let scheduleNamespace: [UInt8] = [0x0C, 0x9A, 0x24, 0xB4, 0x72, 0xAA, 0x42, 0x02,
                                                    0x9F, 0x91, 0x5A, 0x2B, 0x6B, 0xFF, 0x2E, 0x6F]

    /// The version 5 UUID of `name` (as UTF-8) in `namespace` (16 bytes), in lower case:
    /// `uuid.uuid5(namespace, name)` in Python.
    public static func uuid5(_ name: String, namespace: [UInt8] = scheduleNamespace) -> String {
        var bytes = Array(sha1(namespace + Array(name.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map(hexByte).joined()
        let characters = Array(hex)
        var parts: [String] = []
        var start = 0
        for length in [8, 4, 4, 4, 12] {
            parts.append(String(characters[start..<(start + length)]))
            start += length
        }
        return parts.joined(separator: "-")
    }

    /// The SHA-1 digest of `text` as UTF-8, as 40 lower-case hexadecimal digits.
    public static func sha1Hex(_ text: String) -> String {
        sha1(Array(text.utf8)).map(hexByte).joined()
    }

    static func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    /// The SHA-1 digest of `message`: 20 bytes.
    public static func sha1(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
        var padded = message
        padded.append(0x80)
        while padded.count % 64 != 56 { padded.append(0) }
        let bits = UInt64(message.count) &* 8
        for shift in stride(from: 56, through: 0, by: -8) { padded.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        var w = [UInt32](repeating: 0, count: 80)
        for block in stride(from: 0, to: padded.count, by: 64) {
            for t in 0..<16 {
                let i = block + t * 4
                w[t] = UInt32(padded[i]) << 24 | UInt32(padded[i + 1]) << 16 | UInt32(padded[i + 2]) << 8 | UInt32(padded[i + 3])
            }
            for t in 16..<80 { w[t] = rotate(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1) }
            var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4]
            for t in 0..<80 {
                let f: UInt32, k: UInt32
                switch t {
                case 0..<20: f = (b & c) | (~b & d); k = 0x5A82_7999
                case 20..<40: f = b ^ c ^ d; k = 0x6ED9_EBA1
                case 40..<60: f = (b & c) | (b & d) | (c & d); k = 0x8F1B_BCDC
                default: f = b ^ c ^ d; k = 0xCA62_C1D6
                }
                let temp = rotate(a, 5) &+ f &+ e &+ k &+ w[t]
                e = d
                d = c
                c = rotate(b, 30)
                b = a
                a = temp
            }
            h[0] = h[0] &+ a
            h[1] = h[1] &+ b
            h[2] = h[2] &+ c
            h[3] = h[3] &+ d
            h[4] = h[4] &+ e
        }
        return h.flatMap { word in [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: word >> UInt32($0)) } }
    }

    private static func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
        (value << count) | (value >> (32 - count))
    }
}
