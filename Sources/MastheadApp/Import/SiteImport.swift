import Foundation
import MastheadCore
import MastheadImport
import MastheadWeb

/// `masthead import …` and the admin's import page: reads a source with the
/// matching reader from `MastheadImport` and hands each article to an
/// `ArchiveImporter`. Every source is read as a stream (a WordPress export in
/// two passes), so memory stays bounded whatever the size of the archive.
public struct SiteImport: Sendable {
    /// Reports how far a long import has got, as a fraction from 0 to 1 and articles so far.
    public typealias Progress = @Sendable (_ fraction: Double, _ articles: Int) -> Void

    public static let maximumPageBytes = 8 * 1024 * 1024

    let stores: Stores
    let mediaDirectory: String
    let clock: WallClock
    /// Library images from an archive go through it (nil leaves their files as they came).
    let images: ImagePipeline?
    /// Set: lead images on other sites (a WordPress export's featured images, a Markdown
    /// file's `image:`) are fetched into the media library (`ImportedImages`); nil
    /// leaves them at their old addresses.
    public var fetchImages: RemoteImageFetcher?

    public init(stores: Stores, mediaDirectory: String, clock: WallClock = .system, images: ImagePipeline? = nil) {
        self.stores = stores
        self.mediaDirectory = mediaDirectory
        self.clock = clock
        self.images = images
    }

    /// The image copier for one import run, when images are to be fetched (it needs the pipeline).
    func imageCopier() -> ImportedImages? {
        guard let fetchImages, let images else { return nil }
        return ImportedImages(fetcher: fetchImages, pipeline: images, stores: stores, clock: clock)
    }

    /// The zone given, or the site's.
    func resolvedZone(_ zone: TimeZone?) async throws -> TimeZone {
        if let zone { return zone }
        return try await stores.site.settings()?.timeZone ?? .gmt
    }

    // MARK: - WordPress

    /// A WordPress export file. Dates WordPress wrote without a zone are read in `zone`
    /// (default: the site's zone).
    public func wordPress(file: String, zone: TimeZone? = nil, progress: Progress? = nil) async throws -> ImportReport {
        let size = max(1, try FileByteSource(path: file).size)
        // The first pass reads the whole file, so a file that is not an export at all is
        // refused before anything is written; a broken one is imported up to the break.
        let catalogue: WXRCatalogue
        do {
            catalogue = try WXRReader.catalogue(try FileByteSource(path: file))
        } catch let error as ImportError {
            throw MastheadError(.invalidInput, error.description)
        }
        let importer = ArchiveImporter(
            stores: stores,
            clock: clock,
            defaultCredit: catalogue.siteTitle.isEmpty ? "Archive" : catalogue.siteTitle
        )
        try await importer.addPageRedirects(categoryRedirects(catalogue) + attachmentRedirects(catalogue))
        let zone = try await resolvedZone(zone)
        var done = 0
        return try await withImageCopier { copier in
            try await WXRReader.articles(
                try FileByteSource(path: file),
                catalogue: catalogue,
                zone: zone,
                progress: { bytes in
                    progress?(Double(bytes) / Double(size), done)
                },
                handle: { result in
                    switch result {
                    case .success(let article):
                        try await importer.add(await copier?.localise(article) ?? article)
                        done += 1
                    case .failure(let problem):
                        importer.skip(problem)
                    }
                }
            )
            progress?(1, done)
            return try await importer.finish()
        }
    }

    /// Runs `body` with the run's image copier (nil when images are not fetched), and
    /// closes its HTTP client however `body` ends.
    func withImageCopier<T>(_ body: (ImportedImages?) async throws -> T) async throws -> T {
        let copier = imageCopier()
        do {
            let value = try await body(copier)
            await copier?.shutdown()
            return value
        } catch {
            await copier?.shutdown()
            throw error
        }
    }

    /// WordPress's category and tag pages (`/category/news/`) lead to our section and tag pages.
    func categoryRedirects(_ catalogue: WXRCatalogue) -> [PathRedirect] {
        var redirects: [PathRedirect] = []
        for (nicename, term) in catalogue.categories {
            guard let slug = Slug(from: term.slug ?? term.name), !nicename.isEmpty, nicename != "uncategorized" else { continue }
            redirects.append(PathRedirect(from: "/category/\(nicename)/", to: .path("/section/\(slug)")))
            redirects.append(PathRedirect(from: "/category/\(nicename)", to: .path("/section/\(slug)")))
        }
        for (nicename, term) in catalogue.tags {
            guard let slug = Slug(from: term.slug ?? term.name), !nicename.isEmpty, nicename != slug.rawValue else { continue }
            redirects.append(PathRedirect(from: "/tag/\(nicename)/", to: .path("/tag/\(slug)")))
            redirects.append(PathRedirect(from: "/tag/\(nicename)", to: .path("/tag/\(slug)")))
        }
        return redirects
    }

    /// An attachment's page, and `/?attachment_id=N`, lead to the image itself, as they
    /// do on sites with Yoast's "redirect attachment URLs" setting.
    func attachmentRedirects(_ catalogue: WXRCatalogue) -> [PathRedirect] {
        catalogue.attachments.values.flatMap { attachment -> [PathRedirect] in
            guard LegacyImageAddress.accepts(attachment.url) else { return [] }
            return attachment.pages.map { PathRedirect(from: $0, to: .path(attachment.url)) }
        }
    }

    // MARK: - Markdown folders and our own archives

    /// A folder of Markdown files with front matter. A folder written by
    /// `masthead export markdown` also brings its settings, people, media and lists.
    public func markdownFolder(_ folder: String, zone: TimeZone? = nil, progress: Progress? = nil) async throws -> ImportReport {
        let manifest = try readManifest(folder, required: false)
        let importer = ArchiveImporter(stores: stores, clock: clock, defaultCredit: manifest?.site?.name ?? "Archive")
        if let manifest { try await applyManifest(manifest, from: folder, importer: importer) }
        let zone = try await resolvedZone(zone)
        let files: [String]
        do {
            files = try MarkdownFolderReader.files(in: folder)
        } catch let error as ImportError {
            throw MastheadError(.invalidInput, error.description)
        }
        let report = try await withImageCopier { copier in
            for (index, file) in files.enumerated() {
                switch MarkdownFolderReader.article(file: file, in: folder, zone: zone) {
                case .success(let article): try await importer.add(await copier?.localise(article) ?? article)
                case .failure(let problem): importer.skip(problem)
                }
                progress?(Double(index + 1) / Double(max(1, files.count)), index + 1)
            }
            return try await importer.finish()
        }
        if let manifest { try await applyCuratedLists(manifest) }
        return report
    }

    /// A folder written by `masthead export json`.
    public func archive(_ folder: String, progress: Progress? = nil) async throws -> ImportReport {
        guard let manifest = try readManifest(folder, required: true) else { return ImportReport() }
        let importer = ArchiveImporter(stores: stores, clock: clock, defaultCredit: manifest.site?.name ?? "Archive")
        try await applyManifest(manifest, from: folder, importer: importer)
        let path = (folder as NSString).appendingPathComponent(ArchiveManifest.articlesFileName)
        var lines = LineReader(source: try FileByteSource(path: path))
        let decoder = ArchiveJSON.decoder()
        var number = 0
        while let line = try lines.next() {
            number += 1
            guard !line.isEmpty else { continue }
            do {
                let article = try decoder.decode(ArchiveArticle.self, from: Data(line))
                try await importer.add(article.imported(manifest: manifest, line: number))
            } catch is DecodingError {
                importer.skip(ImportProblem(item: ArchiveManifest.articlesFileName, line: number, reason: "the line is not an archived article."))
            }
            progress?(Double(number) / Double(max(1, manifest.articleCount)), number)
        }
        let report = try await importer.finish()
        try await applyCuratedLists(manifest)
        return report
    }

    func readManifest(_ folder: String, required: Bool) throws -> ArchiveManifest? {
        let path = (folder as NSString).appendingPathComponent(ArchiveManifest.fileName)
        guard let data = FileManager.default.contents(atPath: path) else {
            if required { throw MastheadError(.invalidInput, "\(folder) holds no \(ArchiveManifest.fileName); it is not a Masthead export.") }
            return nil
        }
        do {
            let manifest = try ArchiveJSON.decoder().decode(ArchiveManifest.self, from: data)
            guard manifest.format == ArchiveManifest.formatName, manifest.version == 1 else {
                throw MastheadError(.invalidInput, "\(path) is not a version 1 Masthead archive.")
            }
            return manifest
        } catch is DecodingError {
            throw MastheadError(.invalidInput, "\(path) cannot be read as a Masthead archive manifest.")
        }
    }

    /// Settings, sections, authors, tags, media files and page redirects, before the articles.
    func applyManifest(_ manifest: ArchiveManifest, from folder: String, importer: ArchiveImporter) async throws {
        if let settings = manifest.site {
            // Settings the editor would refuse (a `javascript:` profile, a bad zone) are refused here too.
            let problems = settings.validationProblems()
            if problems.isEmpty {
                try await stores.site.saveSettings(settings)
            } else {
                importer.skip(ImportProblem(item: "site settings", line: nil, reason: problems.joined(separator: " ")))
            }
        }
        for section in manifest.sections {
            guard let slug = Slug(validating: section.slug) else { continue }
            _ = try await stores.taxonomy.saveSection(slug: slug, name: section.name, description: section.description, position: section.position)
        }
        for author in manifest.authors {
            guard let slug = Slug(validating: author.slug) else { continue }
            let photo = author.photoURL.flatMap { SafeURL.check($0, for: .image) }
            _ = try await stores.taxonomy.saveAuthor(slug: slug, name: author.name, bio: author.bio, photoURL: photo, role: author.role)
        }
        for tag in manifest.tags {
            guard let slug = Slug(validating: tag.slug) else { continue }
            _ = try await stores.taxonomy.findOrCreateTag(slug: slug, name: tag.name)
        }
        try await importMedia(manifest.media, from: (folder as NSString).appendingPathComponent("media"), importer: importer)
        try await importer.addPageRedirects(
            manifest.redirects.filter { $0.from.hasPrefix("/") && $0.to.hasPrefix("/") }.map { PathRedirect(from: $0.from, to: .path($0.to)) }
        )
    }

    func applyCuratedLists(_ manifest: ArchiveManifest) async throws {
        for list in CuratedList.allCases {
            guard let slugs = manifest.curated[list.rawValue] else { continue }
            var ids: [ArticleID] = []
            for slug in slugs.compactMap(Slug.init(validating:)) {
                if let article = try await stores.articles.article(slug: slug) { ids.append(article.id) }
            }
            try await stores.site.setCuratedList(list, to: ids)
        }
    }

    /// Copies the archive's media files into the site's media folder under the same
    /// paths, then lists the library's images. Only files that are what they claim
    /// pass: raster images the sniffer recognises, and SVG drawings without scripts,
    /// handlers or embedded documents; a path that tries to leave the folder is refused.
    func importMedia(_ media: [ArchiveManifest.MediaEntry], from folder: String, importer: ArchiveImporter) async throws {
        let files = FileManager.default
        if let walker = files.enumerator(atPath: folder) {
            while let path = walker.nextObject() as? String {
                let source = (folder as NSString).appendingPathComponent(path)
                guard let attributes = try? files.attributesOfItem(atPath: source), attributes[.type] as? FileAttributeType == .typeRegular else {
                    continue
                }
                let target = URL(fileURLWithPath: mediaDirectory).appendingPathComponent(path)
                guard !files.fileExists(atPath: target.path) else { continue }
                switch MediaFileCheck.check(path: path, at: source) {
                case .failure(let refusal):
                    importer.skip(ImportProblem(item: "media/" + path, line: nil, reason: refusal.reason))
                case .success(let data):
                    try files.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try data.write(to: target, options: .atomic)
                }
            }
        }
        let known = Set(try await stores.media.everyAsset().map(\.path))
        for entry in media where !known.contains(entry.path) {
            let path = URL(fileURLWithPath: mediaDirectory).appendingPathComponent(entry.path).path
            guard MediaFileCheck.isSafeRelativePath(entry.path), let data = files.contents(atPath: path),
                case .success(let image) = ImageSniffer.sniff(Array(data))
            else {
                importer.skip(
                    ImportProblem(item: "media/" + entry.path, line: nil, reason: "the library lists it, but the archive has no such image.")
                )
                continue
            }
            let asset = try await stores.media.add(
                MediaFile(
                    path: entry.path,
                    kind: image.kind,
                    width: image.width,
                    height: image.height,
                    bytes: data.count,
                    alt: entry.alt,
                    credit: entry.credit,
                    caption: entry.caption,
                    rightsHolder: entry.rightsHolder,
                    licenceExpires: entry.licenceExpires,
                    uploadedBy: nil,
                    uploadedAt: entry.uploadedAt,
                    focal: FocalPoint(x: entry.focalX ?? 0.5, y: entry.focalY ?? 0.5),
                    replacement: entry.replacement.flatMap { MediaAsset.path(ofURL: "/media/" + $0) }
                )
            )
            // An archive's files arrive as another site published them: keep the file privately
            // and give readers clean copies and renditions, as an upload gets.
            if let images {
                do {
                    try await MediaRebuild.refresh(asset, pipeline: images, stores: stores)
                } catch {
                    importer.skip(ImportProblem(item: "media/" + entry.path, line: nil, reason: "its renditions could not be made (\(error))."))
                }
            }
        }
    }

    // MARK: - Legacy pages

    /// Saved article pages (HTML or text), one article each; a folder stands for the
    /// `.html`, `.htm` and `.txt` files in it.
    public func pages(_ paths: [String], zone: TimeZone? = nil, section: String = "News") async throws -> ImportReport {
        let importer = ArchiveImporter(stores: stores, clock: clock, defaultCredit: "Archive")
        let zone = try await resolvedZone(zone)
        for file in Self.pageFiles(paths) {
            switch Self.recognisePage(file, zone: zone) {
            case .failure(let problem):
                importer.skip(problem)
            case .success(let page):
                switch page.article(sourceKey: "page:" + (file as NSString).lastPathComponent, fallbackSection: section) {
                case .success(let article): try await importer.add(article)
                case .failure(let problem): importer.skip(problem)
                }
            }
        }
        return try await importer.finish()
    }

    /// The files `import page` reads: the ones named, and those in the folders named.
    public static func pageFiles(_ paths: [String]) -> [String] {
        paths.flatMap { path -> [String] in
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue,
                let names = try? FileManager.default.contentsOfDirectory(atPath: path)
            else { return [path] }
            return names.filter { [".html", ".htm", ".txt"].contains(where: $0.lowercased().hasSuffix) && !$0.hasPrefix(".") }.sorted()
                .map { (path as NSString).appendingPathComponent($0) }
        }
    }

    /// What the page importer recognises in one file, as the dry run's JSON.
    public static func dryRun(page file: String, zone: TimeZone) -> Result<String, ImportProblem> {
        recognisePage(file, zone: zone).map(\.json)
    }

    static func recognisePage(_ file: String, zone: TimeZone) -> Result<RecognisedPage, ImportProblem> {
        let name = (file as NSString).lastPathComponent
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file), let size = (attributes[.size] as? NSNumber)?.intValue,
            let data = FileManager.default.contents(atPath: file)
        else {
            return .failure(ImportProblem(item: name, line: nil, reason: "it cannot be read."))
        }
        guard size <= maximumPageBytes else { return .failure(ImportProblem(item: name, line: nil, reason: "it is larger than 8 MB.")) }
        let text = PageDecoding.text(from: data)
        guard !text.unicodeScalars.prefix(4096).contains(where: { $0.value == 0 }) else {
            return .failure(ImportProblem(item: name, line: nil, reason: "it is not a text or HTML file."))
        }
        return .success(LegacyPageReader.recognise(text, fileName: name, fallbackZone: zone))
    }
}

/// The back office's import page reads uploads with the same readers as the command line.
extension SiteImport: ArchiveImporting {
    public func importFile(at path: String, named name: String, as source: ImportSource) async throws -> ImportReport {
        switch source {
        case .wordPress:
            return try await wordPress(file: path)
        case .page:
            // The page's own name says whether it is HTML or text, and identifies it on a second upload.
            let folder = (path as NSString).deletingLastPathComponent + "/" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let named = folder + "/" + Self.safeName(name)
            try FileManager.default.moveItem(atPath: path, toPath: named)
            return try await pages([named])
        }
    }

    /// An uploaded file's name, reduced to characters that cannot leave a folder.
    static func safeName(_ name: String) -> String {
        let kept = name.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "." || $0 == "-" || $0 == "_" }
        let text = String(String.UnicodeScalarView(kept)).trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return text.isEmpty ? "page.txt" : String(text.suffix(100))
    }
}
