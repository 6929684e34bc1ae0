import GRDB
import MastheadCore

/// SQLite's "database or disk is full" is a condition the newsroom can act on:
/// the write did not happen (SQLite rolled it back) and will work once there is room.
extension DatabaseError: MastheadErrorConvertible {
    public var mastheadError: MastheadError? {
        guard resultCode == .SQLITE_FULL else { return nil }
        return MastheadError(.storageFull, "The server's disk is full; nothing was saved. Try again once there is room.", underlying: self)
    }
}
