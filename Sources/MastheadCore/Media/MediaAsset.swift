import Foundation

/// An image in the media library: its stored file and what an editor knows
/// about it, under the id the store gave it. Reads through to `file`
/// (`asset.alt`, `asset.width`).
@dynamicMemberLookup
public struct MediaAsset: Sendable, Hashable, Identifiable {
    public var id: MediaID
    public var file: MediaFile

    public init(id: MediaID, file: MediaFile) {
        self.id = id
        self.file = file
    }

    public subscript<Value>(dynamicMember keyPath: KeyPath<MediaFile, Value>) -> Value {
        file[keyPath: keyPath]
    }

    public var url: String { "/media/" + file.path }

    /// The path under `media/` of a site URL that points into the media folder.
    public static func path(ofURL url: String) -> String? {
        guard url.hasPrefix("/media/"), !url.contains("?"), !url.contains("#") else { return nil }
        return String(url.dropFirst("/media/".count))
    }

    /// The image as an article's lead image.
    public var leadImage: LeadImage {
        LeadImage(url: url, alt: file.alt, credit: file.credit, caption: file.caption, width: file.width, height: file.height)
    }

    /// Whether the licence has ended, or ends within `days` of `now`.
    public func licenceLapses(within days: Int, of now: Date) -> Bool {
        guard let expires = file.licenceExpires else { return false }
        return expires.timeIntervalSince(now) < Double(days) * 86_400
    }
}

/// An uploaded image file (named by its SHA-256, so the same picture is stored
/// once) and its editorial facts: alt text, credit, caption, rights.
public struct MediaFile: Sendable, Hashable {
    /// Path under the data folder's `media/`, e.g. `library/ab/ab12….jpg`.
    public var path: String
    public var kind: ImageSniffer.Kind
    public var width: Int
    public var height: Int
    public var bytes: Int
    public var alt: String
    public var credit: String
    public var caption: String
    public var rightsHolder: String?
    /// The day the licence to use the image ends, if it does.
    public var licenceExpires: Date?
    public var uploadedBy: AccountID?
    public var uploadedAt: Date
    /// Where crops centre; set in the media library.
    public var focal: FocalPoint
    /// The files made from it; nil until they are (or where libvips is not installed).
    public var renditions: RenditionSet?
    /// The upload as it arrived, under the data folder's `originals/`, which is never
    /// served to readers: it may carry where the photo was taken.
    public var originalPath: String?
    /// Fields filled in from the file's own IPTC/XMP that an editor has not confirmed yet.
    public var fromFile: Set<EmbeddedField>
    /// The image (its path under `media/`) that takes this one's place on public pages
    /// once its licence ends; none: the articles then show no lead image.
    public var replacement: String?

    public init(
        path: String,
        kind: ImageSniffer.Kind,
        width: Int,
        height: Int,
        bytes: Int,
        alt: String,
        credit: String,
        caption: String,
        rightsHolder: String?,
        licenceExpires: Date?,
        uploadedBy: AccountID?,
        uploadedAt: Date,
        focal: FocalPoint = .centre,
        renditions: RenditionSet? = nil,
        originalPath: String? = nil,
        fromFile: Set<EmbeddedField> = [],
        replacement: String? = nil
    ) {
        self.path = path
        self.kind = kind
        self.width = width
        self.height = height
        self.bytes = bytes
        self.alt = alt
        self.credit = credit
        self.caption = caption
        self.rightsHolder = rightsHolder
        self.licenceExpires = licenceExpires
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
        self.focal = focal
        self.renditions = renditions
        self.originalPath = originalPath
        self.fromFile = fromFile
        self.replacement = replacement
    }

    /// Whether the licence has ended by `now`: then no public output may use it.
    public func isWithdrawn(at now: Date) -> Bool {
        licenceExpires.map { $0 <= now } ?? false
    }
}

/// The media library's metadata; the files themselves live in the data folder.
public protocol MediaStore: Sendable {
    func add(_ file: MediaFile) async throws -> MediaAsset
    func asset(_ id: MediaID) async throws -> MediaAsset?
    /// Newest first.
    func list(page: PageRequest) async throws -> Paged<MediaAsset>
    /// The assets whose public file is at these paths (under `media/`), by path.
    func assets(paths: [String]) async throws -> [String: MediaAsset]
    /// Replaces what is known about an asset (its file path never changes).
    func update(_ asset: MediaAsset) async throws
    /// The paths of the images whose licence ended after `start` and by `end`: the moments pages must change.
    func licencesEnding(after start: Date, by end: Date) async throws -> [String]
    /// The surrogate keys of the pages that show the image at `path` as an article's lead
    /// image (`SurrogateKeys.purge(for:)` of each such article): what to drop when it is withdrawn.
    func pageKeys(showingImage path: String) async throws -> [String]
    /// Marks the images whose licence ended by `now` and were not announced yet as
    /// announced, and queues a `media.withdrawn` event for every webhook with the keys
    /// of the pages that showed each, in one transaction: however many instances ask,
    /// each withdrawal is announced once. Returns their paths. A licence date changed
    /// in the library (`update`) may be announced again when it passes.
    func announceWithdrawals(dueBy now: Date) async throws -> [String]
}

/// The photo-metadata fields an upload can fill in from the file itself.
public enum EmbeddedField: String, Sendable, Hashable, Codable, CaseIterable {
    case credit
    case caption
    case rightsHolder = "rights_holder"
    case licenceExpires = "licence_expires"
}

/// Anything a reader sees with a lead image: an article or a line in a list.
public protocol CarriesLeadImage: Sendable {
    var leadImage: LeadImage? { get set }
}

extension Article: CarriesLeadImage {}
extension ArticleSummary: CarriesLeadImage {}

extension MediaAsset {
    /// The items as readers may see them at `now`: a lead image whose licence has
    /// ended gives way to the replacement the editor chose (with its own alt text,
    /// credit and caption) or is gone (pages, feeds and JSON-LD show none), and one
    /// from the media library carries its renditions. One store read for the whole
    /// list, and one more for the replacements when some are needed.
    public static func resolve<Item: CarriesLeadImage>(_ items: [Item], media: any MediaStore, now: Date) async throws -> [Item] {
        let paths = Set(items.compactMap { $0.leadImage.flatMap { path(ofURL: $0.url) } })
        guard !paths.isEmpty else { return items }
        var assets = try await media.assets(paths: paths.sorted())
        let replacements = Set(assets.values.filter { $0.file.isWithdrawn(at: now) }.compactMap(\.replacement)).subtracting(assets.keys)
        if !replacements.isEmpty { assets.merge(try await media.assets(paths: replacements.sorted())) { first, _ in first } }
        return items.map { item in
            guard let image = item.leadImage, let path = path(ofURL: image.url), let asset = assets[path] else { return item }
            var item = item
            if asset.file.isWithdrawn(at: now) {
                // One step only: a replacement whose own licence has ended is not followed further.
                guard let replacement = asset.replacement.flatMap({ assets[$0] }), !replacement.file.isWithdrawn(at: now) else {
                    item.leadImage = nil
                    return item
                }
                item.leadImage = replacement.leadImage
                item.leadImage?.renditions = replacement.renditions
            } else if let renditions = asset.renditions {
                item.leadImage?.renditions = renditions
                // The asset's size is the upright picture's; an older article may carry the upload's.
                item.leadImage?.width = asset.width
                item.leadImage?.height = asset.height
            }
            return item
        }
    }
}

extension MediaStore {
    /// Every asset in the library, newest first, read a page at a time.
    public func everyAsset() async throws -> [MediaAsset] {
        var assets: [MediaAsset] = []
        var page = 1
        while true {
            let batch = try await list(page: PageRequest(page: page, perPage: 200))
            assets += batch.items
            guard batch.items.count == 200 else { return assets }
            page += 1
        }
    }
}
