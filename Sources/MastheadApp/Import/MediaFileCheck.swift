import Foundation
import MastheadCore

/// What an imported media file must be before it lands in the folder the site
/// serves from its own origin.
enum MediaFileCheck {
    static let maximumBytes = 50 * 1024 * 1024

    /// Relative, inside the folder, no hidden parts: `library/ab/….jpg`, `demo/story.svg`.
    static func isSafeRelativePath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return !path.hasPrefix("/") && !parts.isEmpty && parts.allSatisfy { !$0.isEmpty && !$0.hasPrefix(".") && $0 != ".." }
            && path.utf8.count < 512 && !path.contains("\\") && !path.unicodeScalars.contains { $0.value < 0x20 }
    }

    struct Refusal: Error {
        var reason: String
    }

    static func check(path: String, at file: String) -> Result<Data, Refusal> {
        guard isSafeRelativePath(path) else { return .failure(Refusal(reason: "the path is not a plain path inside the media folder.")) }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file), let size = (attributes[.size] as? NSNumber)?.intValue,
            size <= maximumBytes, let data = FileManager.default.contents(atPath: file)
        else {
            return .failure(Refusal(reason: "it is missing or larger than 50 MB."))
        }
        let lower = path.lowercased()
        if lower.hasSuffix(".svg") {
            return isPlainDrawing(data) ? .success(data) : .failure(Refusal(reason: "the SVG holds scripts, event handlers or embedded documents."))
        }
        guard case .success(let image) = ImageSniffer.sniff(Array(data)) else {
            return .failure(Refusal(reason: "it is not an image this site serves (JPEG, PNG, WebP, GIF or a plain SVG)."))
        }
        // The extension must say what the bytes are, so the server's content type is right.
        let expected = [image.kind.fileExtension] + (image.kind == .jpeg ? ["jpeg"] : [])
        guard expected.contains((lower as NSString).pathExtension) else {
            return .failure(Refusal(reason: "its name says one format and its bytes another."))
        }
        return .success(data)
    }

    /// An SVG that is a drawing and nothing else (`SVGAllowlist`).
    static func isPlainDrawing(_ data: Data) -> Bool { SVGAllowlist.isPlainDrawing(data) }
}
