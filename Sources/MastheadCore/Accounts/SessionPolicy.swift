import Foundation

/// How long a back-office session lives: it ends after `idleTimeout` without a
/// request, and after `absoluteTimeout` whatever happens.
public struct SessionPolicy: Sendable {
    public var idleTimeout: TimeInterval = 2 * 3600
    public var absoluteTimeout: TimeInterval = 12 * 3600

    public init() {}

    public func isAlive(_ session: Session, at now: Date) -> Bool {
        !session.account.disabled && now.timeIntervalSince(session.lastSeenAt) < idleTimeout
            && now.timeIntervalSince(session.createdAt) < absoluteTimeout && now >= session.createdAt.addingTimeInterval(-300)
    }
}

/// Rules for new passwords: long beats clever. At least 15 characters (or 10 with
/// a mix of letters, digits and symbols), at most 128, not a well-known one.
public enum PasswordRules {
    public static let maximumLength = 128
    static let common: Set<String> = [
        "password", "password123", "123456789012345", "qwertyuiopasdfgh", "letmeinletmein1", "iloveyouiloveyou",
        "passwordpassword", "aaaaaaaaaaaaaaa", "correcthorsebatterystaple", "administrator123",
    ]

    /// A sentence saying what is wrong, or `nil` when the password is acceptable.
    public static func problem(with password: String) -> String? {
        if password.count > maximumLength { return "The password is longer than \(maximumLength) characters." }
        if common.contains(password.lowercased()) { return "That password is too well known; choose another." }
        let mixed =
            password.contains(where: \.isLetter) && password.contains(where: \.isNumber)
            && password.contains(where: { !$0.isLetter && !$0.isNumber })
        if password.count >= 15 || (mixed && password.count >= 10) { return nil }
        return "Use at least 15 characters (or 10 mixing letters, digits and symbols)."
    }
}
