import Foundation

/// Deterministic made-up text with the statistics of news copy, for generated
/// corpora: a vocabulary whose word frequencies follow Zipf's law (the common
/// English function words at the top, invented content words below them), so
/// full-text indexes, posting lists and page sizes behave as they do on a real
/// archive without a word of anybody's real articles.
struct CorpusText {
    static let functionWords = """
        the of and to a in that is was for on it with as he she said at by from his her they be this have an not \
        are had were which but their has been would will who more after its also one year over new two when up \
        about than into people there first could last some other city
        """.split(separator: " ").map(String.init)

    let vocabulary: [String]
    /// Cumulative Zipf weights over `vocabulary`, for sampling by binary search.
    private let cumulative: [Double]

    init(contentWords: Int = 30_000, seed: UInt64 = 7) {
        var random = CorpusRandom(seed: seed)
        var words = Self.functionWords
        var seen = Set(words)
        while words.count < Self.functionWords.count + contentWords {
            let word = Self.inventedWord(&random)
            if seen.insert(word).inserted { words.append(word) }
        }
        vocabulary = words
        var total = 0.0
        cumulative = words.indices.map { rank in
            total += 1 / pow(Double(rank + 1), 1.05)
            return total
        }
    }

    /// A word drawn with Zipf frequency: "the" often, most invented words rarely.
    func word(_ random: inout CorpusRandom) -> String {
        vocabulary[rank(random.unit() * cumulative[cumulative.count - 1])]
    }

    /// A content word (never a function word), drawn with Zipf frequency among content words.
    func contentWord(_ random: inout CorpusRandom) -> String {
        let floor = cumulative[Self.functionWords.count - 1]
        return vocabulary[rank(floor + random.unit() * (cumulative[cumulative.count - 1] - floor))]
    }

    private func rank(_ target: Double) -> Int {
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// `count` words as a sentence: capitalised, with the odd comma, ending in a full stop.
    func sentence(_ count: Int, _ random: inout CorpusRandom, into text: inout String) {
        for index in 0..<count {
            let word = self.word(&random)
            if index == 0 {
                text += word.prefix(1).uppercased()
                text += word.dropFirst()
            } else {
                text += " "
                text += word
                if index < count - 2, random.next(12) == 0 { text += "," }
            }
        }
        text += "."
    }

    /// A headline-like phrase of content words: "Velkor harbin tesmo plan".
    func title(_ count: Int, _ random: inout CorpusRandom) -> String {
        var words: [String] = []
        for index in 0..<count {
            let word = index > 0 && random.next(4) == 0 ? self.word(&random) : contentWord(&random)
            words.append(index == 0 ? word.prefix(1).uppercased() + word.dropFirst() : word)
        }
        return words.joined(separator: " ")
    }

    /// A capitalised invented name: "Tovarin", "Besla".
    static func name(_ random: inout CorpusRandom) -> String {
        let word = inventedWord(&random)
        return word.prefix(1).uppercased() + word.dropFirst()
    }

    private static let onsets = [
        "b", "br", "c", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "pr", "r", "s", "st", "t", "tr", "v", "w", "z", "sh", "ch",
    ]
    private static let vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io"]
    private static let codas = ["", "", "", "n", "r", "s", "l", "m", "nd", "st", "rk", "th"]

    static func inventedWord(_ random: inout CorpusRandom) -> String {
        var word = ""
        for _ in 0..<(2 + random.next(2)) {
            word += onsets[random.next(onsets.count)]
            word += vowels[random.next(vowels.count)]
        }
        return word + codas[random.next(codas.count)]
    }
}

/// SplitMix64: fast, seedable, and the same sequence on every machine; tests use it
/// where a failure must replay from its seed.
public struct CorpusRandom: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number from 0 up to (not including) `bound`.
    mutating func next(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }

    /// A number in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
