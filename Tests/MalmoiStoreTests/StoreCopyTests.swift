import Foundation
import MalmoiCore
import MalmoiStore
import Testing

/// `store copy` carries what an export leaves out: annotations replaced by edits (chained before the
/// current one) and open claims and skips (which keep holding their slots).
@Suite struct StoreCopyTests {
    @Test func editsClaimsAndSkipsTravelWithACopy() throws {
        let source = try SQLiteStore(path: try V1Fixture.copy())
        let target = try SQLiteStore(path: temporaryPath("copy.sqlite"))
        let summary = try StoreCopy(from: source, to: target).run()
        for name in ["reviews", "gold-check"] {
            let from = try source.project(named: name), to = try target.project(named: name)
            let history = try source.history(of: from)
            #expect(try target.history(of: to) == history)
            #expect(try storeDump(target, project: name) == storeDump(source, project: name))
            for version in history.superseded {
                let current = try target.currentAnnotations(of: version.item, in: to).filter { $0.annotator == version.annotator }
                #expect(current.count == 1 && current.first?.supersedes != nil, "\(version.item) \(version.annotator)")
            }
            for assignment in history.assignments where assignment.state == "claimed" {
                // The claim still holds its slot: its annotator resumes the same item.
                #expect(try target.progress(in: to, for: assignment.annotator).remaining
                        == source.progress(in: from, for: assignment.annotator).remaining)
            }
        }
        // The v1 fixture has an edit, a skip and a killed annotator's claim.
        let all = try ["reviews", "gold-check"].map { try source.history(of: source.project(named: $0)) }
        #expect(all.map(\.superseded.count).reduce(0, +) >= 1)
        #expect(all.flatMap(\.assignments).contains { $0.state == "skipped" })
        #expect(all.flatMap(\.assignments).contains { $0.state == "claimed" })
        #expect(summary.superseded == all.map(\.superseded.count).reduce(0, +))
        #expect(summary.assignments == all.map(\.assignments.count).reduce(0, +))
    }
}
