import Foundation

/// Reading a page the way a screen reader or `innerText` would: tags dropped,
/// entities decoded, white space collapsed. Good enough for our own markup.
enum PageText {
    static func text(of html: String) -> String {
        var text = html
        for block in ["head", "style", "script"] {
            while let start = text.range(of: "<\(block)"), let end = text.range(of: "</\(block)>", range: start.upperBound..<text.endIndex) {
                text.removeSubrange(start.lowerBound..<end.upperBound)
            }
        }
        // Inline elements join their neighbours; every other tag separates, as in innerText.
        text = text.replacingOccurrences(of: "</?(a|strong|em|span|time|code|b|i)( [^>]*)?>", with: "", options: .regularExpression)
        text = text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        for (entity, character) in [("&quot;", "\""), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The positions of each needle in order; fails by returning the first needle
    /// that is missing or out of order.
    static func firstOutOfOrder(_ needles: [String], in text: String) -> String? {
        var cursor = text.startIndex
        for needle in needles {
            guard let range = text.range(of: needle, range: cursor..<text.endIndex) else { return needle }
            cursor = range.upperBound
        }
        return nil
    }
}
