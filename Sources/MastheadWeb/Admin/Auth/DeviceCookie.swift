import Crypto
import Foundation
import Hummingbird
import MastheadCore

/// A browser's proof that it signed in to an account before, so the sign-in
/// throttle can tell the owner from the strangers guessing at the account.
///
/// The value is a random id and an HMAC of the account and id keyed with the
/// account's password hash: nothing to store, it survives restarts, and every
/// device cookie of an account dies when its password changes.
enum DeviceCookie {
    static let plainName = "masthead_device"
    static let secureName = "__Host-masthead_device"

    /// The device id if the request carries a valid device cookie for this account.
    static func device(in request: Request, account: AccountID, passwordHash: String) -> String? {
        guard let value = request.cookies[secureName]?.value ?? request.cookies[plainName]?.value else { return nil }
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 43 else { return nil }
        let id = String(parts[0])
        return Secrets.constantTimeEqual(String(parts[1]), signature(id, account: account, passwordHash: passwordHash)) ? id : nil
    }

    /// A `Set-Cookie` for a new device id, valid for a year, sent only to this site.
    static func issue(account: AccountID, passwordHash: String, secure: Bool) -> String {
        let id = Secrets.token()
        let value = id + "." + signature(id, account: account, passwordHash: passwordHash)
        return "\(secure ? secureName : plainName)=\(value); Path=/; HttpOnly; SameSite=Strict; Max-Age=31536000\(secure ? "; Secure" : "")"
    }

    private static func signature(_ id: String, account: AccountID, passwordHash: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(
            for: Data("masthead-device|\(account.rawValue)|\(id)".utf8),
            using: SymmetricKey(data: Data(passwordHash.utf8))
        )
        return Secrets.base64URL(code)
    }
}
