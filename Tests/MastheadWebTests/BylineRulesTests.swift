import Foundation
import Logging
import MastheadCore
import MastheadTesting
import Testing

/// Writers publish under their own name and on the day they publish; bylines of
/// others and backdates are an editor's call.
@Suite("Bylines and dates follow the role", .onEveryEngine)
struct BylineRulesTests {
    @Test func aWriterCannotUseAnotherBylineOrBackdateButAnEditorCan() async throws {
        try await withTestApp { site in
            let stores = site.stores
            let publishing = Publishing(stores: stores, clock: TestSupport.clock)
            let authors = try await stores.taxonomy.authors()
            let own = authors[0]
            let other = authors[1]
            let section = try #require(try await stores.taxonomy.sections().first)
            let writer = try await TestSupport.makeAccount(stores, email: "writer@courier.example", role: .author, author: own.slug)
            let editor = try await TestSupport.makeAccount(stores, email: "editor@courier.example", role: .editor)
            func story(_ authorIDs: [AuthorID], _ date: Date?, slug: String) -> ArticleInput {
                ArticleInput(
                    slug: slug,
                    headline: "Story \(slug)",
                    sectionID: section.id,
                    authorIDs: authorIDs,
                    bodyMarkdown: "Text.",
                    status: .published,
                    publishedAt: date
                )
            }
            func refused(_ input: ArticleInput, by account: Account) async -> Bool {
                do {
                    _ = try await publishing.save(input, by: account)
                    return false
                } catch let error as MastheadError {
                    return error.code == .forbidden
                } catch {
                    return false
                }
            }
            let backdate = ISO8601DateFormatter().date(from: "2001-09-11T09:00:00Z")!
            #expect(await refused(story([other.id], nil, slug: "not-mine"), by: writer))
            #expect(await refused(story([own.id, other.id], nil, slug: "with-a-colleague"), by: writer))
            #expect(await refused(story([own.id], backdate, slug: "backdated"), by: writer))
            #expect(await refused(story([own.id], TestSupport.now.addingTimeInterval(800 * 86_400), slug: "far-ahead"), by: writer))
            // Their own byline, today: fine.
            let mine = try await publishing.save(story([own.id], nil, slug: "my-own"), by: writer)
            // An editor may do both, and the writer may then edit the story as the editor left it.
            let shared = try await publishing.save(story([own.id, other.id], backdate, slug: "from-the-archive"), by: editor)
            var edit = try #require(try await stores.articles.article(id: shared)).input
            edit.bodyMarkdown = "Text, corrected."
            _ = try await publishing.save(edit, by: writer)
            #expect(try await stores.articles.article(id: mine)?.authors.map(\.id) == [own.id])
        }
    }
}

/// Keeps what is logged, for tests that check an event was written down.
final class RecordingLogHandler: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [(Logger.Level, String, Logger.Metadata)] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lock.withLock { recorded.append((event.level, "\(event.message)", event.metadata ?? [:])) }
    }

    var entries: [(level: Logger.Level, message: String, metadata: Logger.Metadata)] { lock.withLock { recorded.map { ($0.0, $0.1, $0.2) } } }
}

@Suite("An editor's backdate is written down")
struct BackdateLogTests {
    @Test func anEditorMayBackdateAndTheLogSaysWhoAndWhen() async throws {
        try await withTestApp { site in
            let stores = site.stores
            let handler = RecordingLogHandler()
            let publishing = Publishing(stores: stores, clock: TestSupport.clock, logger: Logger(label: "test") { _ in handler })
            let author = try #require(try await stores.taxonomy.authors().first)
            let section = try #require(try await stores.taxonomy.sections().first)
            let editor = try await TestSupport.makeAccount(stores, email: "editor@courier.example", role: .editor)
            func story(_ slug: String, _ date: Date) -> ArticleInput {
                ArticleInput(
                    slug: slug,
                    headline: "Story \(slug)",
                    sectionID: section.id,
                    authorIDs: [author.id],
                    bodyMarkdown: "Text.",
                    status: .published,
                    publishedAt: date
                )
            }
            _ = try await publishing.save(story("today", TestSupport.now), by: editor)
            #expect(handler.entries.isEmpty, "an ordinary date is not an event")
            _ = try await publishing.save(story("backdated", Date(timeIntervalSince1970: 1_000_000_000)), by: editor)
            let entry = try #require(handler.entries.first)
            #expect(entry.level == .notice)
            #expect(entry.message == "Article dated outside the usual window")
            #expect(entry.metadata["account"] == "\(editor.id)")
            #expect(entry.metadata["published_at"] == "2001-09-09T01:46:40Z")
        }
    }
}
