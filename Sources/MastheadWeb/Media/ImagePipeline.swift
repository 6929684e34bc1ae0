import Crypto
import Foundation
import MastheadCore

/// Turns an uploaded photo into what readers may fetch, and keeps the upload itself
/// where they cannot.
///
/// 1. The bytes are checked by content (JPEG, PNG, WebP, GIF; AVIF and HEIC where
///    libvips is installed) and their declared size before anything decodes them.
/// 2. The upload is kept as it came under `originals/` (named by its SHA-256), which
///    is served to signed-in newsroom accounts only: it may say where it was taken.
/// 3. libvips, out of process, makes a clean master (rotated upright, sRGB, no more
///    than 2560 px a side, every metadata block dropped), and from it the public file
///    at `media/library/…`, the width ladder in AVIF, WebP and JPEG and the crops
///    around the focal point (`RenditionPlan`). Without libvips the public file is
///    the upload with its metadata blocks cut out (`MetadataStripper`).
/// 4. exiftool, out of process, reads the credit, caption and rights written into the file.
public struct ImagePipeline: Sendable {
    public let tools: ImageTools
    public let mediaDirectory: String
    public let originalsDirectory: String
    /// Scratch space on the same file system as `media/`, so finished files are renamed into place.
    public let workDirectory: String
    /// For the server's uploads: how many photos render at once (each runs two libvips
    /// children of two threads); a few more wait their turn, and beyond that an upload
    /// is answered 503 with `Retry-After` instead of piling children onto the machine
    /// that serves readers. Nil for the commands (imports, the demo, rebuilds), which
    /// render one photo after another.
    public let gate: WorkGate?

    /// The server's gate: one render per core, and never fewer than two, so that one
    /// hostile file held to its time limit cannot make the whole desk wait; 16 waiting.
    public static func uploadGate() -> WorkGate {
        WorkGate(limit: max(2, ProcessInfo.processInfo.activeProcessorCount), queueLength: 16)
    }

    public init(tools: ImageTools, mediaDirectory: String, originalsDirectory: String, workDirectory: String, gate: WorkGate? = nil) {
        self.tools = tools
        self.mediaDirectory = mediaDirectory
        self.originalsDirectory = originalsDirectory
        self.workDirectory = workDirectory
        self.gate = gate
    }

    /// What an upload became: the public file's facts, the renditions and the file's own metadata.
    public struct Result: Sendable {
        public var path: String
        public var kind: ImageSniffer.Kind
        public var width: Int
        public var height: Int
        public var bytes: Int
        public var originalPath: String
        public var renditions: RenditionSet?
        public var embedded: EmbeddedMetadata?
    }

    /// Processes an upload. Throws `invalidInput` for anything that is not an allowed
    /// image, or that the image tools could not read; no public file is made then.
    public func ingest(_ data: Data, focal: FocalPoint = .centre) async throws -> Result {
        // The whole file: a print desk's CMYK JPEG carries a colour profile of half a megabyte
        // before its size. The walk jumps from segment to segment; nothing is decoded.
        let header = Array(data)
        let kind: ImageSniffer.Kind
        let originalExtension: String
        switch ImageSniffer.sniff(header) {
        case .success(let image):
            kind = image.kind
            originalExtension = image.kind.fileExtension
        case .failure(let refusal):
            guard let size = ImageSniffer.heif(header) else { throw refusal }
            guard tools.vips != nil else {
                throw MastheadError(.invalidInput, "AVIF and HEIC photos need libvips on the server; upload a JPEG instead.")
            }
            if let refused = ImageSniffer.checkSize(width: size.width, height: size.height) { throw refused }
            kind = .jpeg  // readers get a JPEG (and the renditions): browsers differ on AVIF, and none shows HEIC
            originalExtension = "heif"
        }
        // Past the checks, and before anything is written: a refused upload leaves nothing behind.
        return try await gated { try await store(data, header: header, kind: kind, originalExtension: originalExtension, focal: focal) }
    }

    private func store(_ data: Data, header: [UInt8], kind: ImageSniffer.Kind, originalExtension: String, focal: FocalPoint) async throws -> Result {
        let key = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        let originalPath = "\(key.prefix(2))/\(key).\(originalExtension)"
        let original = URL(fileURLWithPath: originalsDirectory).appendingPathComponent(originalPath)
        try Self.place(data, at: original, private: true)

        var result = Result(
            path: "library/\(key.prefix(2))/\(key).\(kind.fileExtension)",
            kind: kind,
            width: 0,
            height: 0,
            bytes: data.count,
            originalPath: originalPath,
            renditions: nil,
            embedded: await EmbeddedMetadata.read(original, tools: tools)
        )
        let publicFile = URL(fileURLWithPath: mediaDirectory).appendingPathComponent(result.path)
        if tools.vips != nil {
            let made = try await render(original: original, key: key, kind: kind, publicFile: publicFile, focal: focal)
            (result.width, result.height, result.bytes, result.renditions) = made
        } else {
            let stripped = try MetadataStripper.strip(data, kind: kind)
            try Self.place(stripped, at: publicFile, private: false)
            guard case .success(let image) = ImageSniffer.sniff(header) else { throw MastheadError(.invalidInput, "Unreadable image.") }
            (result.width, result.height, result.bytes) = (image.width, image.height, stripped.count)
        }
        return result
    }

    /// Makes the renditions again from a kept original: after the focal point moves,
    /// and for `masthead media rebuild`.
    public func rerender(
        originalPath: String,
        publicPath: String,
        kind: ImageSniffer.Kind,
        focal: FocalPoint
    ) async throws -> (
        width: Int, height: Int, bytes: Int, renditions: RenditionSet
    ) {
        guard tools.vips != nil else { throw MastheadError(.unavailable, "libvips is not installed, so renditions cannot be made.") }
        let original = URL(fileURLWithPath: originalsDirectory).appendingPathComponent(originalPath)
        let key = original.deletingPathExtension().lastPathComponent
        let made = try await gated {
            try await render(
                original: original,
                key: key,
                kind: kind,
                publicFile: URL(fileURLWithPath: mediaDirectory).appendingPathComponent(publicPath),
                focal: focal
            )
        }
        return (made.0, made.1, made.2, made.3)
    }

    private func gated<Value: Sendable>(_ work: () async throws -> Value) async throws -> Value {
        guard let gate else { return try await work() }
        return try await gate.run(work)
    }

    private func render(
        original: URL,
        key: String,
        kind: ImageSniffer.Kind,
        publicFile: URL,
        focal: FocalPoint
    ) async throws -> (
        Int, Int, Int, RenditionSet
    ) {
        guard let vips = tools.vips else { throw MastheadError(.unavailable, "libvips is not installed.") }
        let work = URL(fileURLWithPath: workDirectory).appendingPathComponent("render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: work) }

        // The master: upright, sRGB, capped, and written as PNG with `strip`, which drops
        // every metadata block. (libvips 8.14 copies EXIF into WebP and AVIF even with
        // `strip`, so every public file is made from this clean master, never the upload.)
        let master = work.appendingPathComponent("master.png")
        let side = String(RenditionPlan.masterSide)
        do {
            try await tools.run(
                vips,
                [
                    "thumbnail", original.path, master.path + "[strip,compression=1]", side, "--height", side, "--size", "down",
                    // A cut-off upload is refused, not published with a grey lower half.
                    "--fail-on", "truncated",
                ]
            )
        } catch {
            throw MastheadError(.invalidInput, "The image could not be read: it may be damaged or not really an image.")
        }
        guard case .success(let size) = ImageSniffer.sniff(Array(try Data(contentsOf: master).prefix(64))) else {
            throw MastheadError(.invalidInput, "The image could not be read.")
        }
        let publicWork = work.appendingPathComponent("public.\(kind.fileExtension)")
        try await tools.run(vips, ["copy", master.path, publicWork.path + Self.publicSaveOptions(kind)])
        let plan = RenditionPlan(key: key, width: size.width, height: size.height, focal: focal)
        try await withThrowingTaskGroup(of: Void.self) { group in
            // Two at a time: the machine has other work, and each child is itself threaded.
            var pending = plan.steps.makeIterator()
            func next() -> Bool {
                guard let step = pending.next() else { return false }
                group.addTask { try await make(step, from: master, in: work, vips: vips) }
                return true
            }
            for _ in 0..<2 where next() {}
            while try await group.next() != nil { _ = next() }
        }
        // Every file is finished before one is moved: a page never names a rendition that is half there.
        for step in plan.steps {
            let made = work.appendingPathComponent(step.rendition.path.replacingOccurrences(of: "/", with: "_"))
            try Self.move(made, to: URL(fileURLWithPath: mediaDirectory).appendingPathComponent(step.rendition.path))
        }
        let bytes = ((try? FileManager.default.attributesOfItem(atPath: publicWork.path))?[.size] as? Int) ?? 0
        try Self.move(publicWork, to: publicFile)
        return (size.width, size.height, bytes, plan.set)
    }

    private func make(_ step: RenditionPlan.Step, from master: URL, in work: URL, vips: String) async throws {
        let rendition = step.rendition
        let output = work.appendingPathComponent(rendition.path.replacingOccurrences(of: "/", with: "_"))
        let target = output.path + Self.saveOptions(rendition.format)
        if let (left, top, width, height) = step.cut {
            let cut = work.appendingPathComponent("cut-\(UUID().uuidString).png")
            try await tools.run(vips, ["crop", master.path, cut.path + "[compression=1]", "\(left)", "\(top)", "\(width)", "\(height)"])
            try await tools.run(
                vips,
                ["thumbnail", cut.path, target, "\(rendition.width)", "--height", "\(rendition.height)", "--crop", "centre"]
            )
            try? FileManager.default.removeItem(at: cut)
        } else {
            try await tools.run(vips, ["thumbnail", master.path, target, "\(rendition.width)", "--height", "100000"])
        }
    }

    /// Quality per format, chosen so that the three look alike at a glance.
    static func saveOptions(_ format: RenditionFormat) -> String {
        switch format {
        case .avif: "[Q=52,effort=3,strip]"
        case .webp: "[Q=72,strip]"
        case .jpeg: "[Q=78,strip,optimize-coding,interlace]"
        }
    }

    /// The public full-size file keeps the upload's kind (an animated GIF or WebP keeps its first frame).
    static func publicSaveOptions(_ kind: ImageSniffer.Kind) -> String {
        switch kind {
        case .jpeg: "[Q=85,strip,optimize-coding,interlace]"
        case .png: "[strip,compression=6]"
        case .webp: "[Q=82,strip]"
        case .gif: "[strip]"
        }
    }

    /// Writes whole to a temporary name, then renames: a reader never sees half a file.
    static func place(_ data: Data, at url: URL, private isPrivate: Bool) throws {
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(),
            withIntermediateDirectories: true,
            attributes: [.posixPermissions: isPrivate ? 0o700 : 0o755]
        )
        if !FileManager.default.fileExists(atPath: url.path) { try data.write(to: url, options: .atomic) }
    }

    static func move(_ from: URL, to destination: URL) throws {
        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        if FileManager.default.fileExists(atPath: destination.path) { try FileManager.default.removeItem(at: destination) }
        try FileManager.default.moveItem(at: from, to: destination)
    }
}
