import Crypto
import Foundation
import Hummingbird
import MastheadCore

/// Stores uploaded images in the data folder, named by their SHA-256 so the same
/// picture is kept once and a name can never be chosen by the uploader.
struct MediaLibrary: Sendable {
    /// The upload route's own limit; other routes accept far less.
    static let maximumUploadBytes = 15 * 1024 * 1024
    let mediaDirectory: String
    let temporaryDirectory: String

    /// Streams the request body to a temporary file, counting as it goes, and
    /// stops at the limit before another byte is buffered.
    func receive(_ body: RequestBody, limit: Int = maximumUploadBytes) async throws -> URL {
        try FileManager.default.createDirectory(atPath: temporaryDirectory, withIntermediateDirectories: true)
        let url = URL(fileURLWithPath: temporaryDirectory).appendingPathComponent("upload-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw MastheadError(.unavailable, "The upload could not be stored; the data folder may be full.")
        }
        let handle = try FileHandle(forWritingTo: url)
        var received = 0
        do {
            for try await chunk in body {
                received += chunk.readableBytes
                guard received <= limit else {
                    throw MastheadError(.tooLarge, "The upload is larger than \(limit / 1024 / 1024) MiB.")
                }
                try handle.write(contentsOf: Data(chunk.readableBytesView))
            }
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: url)
            throw error
        }
        return url
    }

    /// Checks the bytes are an allowed image and files them under `library/`.
    /// Returns the path under `media/`, the sniffed image and the size.
    func store(_ data: Data) throws -> (path: String, image: ImageSniffer.Image) {
        let image = try ImageSniffer.sniff(Array(data.prefix(256 * 1024))).get()
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        let path = "library/\(digest.prefix(2))/\(digest).\(image.kind.fileExtension)"
        let destination = URL(fileURLWithPath: mediaDirectory).appendingPathComponent(path)
        if !FileManager.default.fileExists(atPath: destination.path) {
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            // Written whole to a temporary name, then renamed: a reader never sees half a file.
            try data.write(to: destination, options: .atomic)
        }
        return (path, image)
    }
}
