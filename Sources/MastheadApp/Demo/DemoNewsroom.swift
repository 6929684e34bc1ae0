import Foundation
import MastheadCore
import MastheadWeb

/// The demo newsroom: a fictional city paper, written by us, that fills an empty
/// site so every page has something real to show.
///
/// Articles live in `Resources/Demo/articles.txt` (format described at its top);
/// publication times are relative to now, so the lists stay lively whenever the
/// demo is installed, and a set of archive pieces spaced a month apart always
/// crosses a daylight-saving change.
public struct DemoNewsroom: Sendable {
    let stores: Stores
    let clock: WallClock
    let mediaDirectory: String
    /// Files the demo's raster photos as an upload would be; nil keeps every story on its drawing.
    let photos: ImagePipeline?

    public init(stores: Stores, clock: WallClock, mediaDirectory: String, photos: ImagePipeline? = nil) {
        self.stores = stores
        self.clock = clock
        self.mediaDirectory = mediaDirectory
        self.photos = photos
    }

    /// The story's bundled photo (`Resources/Demo/photos/SLUG.jpg`, made by
    /// `scripts/make-demo-photos`) put through the image pipeline into the media library.
    func photo(for story: DemoStory) async throws -> LeadImage? {
        guard let photos, let url = Bundle.module.url(forResource: story.slug, withExtension: "jpg", subdirectory: "Demo/photos") else {
            return nil
        }
        let made = try await photos.ingest(try Data(contentsOf: url))
        let asset = try await stores.media.add(
            MediaFile(
                path: made.path,
                kind: made.kind,
                width: made.width,
                height: made.height,
                bytes: made.bytes,
                alt: story.imageAlt,
                credit: story.imageCredit,
                caption: story.imageCaption,
                rightsHolder: made.embedded?.rightsHolder,
                licenceExpires: nil,
                uploadedBy: nil,
                uploadedAt: clock.now,
                renditions: made.renditions,
                originalPath: made.originalPath
            )
        )
        return asset.leadImage
    }

    /// Fills the site when it has no articles yet. Returns whether it did.
    @discardableResult
    public func fillIfEmpty() async throws -> Bool {
        guard try await stores.articles.count() == 0 else { return false }
        try await fill()
        return true
    }

    func fill() async throws {
        let now = clock.now
        try await stores.site.saveSettings(Self.settings(baseURL: try await stores.site.settings()?.baseURL ?? SiteSettings.initial.baseURL))
        var sections: [String: SectionID] = [:]
        for (position, section) in DemoStaff.sections.enumerated() {
            let saved = try await stores.taxonomy.saveSection(
                slug: Slug(from: section.slug)!,
                name: section.name,
                description: section.description,
                position: position
            )
            sections[section.slug] = saved.id
        }
        var authors: [String: AuthorID] = [:]
        for person in DemoStaff.authors {
            let photo = try DemoArtwork.writePortrait(for: person, into: mediaDirectory)
            let saved = try await stores.taxonomy.saveAuthor(
                slug: Slug(from: person.slug)!,
                name: person.name,
                bio: person.bio,
                photoURL: photo,
                role: person.role
            )
            authors[person.slug] = saved.id
        }
        let stories = try DemoArticleFile.load()
        let publishing = Publishing(stores: stores, clock: clock)
        var ids: [String: ArticleID] = [:]
        // Oldest first, so ids and revision times run in publication order, as in a real archive.
        for story in stories.sorted(by: { $0.hoursAgo > $1.hoursAgo }) {
            var tags: [TagID] = []
            for name in story.tags {
                tags.append(try await stores.taxonomy.findOrCreateTag(slug: Slug(from: name)!, name: name).id)
            }
            guard let section = sections[story.section] else {
                throw MastheadError(.internalFailure, "Demo article \(story.slug) names an unknown section \(story.section).")
            }
            let published = now.addingTimeInterval(-story.hoursAgo * 3600)
            let image = try await photo(for: story) ?? DemoArtwork.writeIllustration(for: story, section: story.section, into: mediaDirectory)
            let input = ArticleInput(
                slug: story.slug,
                headline: story.headline,
                standfirst: story.standfirst,
                sectionID: section,
                authorIDs: try story.authors.map { slug in
                    guard let id = authors[slug] else {
                        throw MastheadError(.internalFailure, "Demo article \(story.slug) names an unknown author \(slug).")
                    }
                    return id
                },
                tagIDs: tags,
                leadImage: image,
                bodyMarkdown: story.body,
                status: .published,
                publishedAt: published,
                // An article with notes was changed after publication: it shows "Updated".
                updatedAt: story.notes.map(\.hoursAfter).max().map { published.addingTimeInterval($0 * 3600) },
                rightsOverride: story.rights,
                corrections: story.notes.map { Correction(kind: $0.kind, note: $0.text, date: published.addingTimeInterval($0.hoursAfter * 3600)) }
            )
            ids[story.slug] = try await publishing.save(input)
        }
        let newest = stories.sorted { $0.hoursAgo < $1.hoursAgo }
        try await stores.site.setCuratedList(.topStories, to: newest.filter(\.isTopStory).compactMap { ids[$0.slug] })
        try await stores.site.setCuratedList(.editorsPicks, to: stories.filter(\.isEditorsPick).compactMap { ids[$0.slug] })
        try await stores.audience.add(DemoAudience.history(for: stories, ids: ids, now: now))
    }

    /// Creates the demo's admin account when the site has no accounts, with a fresh
    /// random password; returns the login to print once, or `nil` if accounts exist.
    public static func ensureDemoAdmin(stores: Stores, hasher: PasswordHasher) async throws -> (email: String, password: String)? {
        guard try await stores.accounts.accounts().isEmpty else { return nil }
        let password = Secrets.token()
        let editorInChief = try await stores.taxonomy.author(slug: Slug(from: "marisol-vega")!)
        _ = try await stores.accounts.createAccount(
            email: "editor@courier.example",
            name: "Demo Editor-in-Chief",
            role: .admin,
            passwordHash: try await hasher.hash(password),
            authorID: editorInChief?.id
        )
        return ("editor@courier.example", password)
    }

    static func settings(baseURL: String) -> SiteSettings {
        SiteSettings(
            name: "The Kestrel Bay Courier",
            tagline: "News for the bay and the valley beyond",
            baseURL: baseURL,
            timeZoneIdentifier: "America/New_York",
            rightsLine: "© {year} {site}. All rights reserved. Do not reproduce without permission.",
            socialProfiles: [
                SocialProfile(network: "Mastodon", url: "https://mastodon.example/@kestrelcourier"),
                SocialProfile(network: "Bluesky", url: "https://bsky.example/profile/kestrelcourier"),
                SocialProfile(network: "Newsletter", url: "https://newsletter.example/kestrel-bay-courier"),
            ],
            followBoxAfterParagraph: 3,
            articlesPerPage: 10
        )
    }
}
