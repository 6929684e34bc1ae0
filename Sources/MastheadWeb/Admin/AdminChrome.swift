import Foundation
import MastheadCore

/// What every back-office page shows around its content.
struct AdminChrome: Sendable {
    var accountName: String
    var roleLabel: String
    var csrf: String
    var canCurate: Bool
    var canManageMedia: Bool
    var canImport: Bool
    var isAdmin: Bool

    init(_ session: Session) {
        accountName = session.account.name
        roleLabel = session.account.role.rawValue.capitalized
        csrf = session.csrfToken
        canCurate = Policy.allows(session.account, .curateLists)
        canManageMedia = Policy.allows(session.account, .manageMedia)
        canImport = Policy.allows(session.account, .importArchive)
        isAdmin = Policy.allows(session.account, .manageUsers)
    }
}
