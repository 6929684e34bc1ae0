import Foundation

/// Bytes read a chunk at a time, so a parser over a 1 GB export holds one chunk,
/// not the file.
public protocol ByteSource {
    /// The next chunk, or `nil` at the end. Chunks are never empty.
    mutating func nextChunk() throws -> [UInt8]?
    /// Bytes handed out so far (for progress reports).
    var bytesRead: Int { get }
}

/// A file read in 256 KiB chunks.
public struct FileByteSource: ByteSource {
    public static let chunkSize = 256 * 1024
    private let handle: FileHandle
    public private(set) var bytesRead = 0
    /// The file's size when opened, for a progress bar.
    public let size: Int

    public init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportError("Cannot open \(path) for reading.")
        }
        self.handle = handle
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        self.size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
    }

    public mutating func nextChunk() throws -> [UInt8]? {
        guard let data = try handle.read(upToCount: Self.chunkSize), !data.isEmpty else {
            try? handle.close()
            return nil
        }
        bytesRead += data.count
        return [UInt8](data)
    }
}

/// Bytes already in memory (an upload, a test), handed out in chunks all the
/// same so that chunk boundaries are exercised everywhere.
public struct MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private let chunkSize: Int
    public private(set) var bytesRead = 0

    public init(_ bytes: [UInt8], chunkSize: Int = 64 * 1024) {
        self.bytes = bytes
        self.chunkSize = max(1, chunkSize)
    }

    public init(_ text: String, chunkSize: Int = 64 * 1024) {
        self.init(Array(text.utf8), chunkSize: chunkSize)
    }

    public mutating func nextChunk() throws -> [UInt8]? {
        guard bytesRead < bytes.count else { return nil }
        let end = min(bytes.count, bytesRead + chunkSize)
        defer { bytesRead = end }
        return Array(bytes[bytesRead..<end])
    }
}

/// A problem with an import's input, in one sentence, with where it was found.
public struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var line: Int?

    public init(_ message: String, line: Int? = nil) {
        self.message = message
        self.line = line
    }

    public var description: String {
        line.map { "line \($0): \(message)" } ?? message
    }
}

/// Lines of a byte stream (`articles.jsonl`), without the newline; bounded.
public struct LineReader<Source: ByteSource> {
    public static var maximumLineBytes: Int { 32 * 1024 * 1024 }
    private var source: Source
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false

    public init(source: Source) {
        self.source = source
    }

    public mutating func next() throws -> [UInt8]? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                defer { start = newline + 1 }
                return Array(buffer[start..<newline])
            }
            guard buffer.count - start <= Self.maximumLineBytes else { throw ImportError("A line is longer than 32 MB.") }
            guard !finished else {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                return Array(buffer[start...])
            }
            buffer.removeSubrange(0..<start)
            start = 0
            if let chunk = try source.nextChunk() { buffer += chunk } else { finished = true }
        }
    }
}
