internal import CGMime
import Foundation

/// One e-mail as GMime reads it: who sent it, its subject and Message-ID, and every leaf part
/// (depth first, the parts of an attached message included), each decoded from its transfer
/// encoding.
public struct MIMEMessage: Sendable, Equatable {
    /// The sender's address, lower case (the first mailbox of From).
    public var from: String?
    public var subject: String?
    public var messageID: String?
    public var parts: [MIMELeaf]
}

/// A part that holds content: its type (`text/calendar`), the `method` parameter iMIP gives a
/// calendar, its file name, and its bytes as sent (transfer encoding undone) and as UTF-8 text.
public struct MIMELeaf: Sendable, Equatable {
    public var type: String
    public var method: String?
    public var filename: String?
    public var charset: String?
    public var content: Data

    /// The content as text: UTF-8, or converted from its declared charset.
    public var text: String {
        if let charset, !["utf-8", "utf8", "us-ascii"].contains(charset.lowercased()) {
            if let converted = MIMEReader.converted(content, from: charset) { return converted }
        }
        return String(decoding: content, as: UTF8.self)
    }
}

/// Reads messages with GMime: one message (an `.eml` file), or every message of an mbox file.
public enum MIMEReader {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var started = false

    private static func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        if !started {
            g_mime_init()
            started = true
        }
        return body()
    }

    /// The message `data` holds; nil when GMime finds no message in it.
    public static func message(_ data: Data) -> MIMEMessage? {
        locked { read(data, mbox: false).first }
    }

    /// The messages of an mbox file (each after its `From ` line).
    public static func mbox(_ data: Data) -> [MIMEMessage] {
        locked { read(data, mbox: true) }
    }

    private static func read(_ data: Data, mbox: Bool) -> [MIMEMessage] {
        guard !data.isEmpty else { return [] }
        let stream: UnsafeMutablePointer<GMimeStream>? = data.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return nil }
            let array = g_byte_array_new()
            g_byte_array_append(array, base.assumingMemoryBound(to: guint8.self), guint(bytes.count))
            return g_mime_stream_mem_new_with_byte_array(array)
        }
        guard let stream else { return [] }
        defer { convene_object_unref(stream) }
        guard let parser = g_mime_parser_new_with_stream(stream) else { return [] }
        defer { convene_object_unref(parser) }
        g_mime_parser_set_format(parser, mbox ? GMIME_FORMAT_MBOX : GMIME_FORMAT_MESSAGE)
        var messages: [MIMEMessage] = []
        while g_mime_parser_eos(parser) == 0 {
            guard let message = g_mime_parser_construct_message(parser, nil) else { break }
            messages.append(convert(message))
            convene_object_unref(message)
            if !mbox { break }
        }
        return messages
    }

    private static func convert(_ message: UnsafeMutablePointer<GMimeMessage>) -> MIMEMessage {
        func string(_ pointer: UnsafePointer<CChar>?) -> String? { pointer.map { String(cString: $0) } }
        var from: String?
        if let list = g_mime_message_get_from(message), internet_address_list_length(list) > 0,
           let address = internet_address_list_get_address(list, 0), convene_internet_address_is_mailbox(address) != 0 {
            from = string(internet_address_mailbox_get_addr(UnsafeMutableRawPointer(address).assumingMemoryBound(to: InternetAddressMailbox.self)))?.lowercased()
        }
        var leaves: [MIMELeaf] = []
        if let body = g_mime_message_get_mime_part(message) { collect(body, into: &leaves, depth: 0) }
        return MIMEMessage(from: from, subject: string(g_mime_message_get_subject(message)), messageID: string(g_mime_message_get_message_id(message)), parts: leaves)
    }

    /// The leaves under `object`, depth first; an attached message's own parts too.
    private static func collect(_ object: UnsafeMutablePointer<GMimeObject>, into leaves: inout [MIMELeaf], depth: Int) {
        guard depth < 32 else { return }
        if convene_gmime_is_multipart(object) != 0 {
            let multipart = UnsafeMutableRawPointer(object).assumingMemoryBound(to: GMimeMultipart.self)
            let count = g_mime_multipart_get_count(multipart)
            for index in 0..<max(0, count) {
                if let child = g_mime_multipart_get_part(multipart, index) { collect(child, into: &leaves, depth: depth + 1) }
            }
        } else if convene_gmime_is_message_part(object) != 0 {
            let part = UnsafeMutableRawPointer(object).assumingMemoryBound(to: GMimeMessagePart.self)
            if let inner = g_mime_message_part_get_message(part), let body = g_mime_message_get_mime_part(inner) {
                collect(body, into: &leaves, depth: depth + 1)
            }
        } else if convene_gmime_is_part(object) != 0 {
            let part = UnsafeMutableRawPointer(object).assumingMemoryBound(to: GMimePart.self)
            let contentType = g_mime_object_get_content_type(object)
            var type = "application/octet-stream"
            if let contentType, let mime = g_mime_content_type_get_mime_type(contentType) {
                type = String(cString: mime).lowercased()
                g_free(mime)
            }
            func parameter(_ name: String) -> String? {
                guard let contentType, let value = g_mime_content_type_get_parameter(contentType, name) else { return nil }
                return String(cString: value)
            }
            var content = Data()
            if let wrapper = g_mime_part_get_content(part), let memory = g_mime_stream_mem_new() {
                g_mime_data_wrapper_write_to_stream(wrapper, memory)
                let memoryStream = UnsafeMutableRawPointer(memory).assumingMemoryBound(to: GMimeStreamMem.self)
                if let array = g_mime_stream_mem_get_byte_array(memoryStream), let bytes = array.pointee.data {
                    content = Data(bytes: bytes, count: Int(array.pointee.len))
                }
                convene_object_unref(memory)
            }
            leaves.append(MIMELeaf(type: type, method: parameter("method")?.uppercased(), filename: g_mime_part_get_filename(part).map { String(cString: $0) },
                                   charset: parameter("charset"), content: content))
        }
    }

    /// `data` from `charset` to UTF-8 through GLib's iconv; nil when it cannot be converted.
    static func converted(_ data: Data, from charset: String) -> String? {
        data.withUnsafeBytes { bytes -> String? in
            guard let base = bytes.baseAddress else { return "" }
            var written: gsize = 0
            guard let result = g_convert(base.assumingMemoryBound(to: CChar.self), gssize(bytes.count), "UTF-8", charset, nil, &written, nil) else { return nil }
            defer { g_free(result) }
            return String(decoding: UnsafeRawBufferPointer(start: result, count: Int(written)), as: UTF8.self)
        }
    }
}
