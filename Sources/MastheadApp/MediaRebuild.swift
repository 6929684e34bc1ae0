import Foundation
import MastheadCore
import MastheadWeb

/// `masthead media rebuild`: brings every image in the media library up to what an
/// upload gets today. An image stored before renditions existed (or imported from an
/// archive) has its file, metadata and all, in the public `media/` folder: the file
/// moves to `originals/`, the public copy is remade without metadata, and the
/// renditions and crops are made around its focal point. Safe to run again: an image
/// that is already done is remade from its kept original (after a change of the
/// rendition ladder, say).
public enum MediaRebuild {
    public struct Report: Sendable {
        public var rebuilt = 0
        public var stripped = 0
        public var failed: [String] = []
    }

    public static func run(
        _ configuration: AppConfiguration,
        tools: ImageTools? = nil,
        progress: @Sendable (String) -> Void = { _ in }
    ) async throws -> Report {
        _ = try await Maintenance.migrate(configuration)
        let stores = try Maintenance.openStores(configuration)
        let pipeline = configuration.imagePipeline(tools ?? configuration.imageTools ?? ImageTools.locate())
        var report = Report()
        let assets = try await stores.media.everyAsset()
        for asset in assets {
            do {
                if try await refresh(asset, pipeline: pipeline, stores: stores) {
                    report.rebuilt += 1
                } else {
                    report.stripped += 1
                }
                progress(asset.path)
            } catch {
                report.failed.append("\(asset.path): \(error)")
            }
        }
        return report
    }

    /// Brings one library image up to date (see the type's comment). Returns whether
    /// renditions were made (`false`: libvips is missing and the public file was stripped).
    @discardableResult
    public static func refresh(_ asset: MediaAsset, pipeline: ImagePipeline, stores: Stores) async throws -> Bool {
        var asset = asset
        if asset.originalPath == nil { try keepOriginal(&asset, pipeline: pipeline) }
        guard let original = asset.originalPath else { return false }
        let rendered: Bool
        if pipeline.tools.vips != nil {
            let made = try await pipeline.rerender(originalPath: original, publicPath: asset.path, kind: asset.kind, focal: asset.focal)
            (asset.file.width, asset.file.height, asset.file.bytes) = (made.width, made.height, made.bytes)
            asset.file.renditions = made.renditions
            rendered = true
        } else {
            let data = try Data(contentsOf: URL(fileURLWithPath: pipeline.originalsDirectory + "/" + original))
            let stripped = try MetadataStripper.strip(data, kind: asset.kind)
            try stripped.write(to: URL(fileURLWithPath: pipeline.mediaDirectory + "/" + asset.path), options: .atomic)
            asset.file.bytes = stripped.count
            rendered = false
        }
        try await stores.media.update(asset)
        return rendered
    }

    /// Moves an older image's public file (the upload itself) to `originals/`.
    static func keepOriginal(_ asset: inout MediaAsset, pipeline: ImagePipeline) throws {
        let publicFile = URL(fileURLWithPath: pipeline.mediaDirectory).appendingPathComponent(asset.path)
        guard !asset.path.contains(".."), FileManager.default.fileExists(atPath: publicFile.path) else {
            throw MastheadError(.notFound, "the file is missing from the media folder")
        }
        let name = publicFile.lastPathComponent
        let originalPath = "\(name.prefix(2))/\(name)"
        let original = URL(fileURLWithPath: pipeline.originalsDirectory).appendingPathComponent(originalPath)
        try FileManager.default.createDirectory(
            at: original.deletingLastPathComponent(),
            withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700]
        )
        if FileManager.default.fileExists(atPath: original.path) { try FileManager.default.removeItem(at: original) }
        try FileManager.default.copyItem(at: publicFile, to: original)
        asset.file.originalPath = originalPath
    }
}
