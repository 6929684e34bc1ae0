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
        uploadedAt: Date
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
    }
}

/// The media library's metadata; the files themselves live in the data folder.
public protocol MediaStore: Sendable {
    func add(_ file: MediaFile) async throws -> MediaAsset
    func asset(_ id: MediaID) async throws -> MediaAsset?
    /// Newest first.
    func list(page: PageRequest) async throws -> Paged<MediaAsset>
}
