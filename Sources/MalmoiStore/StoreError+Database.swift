import GRDB
import MalmoiCore

extension StoreError {
    /// A runtime failure of the database, worded for the user: a busy or locked database (another
    /// process held the write lock past the store's wait) is "the store is busy", anything else is
    /// `message`; the database's own message is kept as the cause. Exit status 1 either way.
    ///
    /// ```swift
    /// catch { throw StoreError.database(error, "cannot open the store \(path)") }
    /// ```
    static func database(_ error: any Error, _ message: String) -> StoreError {
        if let error = error as? DatabaseError,
           error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            return StoreError(.database, "the store is busy: another process held it for longer than the "
                              + "\(Int(BusyWait.limit / 60)) minutes malmoi waits; try again when it is done", cause: "\(error)")
        }
        return StoreError(.database, message, cause: "\(error)")
    }
}
