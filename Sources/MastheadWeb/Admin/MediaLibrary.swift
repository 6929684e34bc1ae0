import Foundation
import Hummingbird
import MastheadCore

/// Receives uploads (images, archives) into the data folder's scratch space;
/// `ImagePipeline` files images from there.
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
}
