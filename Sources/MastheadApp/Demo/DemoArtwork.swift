import Foundation
import MastheadCore

/// Illustrations for the demo, drawn here as small SVG files: a landscape of the
/// bay in each section's colour for lead images, and initials for portraits.
/// Made by us, so the demo ships no third-party pictures.
enum DemoArtwork {
    static func writeIllustration(for story: DemoStory, section: String, into media: String) throws -> LeadImage {
        let hue = DemoStaff.sections.first { $0.slug == section }?.hue ?? 200
        var seed = SeededRandom(story.slug)
        let sky = "hsl(\(hue), 55%, \(70 + seed.next(8))%)"
        let sea = "hsl(\((hue + 20) % 360), 45%, \(32 + seed.next(10))%)"
        let sunX = 120 + seed.next(720)
        let sunY = 90 + seed.next(120)
        var hills = ""
        for layer in 0..<3 {
            let base = 300 + layer * 45
            var path = "M0 \(base)"
            var x = 0
            while x < 960 {
                let step = 80 + seed.next(100)
                path += " Q\(x + step / 2) \(base - 40 - seed.next(90)) \(x + step) \(base + seed.next(20))"
                x += step
            }
            path += " L960 540 L0 540 Z"
            hills += "<path d=\"\(path)\" fill=\"hsl(\((hue + 30 * layer) % 360), 35%, \(52 - layer * 10)%)\"/>"
        }
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="960" height="540" viewBox="0 0 960 540">
            <rect width="960" height="540" fill="\(sky)"/>
            <circle cx="\(sunX)" cy="\(sunY)" r="\(40 + seed.next(30))" fill="hsl(45, 95%, 85%)" opacity="0.9"/>
            \(hills)
            <rect y="430" width="960" height="110" fill="\(sea)"/>
            <path d="M0 455 Q120 440 240 455 T480 455 T720 455 T960 455" stroke="hsl(\(hue), 40%, 80%)" stroke-width="3" fill="none" opacity="0.6"/>
            </svg>
            """
        let file = "demo/\(story.slug).svg"
        try write(svg, to: media + "/" + file)
        return LeadImage(
            url: "/media/\(file)",
            alt: story.imageAlt,
            credit: story.imageCredit,
            caption: story.imageCaption,
            width: 960,
            height: 540
        )
    }

    static func writePortrait(for person: DemoStaff.Person, into media: String) throws -> String {
        let initials = person.name.split(separator: " ").compactMap(\.first).map(String.init).joined()
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="240" height="240" viewBox="0 0 240 240">
            <rect width="240" height="240" fill="hsl(\(person.hue), 45%, 45%)"/>
            <circle cx="120" cy="95" r="48" fill="hsl(\(person.hue), 35%, 80%)"/>
            <path d="M40 240 Q120 130 200 240 Z" fill="hsl(\(person.hue), 35%, 80%)"/>
            <text x="120" y="112" font-family="Georgia, serif" font-size="40" text-anchor="middle" fill="hsl(\(person.hue), 45%, 30%)">\(initials)</text>
            </svg>
            """
        let file = "demo/authors/\(person.slug).svg"
        try write(svg, to: media + "/" + file)
        return "/media/\(file)"
    }

    static func write(_ text: String, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

/// A small deterministic generator, so the demo looks the same on every install.
struct SeededRandom {
    private var state: UInt64

    init(_ seed: String) {
        state = 0x9E37_79B9_7F4A_7C15
        for byte in seed.utf8 { state = (state ^ UInt64(byte)) &* 0x100_0000_01B3 }
    }

    /// A number from 0 up to (not including) `bound`.
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(max(bound, 1)))
    }
}
