import Foundation
import MalmoiAgreement
import MalmoiCore
import MalmoiLabel
import MalmoiReport
import MalmoiStore
import Testing

/// A clock the test moves by hand (the store stamps submissions with it).
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    // 2023-11-14T22:13:20Z
    private var value: Double = 1_700_000_000
    var now: Double { lock.withLock { value } }
    func advance(_ seconds: Double) { lock.withLock { value += seconds } }
}

/// A small project over two days: kim annotates four reviews on day one, lee three on day two, park
/// reviews everything and rejects two answers.
struct ReportFixture {
    let store: SQLiteStore
    let project: Project
    let module: LabelTask

    init() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let clock = ManualClock()
        store = try SQLiteStore(path: directory.appendingPathComponent("report.sqlite").path, clock: { clock.now })
        project = try store.createProject(Project(name: "리뷰", kind: .label, taskConfig: ["labels": ["긍정", "부정", "중립"]],
                                                  pointsPerAccept: 10, overlap: 2, reasonCodes: ["wrong-label", "careless"]))
        module = try LabelTask(configuration: project.taskConfig)
        let texts = ["배송이 빨라서 좋아요.", "포장이 다 찢어져서 왔어요.", "그냥 그래요, 가격은 싸요.", "색깔이 사진이랑 달라요."]
        _ = try store.importItems(into: project, options: ImportOptions()) { consume in
            for (index, text) in texts.enumerated() { try consume(ImportRecord(item: Item(id: "r\(index + 1)", text: text))) }
        }
        let kim = ["1", "2 | 포장 상태가 불량하여 부정으로 판단함", "1", "3 | 포장 상태가 불량하여 부정으로 판단"]
        let lee = ["1", "2", "2"]
        for (annotator, answers) in [("kim", kim), ("lee", lee)] {
            for answer in answers {
                let claim = try #require(try store.claimNextItem(in: project, for: annotator))
                clock.advance(30)
                _ = try store.submit(Submission(project: project, item: claim.item.id, annotator: annotator,
                                                payload: try module.parse(answer: answer), seconds: 30))
            }
            clock.advance(86_400)
        }
        var rejected = 0
        for annotation in try store.annotationsForReview(in: project, annotator: nil, filter: .pending) {
            let reject = (annotation.annotator == "kim" && annotation.item == "r4") || (annotation.annotator == "lee" && annotation.item == "r3")
            let reasons = annotation.annotator == "kim" ? ["careless"] : ["wrong-label", "careless"]
            _ = try store.recordReview(ReviewSubmission(project: project, annotation: annotation.id, reviewer: "park",
                                                        verdict: reject ? .rejected : .accepted, reasons: reject ? reasons : []))
            if reject { rejected += 1 }
        }
        #expect(rejected == 2)
    }
}

@Suite("Project report")
struct ProjectReportTests {
    @Test("progress counts items complete and short at the end of each day")
    func progressPerDay() throws {
        let fixture = try ReportFixture()
        let report = try ProjectReport.gather(from: fixture.store, project: fixture.project, module: fixture.module)
        #expect(report.progress.map(\.day) == ["2023-11-14", "2023-11-15"])
        #expect(report.progress.map(\.complete) == [0, 3])
        #expect(report.progress.map(\.short) == [4, 1])
        #expect(report.progress.map(\.submissions) == [4, 3])
        #expect(report.hourlySubmissions.count == 24)
        #expect(report.hourlySubmissions[22].count == 7)
        #expect(report.hourlySubmissions.map(\.count).reduce(0, +) == 7)
    }

    @Test("rejection reasons, reviewer workload and near-duplicates are counted")
    func reviewFigures() throws {
        let fixture = try ReportFixture()
        let report = try ProjectReport.gather(from: fixture.store, project: fixture.project, module: fixture.module)
        #expect(report.rejectionReasons == [.init(label: "careless", count: 2), .init(label: "wrong-label", count: 1)])
        #expect(report.reviewers == [.init(reviewer: "park", accepted: 5, rejected: 2)])
        let kim = try #require(report.annotators.first { $0.statistics.annotator == "kim" })
        let lee = try #require(report.annotators.first { $0.statistics.annotator == "lee" })
        #expect(kim.nearDuplicates == 2)
        #expect(lee.nearDuplicates == 0)
        #expect(kim.statistics.points == 30)
        #expect(lee.statistics.acceptanceRate == 2.0 / 3.0)
    }

    @Test("agreement is scored per task with bootstrap intervals")
    func agreementWithIntervals() throws {
        let fixture = try ReportFixture()
        let report = try ProjectReport.gather(from: fixture.store, project: fixture.project, module: fixture.module)
        let scored = try #require(report.agreement?.reports.first)
        #expect(scored.task == "리뷰")
        #expect(scored.items == 4)
        // r1 긍정/긍정, r2 부정/부정, r3 긍정/부정: two of three pairable items agree.
        #expect(abs((scored.values[.percentAgreement] ?? 0) - 2.0 / 3.0) < 1e-12)
        #expect(abs((scored.values[.krippendorffAlphaNominal] ?? 0) - 4.0 / 9.0) < 1e-12)
        let interval = try #require(scored.intervals[.krippendorffAlphaNominal])
        #expect(interval.lower <= 4.0 / 9.0 && 4.0 / 9.0 <= interval.upper)
        #expect(scored.bootstrap?.resamples == 1000)
    }

    @Test("the page is self-contained and carries every section")
    func pageIsSelfContained() throws {
        let fixture = try ReportFixture()
        let html = try ProjectReport.gather(from: fixture.store, project: fixture.project, module: fixture.module).html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for needle in ["Items complete and short of their overlap", "Submissions per day", "Submissions by hour of day",
                       "Reasons given for rejections", "Reviewer workload", "Agreement coefficients for 리뷰",
                       "Coincidence matrix", "class=\"sortable\"", ">kim<", ">careless<", ">긍정<", "day (UTC)"] {
            #expect(html.contains(needle), "missing \(needle)")
        }
        #expect(!html.contains("<link"))
        #expect(!html.contains("src="))
        #expect(!html.contains("@import"))
        #expect(html.components(separatedBy: "http").count - 1 == html.components(separatedBy: "http://www.w3.org/2000/svg").count - 1)
        #expect(html.components(separatedBy: "<figure class=\"chart\">").count - 1 >= 7)
    }

    @Test("an empty project gives a page that says so")
    func emptyProject() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: directory.appendingPathComponent("empty.sqlite").path)
        let project = try store.createProject(Project(name: "빈", kind: .label, taskConfig: ["labels": ["긍정", "부정"]]))
        let report = try ProjectReport.gather(from: store, project: project, module: try LabelTask(configuration: project.taskConfig))
        #expect(report.progress.isEmpty)
        #expect(report.agreement == nil)
        #expect(report.agreementNote == "no annotations yet")
        let html = report.html()
        #expect(html.contains("No submissions yet."))
        #expect(html.contains("no annotations yet"))
    }
}

@Suite("Coefficient readings")
struct CoefficientReadingTests {
    @Test("bands follow Krippendorff for alpha and Landis and Koch for kappa",
          arguments: [(AgreementMetric.krippendorffAlphaNominal, 0.45, "not reliable"), (.krippendorffAlphaNominal, 0.7, "tentative"),
                      (.krippendorffAlphaNominal, 0.8, "reliable"), (.fleissKappa, 0.45, "moderate"), (.cohenKappa, 0.7, "substantial"),
                      (.cohenKappa, -0.1, "poor"), (.cohenKappa, 0.9, "almost perfect")])
    func bands(metric: AgreementMetric, value: Double, band: String) {
        #expect(CoefficientReading.band(for: metric, value: value) == band)
    }

    @Test("an interval reaching into a lower band is called out")
    func intervalAcrossBands() {
        let text = CoefficientReading.sentence(for: .krippendorffAlphaNominal, value: 0.82,
                                               interval: AgreementInterval(lower: 0.61, upper: 0.93, definedResamples: 1000))
        #expect(text.hasPrefix("0.820: at or above 0.800"))
        #expect(text.contains("reaches down into \"not reliable\""))
    }
}
