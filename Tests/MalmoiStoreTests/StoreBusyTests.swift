import GRDB
import MalmoiCore
@testable import MalmoiStore
import Testing

/// A busy database is reported as "the store is busy", a runtime failure (issue 12, item 7).
@Suite struct StoreBusyTests {
    @Test(arguments: [ResultCode.SQLITE_BUSY, .SQLITE_LOCKED])
    func aBusyDatabaseIsTheStoreIsBusy(code: ResultCode) {
        let error = StoreError.database(DatabaseError(resultCode: code, message: "database is locked"), "cannot open the store s.sqlite")
        #expect(error.message.hasPrefix("the store is busy"))
        #expect(error.description.contains("database is locked"))
        #expect(!error.isBadInput)
    }

    @Test func anotherFailureKeepsItsMessage() {
        let error = StoreError.database(DatabaseError(resultCode: .SQLITE_IOERR, message: "disk I/O error"), "a database write failed")
        #expect(error.message == "a database write failed")
        #expect(error.description.contains("disk I/O error"))
    }
}
