import Foundation

/// Something an importer could not bring across, or brought across with a change.
public struct ImportProblem: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public var item: String
    public var line: Int?
    public var reason: String
    /// Left out on purpose, as the source asked (a post in WordPress's trash): reported,
    /// but not a failure, so an import of a healthy site exits 0.
    public var expected: Bool?

    public init(item: String, line: Int?, reason: String, expected: Bool? = nil) {
        self.item = item
        self.line = line
        self.reason = reason
        self.expected = expected
    }

    public var description: String {
        let place = line.map { "line \($0): " } ?? ""
        return item.isEmpty ? place + reason : "\(place)\(item): \(reason)"
    }
}

/// What an import did, for the summary at its end (terminal or admin page).
public struct ImportReport: Sendable, Hashable {
    public var imported = 0
    public var updated = 0
    public var unchanged = 0
    public var redirects = 0
    /// Items that could not be imported, each with its reason.
    public var skipped: [ImportProblem] = []
    /// Items left out on purpose (trashed posts), each with its reason.
    public var leftOut: [ImportProblem] = []
    /// Items brought in with a change worth knowing about.
    public var warnings: [ImportProblem] = []

    public init() {}

    /// How many items the source held that became, or already were, articles.
    public var articles: Int { imported + updated + unchanged }

    /// The summary in sentences: counts first, then every skip and warning.
    public func lines(limit: Int = 200) -> [String] {
        var lines = [
            "Imported \(imported) new, updated \(updated), unchanged \(unchanged); \(skipped.count) skipped, \(warnings.count) warnings, \(redirects) old addresses redirected."
                + (leftOut.isEmpty ? "" : " \(leftOut.count) left out as the source asked.")
        ]
        for problem in skipped.prefix(limit) { lines.append("skipped \(problem)") }
        if skipped.count > limit { lines.append("… and \(skipped.count - limit) more skipped.") }
        for problem in leftOut.prefix(limit) { lines.append("left out \(problem)") }
        for problem in warnings.prefix(limit) { lines.append("warning \(problem)") }
        if warnings.count > limit { lines.append("… and \(warnings.count - limit) more warnings.") }
        return lines
    }
}

/// What an uploaded import file holds.
public enum ImportSource: String, Sendable, CaseIterable {
    case wordPress = "wxr"
    case page
}

/// Imports an uploaded file for the back office; the application provides it,
/// since the readers live beside the web layer rather than under it.
public protocol ArchiveImporting: Sendable {
    func importFile(at path: String, named name: String, as source: ImportSource) async throws -> ImportReport
}
