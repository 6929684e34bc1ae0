import AsyncHTTPClient
import Foundation
import MastheadCore
import MastheadImport
import MastheadWeb
import Synchronization

/// Brings an imported article's lead image home: the old site's file is fetched
/// (`RemoteImageFetcher`), goes through the image pipeline like an upload (checked,
/// cleaned of metadata, renditions made) and joins the media library with the alt
/// text, credit and caption the old site gave it; the article then points at the
/// library's copy. The same address is fetched once per run, and an image the
/// library already holds (same bytes) is not added twice. When it cannot be
/// fetched the article keeps the old address and the report says why.
final class ImportedImages: Sendable {
    let fetcher: RemoteImageFetcher
    let pipeline: ImagePipeline
    let stores: Stores
    let clock: WallClock
    private let client: HTTPClient
    /// Source address → the library image it became, or why it could not.
    private let copied = Mutex<[String: Result<MediaAsset, MastheadError>]>([:])
    /// Hosts that did not answer at all: an old site that is gone costs one time-out per run, not one per image.
    private let unreachable = Mutex<[String: String]>([:])

    init(fetcher: RemoteImageFetcher, pipeline: ImagePipeline, stores: Stores, clock: WallClock) {
        self.fetcher = fetcher
        self.pipeline = pipeline
        self.stores = stores
        self.clock = clock
        client = fetcher.makeClient()
    }

    func shutdown() async {
        try? await client.shutdown()
    }

    /// Images placed in a body that are brought in, at most; the rest stay where they are.
    static let bodyImageLimit = 30

    /// The article with its lead image and the images in its body in the library, with
    /// a warning for each that could not be brought in.
    func localise(_ article: ImportedArticle) async -> ImportedArticle {
        var article = article
        if let image = article.leadImage, Self.isRemote(image.url) { await localiseLead(image, in: &article) }
        await localiseBody(&article)
        return article
    }

    /// `![alt](https://old.example/…)` in the Markdown becomes the library's copy.
    private func localiseBody(_ article: inout ImportedArticle) async {
        let pattern = /!\[([^\]\n]*)\]\((https?:\/\/[^)\s]+)/
        var seen = Set<String>()
        for match in article.bodyMarkdown.matches(of: pattern) {
            let url = String(match.2)
            guard seen.insert(url).inserted else { continue }
            guard seen.count <= Self.bodyImageLimit else {
                article.warnings.append("more than \(Self.bodyImageLimit) images in its body: the rest stay at their old addresses.")
                break
            }
            switch await copy(LeadImage(url: url, alt: String(match.1), credit: "", caption: "")) {
            case .success(let asset):
                article.bodyMarkdown = article.bodyMarkdown.replacingOccurrences(of: "](\(url)", with: "](\(asset.url)")
            case .failure(let error):
                article.warnings.append("an image in its body stays at the old address: \(error.message)")
            }
        }
    }

    private func localiseLead(_ image: LeadImage, in article: inout ImportedArticle) async {
        switch await copy(image) {
        case .success(let asset):
            var local = asset.leadImage
            // The old site's words for the picture win over what the file or an earlier import said.
            if !image.alt.isEmpty { local.alt = image.alt }
            if !image.credit.isEmpty { local.credit = image.credit }
            if !image.caption.isEmpty { local.caption = image.caption }
            article.leadImage = local
        case .failure(let error):
            article.warnings.append("its lead image stays at the old address: \(error.message)")
        }
    }

    static func isRemote(_ url: String) -> Bool {
        let lowered = url.lowercased()
        return lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
    }

    private func copy(_ image: LeadImage) async -> Result<MediaAsset, MastheadError> {
        if let known = copied.withLock({ $0[image.url] }) { return known }
        let host = URL(string: image.url)?.host?.lowercased() ?? ""
        if let reason = unreachable.withLock({ $0[host] }) {
            return .failure(MastheadError(.invalidInput, "\(host.prefix(100)) did not answer earlier in this import (\(reason))."))
        }
        let outcome: Result<MediaAsset, MastheadError>
        do {
            let data = try await fetcher.fetch(image.url, with: client)
            let made = try await pipeline.ingest(data)
            if let existing = try await stores.media.assets(paths: [made.path])[made.path] {
                outcome = .success(existing)
            } else {
                // What the old site said wins; the file's own IPTC/XMP fills the gaps, flagged
                // for an editor to confirm as on an upload.
                let embedded = made.embedded ?? EmbeddedMetadata()
                var fromFile = Set<EmbeddedField>()
                func pick(_ given: String, _ inFile: String?, _ field: EmbeddedField) -> String {
                    guard given.isEmpty, let inFile, !inFile.isEmpty else { return given }
                    fromFile.insert(field)
                    return inFile
                }
                let credit = pick(image.credit, embedded.credit, .credit)
                let caption = pick(image.caption, embedded.caption, .caption)
                let holder = pick("", embedded.rightsHolder, .rightsHolder)
                if embedded.licenceEnds != nil { fromFile.insert(.licenceExpires) }
                let file = MediaFile(
                    path: made.path,
                    kind: made.kind,
                    width: made.width,
                    height: made.height,
                    bytes: made.bytes,
                    alt: image.alt,
                    credit: credit,
                    caption: caption,
                    rightsHolder: holder.isEmpty ? nil : holder,
                    licenceExpires: embedded.licenceEnds,
                    uploadedBy: nil,
                    uploadedAt: clock.now,
                    renditions: made.renditions,
                    originalPath: made.originalPath,
                    fromFile: fromFile
                )
                outcome = .success(try await stores.media.add(file))
            }
        } catch let error as MastheadError {
            outcome = .failure(error)
        } catch {
            // Not an answer but no answer: the connection failed or timed out.
            unreachable.withLock { $0[host] = "\(error)".prefix(120).description }
            outcome = .failure(MastheadError(.invalidInput, "\(image.url.prefix(200)) could not be fetched (\(error))."))
        }
        copied.withLock { $0[image.url] = outcome }
        return outcome
    }
}
