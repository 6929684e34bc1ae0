import Foundation

/// The one rule for text entering the site, whatever the door (editor, API,
/// import, CLI): C0 and C1 control characters other than tab and newline go,
/// as do non-characters; line ends become `\n`; the rest is NFC-normalised.
///
/// A control character in a headline is invisible to the newsroom but makes a
/// page fail HTML validation ("forbidden code point") and the news sitemap stop
/// being XML at all; NFC makes "é" typed on two systems the same word for search,
/// slugs and duplicate checks. Swift strings cannot hold lone surrogates: bytes
/// that would make one were already decoded as U+FFFD.
public enum CleanText {
    public static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsWork) else { return text }
        var scalars = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            if scalar == "\n" && previousWasCR { continue }
            if scalar == "\r" {
                scalars.append("\n")
            } else if !isForbidden(scalar) {
                scalars.append(scalar)
            }
        }
        return String(scalars).precomposedStringWithCanonicalMapping
    }

    public static func clean(_ text: String?) -> String? {
        text.map { clean($0) }
    }

    /// Tab and newline stay; carriage returns become newlines.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 { return value != 0x09 && value != 0x0A }
        if (0x7F...0x9F).contains(value) { return true }
        // Non-characters: U+FDD0–U+FDEF and the last two code points of every plane.
        return (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE
    }

    private static func needsWork(_ scalar: Unicode.Scalar) -> Bool {
        // Anything past ASCII may need composing; controls and CR need removing.
        scalar.value < 0x20 && scalar != "\n" && scalar != "\t" || scalar.value >= 0x7F
    }
}

extension ArticleInput {
    /// Every text field through `CleanText`; slugs and ids are checked elsewhere.
    public var cleaned: ArticleInput {
        var input = self
        input.slug = CleanText.clean(slug)
        input.headline = CleanText.clean(headline)
        input.standfirst = CleanText.clean(standfirst)
        input.bodyMarkdown = CleanText.clean(bodyMarkdown)
        input.rightsOverride = CleanText.clean(rightsOverride)
        input.seoTitle = CleanText.clean(seoTitle)
        input.seoDescription = CleanText.clean(seoDescription)
        input.datelineZone = CleanText.clean(datelineZone)
        input.leadImage = leadImage.map { image in
            var image = image
            image.url = CleanText.clean(image.url)
            image.alt = CleanText.clean(image.alt)
            image.credit = CleanText.clean(image.credit)
            image.caption = CleanText.clean(image.caption)
            return image
        }
        input.corrections = corrections.map { correction in
            var correction = correction
            correction.note = CleanText.clean(correction.note)
            return correction
        }
        return input
    }
}

extension SiteSettings {
    public var cleaned: SiteSettings {
        var settings = self
        settings.name = CleanText.clean(name)
        settings.tagline = CleanText.clean(tagline)
        settings.baseURL = CleanText.clean(baseURL)
        settings.timeZoneIdentifier = CleanText.clean(timeZoneIdentifier)
        settings.rightsLine = CleanText.clean(rightsLine)
        settings.language = CleanText.clean(language)
        settings.logoURL = CleanText.clean(logoURL)
        settings.socialProfiles = socialProfiles.map { SocialProfile(network: CleanText.clean($0.network), url: CleanText.clean($0.url)) }
        return settings
    }
}

extension MediaFile {
    public var cleaned: MediaFile {
        var file = self
        file.alt = CleanText.clean(alt)
        file.credit = CleanText.clean(credit)
        file.caption = CleanText.clean(caption)
        file.rightsHolder = CleanText.clean(rightsHolder)
        return file
    }
}
