/// A readable line diff between two texts, for comparing revisions.
public enum LineDiff {
    public enum Change: Sendable, Hashable {
        case same(String)
        case added(String)
        case removed(String)
    }

    /// Longest-common-subsequence diff. Bodies beyond `maximumCells` of work are
    /// shown as one removal and one addition rather than spending seconds on them.
    public static func diff(_ old: String, _ new: String, maximumCells: Int = 4_000_000) -> [Change] {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard a.count * b.count <= maximumCells else { return a.map(Change.removed) + b.map(Change.added) }
        // lengths[i][j]: LCS length of a[i...] and b[j...], in one flat array.
        let width = b.count + 1
        var lengths = [Int32](repeating: 0, count: (a.count + 1) * width)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i * width + j] =
                    a[i] == b[j] ? lengths[(i + 1) * width + j + 1] + 1 : max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
            }
        }
        var changes: [Change] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                changes.append(.same(a[i]))
                i += 1
                j += 1
            } else if j < b.count, i == a.count || lengths[i * width + j + 1] >= lengths[(i + 1) * width + j] {
                changes.append(.added(b[j]))
                j += 1
            } else {
                changes.append(.removed(a[i]))
                i += 1
            }
        }
        return changes
    }
}
