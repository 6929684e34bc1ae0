import MastheadCore
import Testing

@Suite("Content changes: which pages a run of writes touched")
struct ContentChangeTests {
    static func change(_ first: Int64, _ last: Int64, _ keys: String) -> ContentChange {
        ContentChange(firstRevision: first, lastRevision: last, storedKeys: keys)
    }

    @Test func contiguousRecordsGiveTheUnionOfTheirKeys() {
        let changes = [Self.change(11, 14, "article-1 home"), Self.change(15, 15, "article-2 home tag-x")]
        #expect(ContentChange.keys(from: 10, to: 15, in: changes) == ["article-1", "article-2", "home", "tag-x"])
        #expect(ContentChange.keys(from: 10, to: 15, in: changes.reversed()) == ["article-1", "article-2", "home", "tag-x"])
        #expect(ContentChange.keys(from: 14, to: 15, in: changes) == ["article-2", "home", "tag-x"])
        #expect(ContentChange.keys(from: 15, to: 15, in: changes) == [])
    }

    @Test func anUnrecordedWriteAnywhereInTheRangeMeansEverything() {
        // Revision 15 was bumped by a write that left no record.
        let changes = [Self.change(11, 14, "article-1"), Self.change(16, 18, "article-2")]
        #expect(ContentChange.keys(from: 10, to: 18, in: changes) == nil)
        #expect(ContentChange.keys(from: 10, to: 14, in: changes) == ["article-1"])
        // Records that stop short of the revision, start past it, or start inside the range.
        #expect(ContentChange.keys(from: 10, to: 20, in: changes + [Self.change(15, 15, "x")]) == nil)
        #expect(ContentChange.keys(from: 12, to: 14, in: changes) == nil)
        #expect(ContentChange.keys(from: 9, to: 14, in: changes) == nil)
        #expect(ContentChange.keys(from: 10, to: 14, in: []) == nil)
        // A revision that went backwards (a restored backup) is never explained by records.
        #expect(ContentChange.keys(from: 14, to: 10, in: changes) == nil)
    }

    @Test func storedKeysRoundTrip() {
        let change = ContentChange(firstRevision: 1, lastRevision: 2, keys: ["article-9", "section-news"])
        #expect(ContentChange(firstRevision: 1, lastRevision: 2, storedKeys: change.storedKeys) == change)
        #expect(ContentChange(firstRevision: 1, lastRevision: 1, storedKeys: "").keys.isEmpty)
    }
}
