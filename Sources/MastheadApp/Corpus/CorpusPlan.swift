import Foundation
import MastheadCore

/// What the generated newsroom publishes: article `i` is a pure function of the
/// seed and `i`, so batches can be written in any order, on any core.
struct CorpusPlan: Sendable {
    struct Cast: Sendable {
        var sections: [SectionID]
        var authors: [AuthorID]
        var tags: [TagID]
        var images: [LeadImage]
    }

    let count: Int
    let now: Date
    let seed: UInt64
    let cast: Cast
    let text: CorpusText
    /// Seconds between consecutive articles: ten a day for a small archive, spread over ten years for a big one.
    let spacing: TimeInterval

    init(count: Int, now: Date, seed: UInt64, cast: Cast) {
        self.count = count
        self.now = now
        self.seed = seed
        self.cast = cast
        text = CorpusText(seed: seed)
        let tenYears = 3_652.5 * 86_400
        spacing = min(8_640, tenYears / Double(max(count, 1)))
    }

    func articles(_ range: Range<Int>) -> [ArticleInput] {
        range.map(article)
    }

    /// Article `index`, oldest first: the last one went out five minutes ago.
    func article(_ index: Int) -> ArticleInput {
        var random = CorpusRandom(seed: seed &* 0x1000_0000_01B3 &+ UInt64(index))
        let headline = text.title(5 + random.next(7), &random)
        var standfirst = ""
        text.sentence(16 + random.next(13), &random, into: &standfirst)
        let section = random.next(cast.sections.count)
        let published = now.addingTimeInterval(-300 - Double(count - 1 - index) * spacing - Double(random.next(Int(spacing / 2) + 1)))
        var input = ArticleInput(
            // Headlines repeat in a big archive; the index in base 36 keeps every URL unique.
            slug: (Slug(from: headline)?.rawValue.split(separator: "-").prefix(7).joined(separator: "-") ?? "story") + "-" + String(index, radix: 36),
            headline: headline,
            standfirst: standfirst,
            sectionID: cast.sections[section],
            authorIDs: authors(&random),
            tagIDs: tags(&random),
            leadImage: random.next(100) < 85 ? cast.images[section] : nil,
            bodyMarkdown: body(&random),
            status: .published,
            publishedAt: published
        )
        if random.next(50) == 0 {
            let later = published.addingTimeInterval(3_600 * Double(1 + random.next(20)))
            var note = ""
            text.sentence(12 + random.next(10), &random, into: &note)
            input.corrections = [Correction(kind: random.next(2) == 0 ? .correction : .update, note: note, date: later)]
            input.updatedAt = later
        }
        return input
    }

    private func authors(_ random: inout CorpusRandom) -> [AuthorID] {
        let first = cast.authors[random.next(cast.authors.count)]
        let second = cast.authors[random.next(cast.authors.count)]
        return random.next(100) < 15 && second != first ? [first, second] : [first]
    }

    /// One to four tags, a few of them very popular (Zipf-like: the square of a uniform draw).
    private func tags(_ random: inout CorpusRandom) -> [TagID] {
        var chosen: [TagID] = []
        for _ in 0..<(1 + random.next(4)) {
            let unit = random.unit()
            let tag = cast.tags[Int(unit * unit * Double(cast.tags.count))]
            if !chosen.contains(tag) { chosen.append(tag) }
        }
        return chosen
    }

    /// Five to twenty-two paragraphs (about 550 words on average), with the
    /// subheadings, quotes and links a news story has.
    private func body(_ random: inout CorpusRandom) -> String {
        var body = ""
        body.reserveCapacity(4_096)
        let paragraphs = 5 + random.next(18)
        let quoteAt = random.next(10) < 3 ? 2 + random.next(3) : -1
        let linkAt = random.next(10) < 4 ? random.next(paragraphs) : -1
        for paragraph in 0..<paragraphs {
            if paragraph > 0 { body += "\n\n" }
            if paragraph > 0, paragraph % 7 == 0 {
                body += "## " + text.title(3 + random.next(3), &random) + "\n\n"
            }
            if paragraph == quoteAt { body += "> " }
            for sentence in 0..<(1 + random.next(3)) {
                if sentence > 0 { body += " " }
                text.sentence(10 + random.next(19), &random, into: &body)
            }
            if paragraph == linkAt {
                let words = text.title(2 + random.next(3), &random)
                body += " [" + words + "](https://archive.example/" + (Slug(from: words)?.rawValue ?? "story") + ")"
            }
        }
        return body
    }

    /// Hourly views over the last three days for the newest articles, falling
    /// with age and following a long tail across articles, as real traffic does.
    func viewHistory(newestFirst ids: [ArticleID]) -> [HourlyViews] {
        var random = CorpusRandom(seed: seed ^ 0x7115)
        let nowHour = HourlyViews.hour(of: now)
        var views: [HourlyViews] = []
        for (offset, id) in ids.enumerated() {
            let appeal = 4_000 / Double(1 + random.next(400))
            for hoursAgo in 0..<72 {
                let count = Int(appeal / (1 + Double(offset) / 50 + Double(hoursAgo) / 6))
                if count > 0 { views.append(HourlyViews(article: id, hour: nowHour - Int64(hoursAgo), views: count)) }
            }
        }
        return views
    }
}

/// One flat illustration per section for generated lead images.
enum CorpusArtwork {
    static func write(section: Int, into media: String) throws -> LeadImage {
        let hue = section * 45
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="960" height="540" viewBox="0 0 960 540">
            <rect width="960" height="540" fill="hsl(\(hue), 50%, 75%)"/>
            <circle cx="\(200 + section * 70)" cy="160" r="70" fill="hsl(45, 95%, 85%)"/>
            <path d="M0 380 Q240 300 480 380 T960 380 L960 540 L0 540 Z" fill="hsl(\(hue), 40%, 40%)"/>
            </svg>
            """
        let file = "corpus/section-\(section).svg"
        try DemoArtwork.write(svg, to: media + "/" + file)
        return LeadImage(
            url: "/media/\(file)",
            alt: "A generated landscape",
            credit: "Generated",
            caption: "An illustration made for the generated newsroom.",
            width: 960,
            height: 540
        )
    }
}
