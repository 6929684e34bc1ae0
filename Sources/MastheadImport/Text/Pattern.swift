import Foundation

/// A regular expression compiled once and shared.
///
/// A Swift `Regex` literal is parsed again each time it is evaluated, which
/// cost the page recogniser most of its time (a 360 KB page took 10 s).
/// `NSRegularExpression` is immutable once made and documented as safe to use
/// from any thread, hence `@unchecked Sendable`.
struct Pattern: @unchecked Sendable {
    let expression: NSRegularExpression

    init(_ pattern: String, caseInsensitive: Bool = true) {
        // The patterns are literals in this module: a bad one is a programming error.
        expression = try! NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
    }

    struct Match {
        let text: String
        let result: NSTextCheckingResult

        /// The whole match.
        var range: Range<String.Index> { Range(result.range, in: text)! }

        /// Capture group `group`, nil when it took no part.
        subscript(group: Int) -> Substring? {
            guard group < result.numberOfRanges, let range = Range(result.range(at: group), in: text) else { return nil }
            return text[range]
        }
    }

    func matches(_ text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    func firstMatch(in text: String) -> Match? {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)).map { Match(text: text, result: $0) }
    }

    /// The pieces between matches, empty ones left out.
    func split(_ text: String) -> [Substring] {
        var pieces: [Substring] = []
        var start = text.startIndex
        for result in expression.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let range = Range(result.range, in: text) else { continue }
            if start < range.lowerBound { pieces.append(text[start..<range.lowerBound]) }
            start = range.upperBound
        }
        if start < text.endIndex { pieces.append(text[start...]) }
        return pieces
    }
}
