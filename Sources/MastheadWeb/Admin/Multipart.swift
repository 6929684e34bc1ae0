import Foundation
import MastheadCore

/// A `multipart/form-data` body, parsed from a file already on disk. Bounded:
/// at most `maximumParts` parts with headers of at most 8 KiB each.
@_spi(Fuzzing) public struct Multipart {
    public struct Part {
        public var name: String
        public var filename: String?
        public var body: Data
    }

    static let maximumParts = 32
    public private(set) var parts: [Part] = []

    /// The boundary from a `Content-Type` header value.
    public static func boundary(in contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return (1...70).contains(value.count) ? value : nil
            }
        }
        return nil
    }

    public init(data: Data, boundary: String) throws {
        let delimiter = Data("--\(boundary)".utf8)
        let separator = Data("\r\n\r\n".utf8)
        guard var cursor = data.range(of: delimiter)?.upperBound else { throw Self.malformed }
        while parts.count < Self.maximumParts {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            guard cursor + 2 <= data.endIndex else { throw Self.malformed }
            if data[cursor] == UInt8(ascii: "-"), data[cursor + 1] == UInt8(ascii: "-") { return }
            cursor += 2
            guard let headerEnd = data.range(of: separator, in: cursor..<min(data.endIndex, cursor + 8192)) else { throw Self.malformed }
            let headers = String(decoding: data[cursor..<headerEnd.lowerBound], as: UTF8.self)
            guard let next = data.range(of: Data("\r\n--\(boundary)".utf8), in: headerEnd.upperBound..<data.endIndex) else {
                throw Self.malformed
            }
            let disposition = Self.disposition(headers)
            guard let name = disposition["name"] else { throw Self.malformed }
            parts.append(Part(name: name, filename: disposition["filename"], body: data[headerEnd.upperBound..<next.lowerBound]))
            cursor = next.upperBound
        }
        throw MastheadError(.invalidInput, "The upload has too many parts.")
    }

    public func field(_ name: String) -> String {
        parts.first { $0.name == name && $0.filename == nil }.map { String(decoding: $0.body, as: UTF8.self) }?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    public func file(_ name: String) -> Part? {
        parts.first { $0.name == name && $0.filename != nil }
    }

    private static func disposition(_ headers: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in headers.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            for parameter in line.split(separator: ";").dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2 else { continue }
                result[pair[0].lowercased()] = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return result
    }

    private static var malformed: any Error { MastheadError(.invalidInput, "The upload could not be read; try again.") }
}
