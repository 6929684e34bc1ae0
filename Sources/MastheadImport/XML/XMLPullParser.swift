/// One thing the XML reader found.
public enum XMLEvent: Equatable, Sendable {
    case start(name: String, attributes: [String: String])
    case end(name: String)
    /// Character data (entities decoded, CDATA included) in pieces of at most
    /// `XMLPullParser.maximumTextPiece` bytes; a consumer joins the pieces.
    case text(String)
}

/// A streaming XML reader for exports: it never holds more than one chunk of
/// the file and one text piece, and it is safe with hostile files.
///
/// It reads no DTD, so it can neither be sent to the network or the disk
/// (external entities) nor made to expand entities (the "billion laughs"): a
/// document that declares entities or points at an external DTD is refused.
/// Only the five predefined entities and numeric character references are
/// decoded; any other `&name;` stays as the literal text. Bytes that are not
/// UTF-8 become U+FFFD. Depth, names and attributes are bounded.
public struct XMLPullParser<Source: ByteSource> {
    public static var maximumTextPiece: Int { 64 * 1024 }
    public static var maximumDepth: Int { 256 }
    public static var maximumNameBytes: Int { 256 }
    public static var maximumAttributes: Int { 64 }
    public static var maximumAttributeBytes: Int { 64 * 1024 }

    private var source: Source
    private var chunk: [UInt8] = []
    private var index = 0
    private var finished = false
    /// The line the reader is on, from 1: every error and item reports it.
    public private(set) var line = 1
    private var openElements: [(name: String, line: Int)] = []
    private var pendingEnd: String?
    private var sawRoot = false

    public init(source: Source) {
        self.source = source
    }

    public var bytesRead: Int { source.bytesRead }
    /// How many elements are open.
    public var depth: Int { openElements.count }

    /// The next event, or `nil` at the end of a well-formed document.
    public mutating func next() throws -> XMLEvent? {
        if let name = pendingEnd {
            pendingEnd = nil
            openElements.removeLast()
            return .end(name: name)
        }
        while true {
            guard let byte = try peek() else {
                if let open = openElements.last {
                    throw ImportError("The file ends inside <\(open.name)> (opened on line \(open.line)); it looks truncated.", line: line)
                }
                guard sawRoot else { throw ImportError("The file holds no XML document.", line: line) }
                return nil
            }
            if byte != UInt8(ascii: "<") {
                if openElements.isEmpty {
                    guard isSpace(byte) else { throw ImportError("Text outside the document element: this is not an XML file.", line: line) }
                    advance()
                    continue
                }
                return .text(try readText())
            }
            advance()
            guard let marker = try peek() else { throw ImportError("The file ends inside a tag; it looks truncated.", line: line) }
            switch marker {
            case UInt8(ascii: "/"):
                advance()
                return try readEndTag()
            case UInt8(ascii: "?"):
                try skip(past: Array("?>".utf8), what: "processing instruction")
            case UInt8(ascii: "!"):
                advance()
                if let text = try readMarkupDeclaration() { return .text(text) }
            default:
                return try readStartTag()
            }
        }
    }

    // MARK: - Bytes

    private mutating func peek() throws -> UInt8? {
        if index < chunk.count { return chunk[index] }
        guard !finished else { return nil }
        while let next = try source.nextChunk() {
            chunk = next
            index = 0
            if !chunk.isEmpty { return chunk[0] }
        }
        finished = true
        chunk = []
        index = 0
        return nil
    }

    private mutating func advance() {
        if chunk[index] == UInt8(ascii: "\n") { line += 1 }
        index += 1
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: ":"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), 0x80...0xFF:
            return true
        default:
            return false
        }
    }

    /// A UTF-8 byte that continues a character (10xxxxxx).
    static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    private mutating func skipSpace() throws {
        while let byte = try peek(), isSpace(byte) { advance() }
    }

    // MARK: - Text

    private mutating func readText() throws -> String {
        var out: [UInt8] = []
        // A piece ends on a character's first byte, never inside one: each piece is decoded
        // on its own, and a split sequence would come back as two U+FFFD.
        while let byte = try peek(), byte != UInt8(ascii: "<"), out.count < Self.maximumTextPiece || Self.isContinuation(byte) {
            if byte == UInt8(ascii: "&") {
                advance()
                try readReference(into: &out)
            } else {
                out.append(byte)
                advance()
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// After `&`: a predefined entity or a character reference; anything else is kept as written.
    private mutating func readReference(into out: inout [UInt8]) throws {
        var name: [UInt8] = []
        while name.count < 32, let byte = try peek(), byte != UInt8(ascii: ";"), byte != UInt8(ascii: "<"), byte != UInt8(ascii: "&"), !isSpace(byte)
        {
            name.append(byte)
            advance()
        }
        guard try peek() == UInt8(ascii: ";") else {
            out.append(UInt8(ascii: "&"))
            out.append(contentsOf: name)
            return
        }
        advance()
        if let decoded = Self.decodeReference(name) {
            out.append(contentsOf: decoded)
        } else {
            out.append(UInt8(ascii: "&"))
            out.append(contentsOf: name)
            out.append(UInt8(ascii: ";"))
        }
    }

    static func decodeReference(_ name: [UInt8]) -> [UInt8]? {
        switch String(decoding: name, as: UTF8.self) {
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "amp": return [UInt8(ascii: "&")]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        default: break
        }
        guard name.first == UInt8(ascii: "#"), name.count > 1 else { return nil }
        let digits = String(decoding: name.dropFirst(), as: UTF8.self)
        let value: UInt32? =
            digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        guard let value else { return nil }
        let scalar = value == 0 ? nil : Unicode.Scalar(value)
        return Array(String(Character(scalar ?? "\u{FFFD}")).utf8)
    }

    // MARK: - Tags

    private mutating func readName() throws -> String {
        var name: [UInt8] = []
        while let byte = try peek(), isNameByte(byte) {
            guard name.count < Self.maximumNameBytes else {
                throw ImportError("A tag or attribute name is longer than \(Self.maximumNameBytes) bytes.", line: line)
            }
            name.append(byte)
            advance()
        }
        guard !name.isEmpty else { throw ImportError("Expected a tag name after '<'.", line: line) }
        return String(decoding: name, as: UTF8.self)
    }

    private mutating func readStartTag() throws -> XMLEvent {
        let startLine = line
        let name = try readName()
        var attributes: [String: String] = [:]
        while true {
            try skipSpace()
            guard let byte = try peek() else { throw ImportError("The file ends inside <\(name)>; it looks truncated.", line: line) }
            if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") {
                advance()
                if byte == UInt8(ascii: "/") {
                    guard try peek() == UInt8(ascii: ">") else { throw ImportError("Expected '>' after '/' in <\(name)>.", line: line) }
                    advance()
                }
                guard openElements.count < Self.maximumDepth else {
                    throw ImportError("Elements are nested more than \(Self.maximumDepth) deep.", line: line)
                }
                if openElements.isEmpty && sawRoot { throw ImportError("A second document element <\(name)> after the first one ended.", line: line) }
                sawRoot = true
                openElements.append((name, startLine))
                if byte == UInt8(ascii: "/") { pendingEnd = name }
                return .start(name: name, attributes: attributes)
            }
            guard attributes.count < Self.maximumAttributes else {
                throw ImportError("<\(name)> has more than \(Self.maximumAttributes) attributes.", line: line)
            }
            let attribute = try readName()
            try skipSpace()
            guard try peek() == UInt8(ascii: "=") else { throw ImportError("Attribute \(attribute) of <\(name)> has no value.", line: line) }
            advance()
            try skipSpace()
            guard let quote = try peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw ImportError("Attribute \(attribute) of <\(name)> is not quoted.", line: line)
            }
            advance()
            var value: [UInt8] = []
            while true {
                guard let byte = try peek() else {
                    throw ImportError("The file ends inside an attribute of <\(name)>; it looks truncated.", line: line)
                }
                advance()
                if byte == quote { break }
                if byte == UInt8(ascii: "<") { throw ImportError("'<' inside an attribute value of <\(name)>.", line: line) }
                if byte == UInt8(ascii: "&") { try readReference(into: &value) } else { value.append(byte) }
                guard value.count <= Self.maximumAttributeBytes else { throw ImportError("An attribute of <\(name)> is too long.", line: line) }
            }
            attributes[attribute] = String(decoding: value, as: UTF8.self)
        }
    }

    private mutating func readEndTag() throws -> XMLEvent {
        let name = try readName()
        try skipSpace()
        guard try peek() == UInt8(ascii: ">") else { throw ImportError("Expected '>' to close </\(name)>.", line: line) }
        advance()
        guard let open = openElements.last else { throw ImportError("</\(name)> closes nothing.", line: line) }
        guard open.name == name else {
            throw ImportError("</\(name)> closes <\(open.name)> (opened on line \(open.line)).", line: line)
        }
        openElements.removeLast()
        return .end(name: name)
    }

    /// After `<!`: a comment (skipped), CDATA (returned as text) or a DOCTYPE
    /// (refused if it declares anything).
    private mutating func readMarkupDeclaration() throws -> String? {
        var head: [UInt8] = []
        while head.count < 7, let byte = try peek() {
            head.append(byte)
            advance()
            if head == Array("--".utf8) {
                try skip(past: Array("-->".utf8), what: "comment")
                return nil
            }
            if head == Array("[CDATA[".utf8) { return try readCDATA() }
        }
        if String(decoding: head, as: UTF8.self).uppercased() == "DOCTYPE" {
            try readDoctype()
            return nil
        }
        throw ImportError("Unknown markup '<!\(String(decoding: head, as: UTF8.self))'.", line: line)
    }

    private mutating func readCDATA() throws -> String {
        guard !openElements.isEmpty else { throw ImportError("CDATA outside the document element.", line: line) }
        var out: [UInt8] = []
        var brackets = 0
        while let byte = try peek() {
            advance()
            if byte == UInt8(ascii: ">") && brackets >= 2 {
                out.removeLast(2)
                return String(decoding: out, as: UTF8.self)
            }
            brackets = byte == UInt8(ascii: "]") ? brackets + 1 : 0
            out.append(byte)
            if out.count >= Self.maximumTextPiece && brackets == 0, let next = try peek(), !Self.isContinuation(next) {
                // Hand the piece over and reopen: the consumer joins text pieces.
                chunk.insert(contentsOf: Array("<![CDATA[".utf8), at: index)
                return String(decoding: out, as: UTF8.self)
            }
        }
        throw ImportError("The file ends inside a CDATA section; it looks truncated.", line: line)
    }

    private mutating func readDoctype() throws {
        let startLine = line
        var body: [UInt8] = []
        while let byte = try peek() {
            advance()
            if byte == UInt8(ascii: ">") {
                break
            }
            body.append(byte)
            guard body.count < 4096 else { break }
        }
        let text = String(decoding: body, as: UTF8.self).uppercased()
        if text.contains("[") || text.contains("ENTITY") || text.contains("SYSTEM") || text.contains("PUBLIC") {
            throw ImportError(
                "The file declares a DTD or its own entities; exports never do, and such a file can read local files or expand without end, so it is refused.",
                line: startLine
            )
        }
    }

    private mutating func skip(past terminator: [UInt8], what: String) throws {
        var window: [UInt8] = []
        while let byte = try peek() {
            advance()
            window.append(byte)
            if window.count > terminator.count { window.removeFirst() }
            if window == terminator { return }
        }
        throw ImportError("The file ends inside a \(what); it looks truncated.", line: line)
    }
}
