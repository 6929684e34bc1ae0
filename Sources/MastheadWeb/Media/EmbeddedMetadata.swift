import Foundation
import MastheadCore

/// What a photographer or agency wrote into the file itself (IPTC IIM and XMP, the
/// IPTC Photo Metadata standard), read by `exiftool` out of process.
public struct EmbeddedMetadata: Sendable, Hashable {
    public var creator: String?
    /// The credit line (IPTC "Credit Line": `photoshop:Credit`, IIM 2:110).
    public var creditLine: String?
    public var caption: String?
    public var copyrightNotice: String?
    public var usageTerms: String?
    /// PLUS `LicenseEndDate`, where an agency set one.
    public var licenceEnds: Date?

    public init(
        creator: String? = nil,
        creditLine: String? = nil,
        caption: String? = nil,
        copyrightNotice: String? = nil,
        usageTerms: String? = nil,
        licenceEnds: Date? = nil
    ) {
        self.creator = creator
        self.creditLine = creditLine
        self.caption = caption
        self.copyrightNotice = copyrightNotice
        self.usageTerms = usageTerms
        self.licenceEnds = licenceEnds
    }

    /// The tags asked of exiftool. Where XMP and IIM both carry a field, XMP wins, as
    /// the standard says (IIM is limited in length and character set).
    static let arguments = [
        "-json", "-G1", "-XMP-dc:Creator", "-XMP-dc:Description", "-XMP-dc:Rights", "-XMP-photoshop:Credit",
        "-XMP-xmpRights:UsageTerms", "-XMP-plus:LicenseEndDate", "-IPTC:By-line", "-IPTC:Credit", "-IPTC:Caption-Abstract",
        "-IPTC:CopyrightNotice", "-IPTC:SpecialInstructions",
    ]

    /// Reads the file's metadata; nil when exiftool is not installed or cannot read it.
    static func read(_ file: URL, tools: ImageTools) async -> EmbeddedMetadata? {
        guard let exiftool = tools.exiftool,
            let output = try? await tools.run(exiftool, arguments + ["--", file.path])
        else { return nil }
        return parse(exiftoolJSON: output)
    }

    /// exiftool's `-json -G1` answer for one file.
    static func parse(exiftoolJSON data: Data) -> EmbeddedMetadata? {
        guard let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]], let tags = list.first else { return nil }
        func text(_ names: String...) -> String? {
            for name in names {
                let value: String? =
                    switch tags[name] {
                    case let string as String: string
                    case let number as NSNumber: number.stringValue
                    case let list as [Any]: list.map { "\($0)" }.joined(separator: ", ")
                    default: nil
                    }
                let cleaned = value.map { CleanText.clean($0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
                if !cleaned.isEmpty { return cleaned }
            }
            return nil
        }
        var metadata = EmbeddedMetadata(
            creator: text("XMP-dc:Creator", "IPTC:By-line"),
            creditLine: text("XMP-photoshop:Credit", "IPTC:Credit"),
            caption: text("XMP-dc:Description", "IPTC:Caption-Abstract"),
            copyrightNotice: text("XMP-dc:Rights", "IPTC:CopyrightNotice"),
            usageTerms: text("XMP-xmpRights:UsageTerms", "IPTC:SpecialInstructions")
        )
        if let end = text("XMP-plus:LicenseEndDate") {
            metadata.licenceEnds = day(end)
        }
        return metadata
    }

    /// "2027:06:30" or "2027-06-30", with or without a time after it.
    static func day(_ text: String) -> Date? {
        let digits = text.prefix(10).replacingOccurrences(of: ":", with: "-")
        let parts = digits.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...9999).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    /// The credit to print beside the photo: the credit line, or failing that the creator.
    public var credit: String? { creditLine ?? creator }

    /// The rights holder named in the copyright notice, without its "©" and year.
    public var rightsHolder: String? {
        guard var notice = copyrightNotice else { return nil }
        for prefix in ["©", "(c)", "(C)", "Copyright", "copyright", "Copr."] where notice.hasPrefix(prefix) {
            notice = String(notice.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        }
        if let year = notice.split(separator: " ").first, year.count == 4, Int(year) != nil {
            notice = String(notice.dropFirst(4)).trimmingCharacters(in: CharacterSet(charactersIn: " ,.-"))
        }
        return notice.isEmpty ? nil : notice
    }
}
