/// A row identifier tagged with what it identifies, so an author id can never be
/// passed where an article id is expected (`Identifier<Author>` is not
/// `Identifier<Article>`), while every kind of id shares one implementation.
public struct Identifier<Entity>: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: Int64

    public init(_ rawValue: Int64) { self.rawValue = rawValue }

    /// A bare number; `{"rawValue": n}` (how early builds wrote ids into revisions) is read too.
    public init(from decoder: any Decoder) throws {
        if let number = try? decoder.singleValueContainer().decode(Int64.self) {
            rawValue = number
        } else {
            rawValue = try decoder.container(keyedBy: Keys.self).decode(Int64.self, forKey: .rawValue)
        }
    }

    private enum Keys: String, CodingKey {
        case rawValue
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { String(rawValue) }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

public typealias ArticleID = Identifier<Article>
public typealias AuthorID = Identifier<Author>
public typealias SectionID = Identifier<Section>
public typealias TagID = Identifier<Tag>
public typealias AccountID = Identifier<Account>
public typealias RevisionID = Identifier<Revision>
public typealias MediaID = Identifier<MediaAsset>
public typealias WebhookID = Identifier<Webhook>
