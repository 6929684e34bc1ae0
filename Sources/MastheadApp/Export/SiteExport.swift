import Foundation
import MastheadCore
import MastheadImport

/// `masthead export json|markdown DIR`: the whole site in open formats that
/// `masthead import json|markdown` reads back. Articles are walked a page of
/// ids at a time and written as they are read, so an archive of any size
/// exports in bounded memory.
public struct SiteExport: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case json, markdown
    }

    public struct Summary: Sendable, Equatable {
        public var articles = 0
        public var mediaFiles = 0
    }

    let stores: Stores
    let mediaDirectory: String
    let clock: WallClock

    public init(stores: Stores, mediaDirectory: String, clock: WallClock = .system) {
        self.stores = stores
        self.mediaDirectory = mediaDirectory
        self.clock = clock
    }

    public func write(_ format: Format, to folder: String) async throws -> Summary {
        let files = FileManager.default
        if files.fileExists(atPath: folder), !((try? files.contentsOfDirectory(atPath: folder)) ?? []).isEmpty {
            throw MastheadError(.invalidInput, "\(folder) already exists and is not empty; export into a new folder.")
        }
        try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var manifest = try await manifest()
        var summary = Summary()
        summary.mediaFiles = try copyMedia(to: (folder as NSString).appendingPathComponent("media"))

        var writer: any ArticleWriter =
            format == .json
            ? try JSONLinesWriter(path: (folder as NSString).appendingPathComponent(ArchiveManifest.articlesFileName))
            : MarkdownFilesWriter(folder: (folder as NSString).appendingPathComponent("articles"))
        var after: ArticleID?
        while true {
            let ids = try await stores.archive.articleIDs(after: after, limit: 500)
            guard let last = ids.last else { break }
            after = last
            for id in ids {
                guard let article = try await stores.articles.article(id: id) else { continue }
                try writer.write(try await archived(article))
                summary.articles += 1
            }
        }
        try writer.close()
        manifest.articleCount = summary.articles
        let data = try ArchiveJSON.encoder(pretty: true).encode(manifest)
        try data.write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(ArchiveManifest.fileName)))
        return summary
    }

    func manifest() async throws -> ArchiveManifest {
        var manifest = ArchiveManifest(exportedAt: clock.now)
        manifest.site = try await stores.site.settings()
        manifest.sections = try await stores.taxonomy.sections().map {
            .init(slug: $0.slug.rawValue, name: $0.name, description: $0.description, position: $0.position)
        }
        manifest.authors = try await stores.taxonomy.authors().map {
            .init(slug: $0.slug.rawValue, name: $0.name, bio: $0.bio, photoURL: $0.photoURL, role: $0.role)
        }
        manifest.tags = try await stores.taxonomy.tags().map { .init(slug: $0.slug.rawValue, name: $0.name) }
        manifest.media = try await stores.media.everyAsset().map {
            .init(
                path: $0.path,
                alt: $0.alt,
                credit: $0.credit,
                caption: $0.caption,
                rightsHolder: $0.rightsHolder,
                licenceExpires: $0.licenceExpires,
                uploadedAt: $0.uploadedAt,
                focalX: $0.focal == .centre ? nil : $0.focal.x,
                focalY: $0.focal == .centre ? nil : $0.focal.y,
                replacement: $0.replacement
            )
        }
        // Upload time then path, not the library's ids: images uploaded in the same second
        // come out in the same order from a site and from its imported copy.
        manifest.media.sort { ($0.uploadedAt, $0.path) < ($1.uploadedAt, $1.path) }
        for list in CuratedList.allCases {
            var slugs: [String] = []
            for id in try await stores.site.curatedList(list) {
                if let article = try await stores.articles.article(id: id) { slugs.append(article.slug.rawValue) }
            }
            manifest.curated[list.rawValue] = slugs
        }
        manifest.redirects = try await stores.archive.pathRedirects().compactMap { redirect in
            guard case .path(let target) = redirect.to else { return nil }
            return .init(from: redirect.from, to: target)
        }
        return manifest
    }

    func archived(_ article: Article) async throws -> ArchiveArticle {
        let revisions = try await stores.articles.revisions(of: article.id).reversed().map { revision in
            ArchiveArticle.RevisionEntry(
                number: revision.number,
                savedAt: revision.savedAt,
                savedBy: revision.savedByName,
                headline: revision.snapshot.headline,
                standfirst: revision.snapshot.standfirst,
                bodyMarkdown: revision.snapshot.bodyMarkdown
            )
        }
        return ArchiveArticle(
            slug: article.slug.rawValue,
            headline: article.headline,
            standfirst: article.standfirst,
            section: article.section.slug.rawValue,
            authors: article.authors.map(\.slug.rawValue),
            tags: article.tags.map(\.slug.rawValue),
            leadImage: article.leadImage,
            bodyMarkdown: article.bodyMarkdown,
            status: article.status,
            publishedAt: article.publishedAt,
            updatedAt: article.updatedAt,
            rightsOverride: article.rightsOverride,
            seoTitle: article.seoTitle,
            seoDescription: article.seoDescription,
            datelineZone: article.datelineZone,
            corrections: article.corrections,
            formerSlugs: try await stores.archive.formerSlugs(of: article.id).map(\.rawValue),
            legacyPaths: try await stores.archive.redirects(to: article.id),
            revisions: revisions
        )
    }

    /// Copies every media file (the library and the demo's artwork) under the same
    /// paths the articles use.
    func copyMedia(to folder: String) throws -> Int {
        let files = FileManager.default
        guard let walker = files.enumerator(atPath: mediaDirectory) else { return 0 }
        var copied = 0
        while let path = walker.nextObject() as? String {
            let source = (mediaDirectory as NSString).appendingPathComponent(path)
            guard let attributes = try? files.attributesOfItem(atPath: source), attributes[.type] as? FileAttributeType == .typeRegular else {
                continue
            }
            let target = (folder as NSString).appendingPathComponent(path)
            try files.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try files.copyItem(atPath: source, toPath: target)
            copied += 1
        }
        return copied
    }
}

protocol ArticleWriter {
    mutating func write(_ article: ArchiveArticle) throws
    mutating func close() throws
}

/// `articles.jsonl`: one article per line, appended as it is read.
struct JSONLinesWriter: ArticleWriter {
    let handle: FileHandle
    let encoder = ArchiveJSON.encoder(pretty: false)

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw MastheadError(.invalidInput, "Cannot write \(path).")
        }
        self.handle = handle
    }

    mutating func write(_ article: ArchiveArticle) throws {
        var data = try encoder.encode(article)
        data.append(UInt8(ascii: "\n"))
        try handle.write(contentsOf: data)
    }

    mutating func close() throws {
        try handle.close()
    }
}

/// `articles/YYYY/slug.md` (drafts without a date under `articles/undated/`), with front matter.
struct MarkdownFilesWriter: ArticleWriter {
    let folder: String

    mutating func write(_ article: ArchiveArticle) throws {
        let year = article.publishedAt.map { String(Calendar(identifier: .gregorian).dateComponents(in: .gmt, from: $0).year ?? 0) } ?? "undated"
        let directory = (folder as NSString).appendingPathComponent(year)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent(article.slug + ".md")
        try Data(MarkdownArticleFile.text(article).utf8).write(to: URL(fileURLWithPath: path))
    }

    mutating func close() throws {}
}
