import MalmoiAgreement
import MalmoiCore
import MalmoiStore

/// Everything the operator's report shows about one project, gathered from any ``AnnotationStore``.
///
/// ```swift
/// let report = try ProjectReport.gather(from: store, project: project, module: module)
/// let page = report.html()   // one self-contained HTML page
/// ```
/// The figures come only from what the store protocol offers (statistics, the export stream of every
/// item with its current annotations and their reviews), so the report works on any store.
/// Times are the stored submission times, in UTC.
public struct ProjectReport: Sendable {
    /// A label with a count (a day, a reason, an hour).
    public struct Count: Hashable, Sendable {
        /// What is counted.
        public var label: String
        /// How many.
        public var count: Int

        /// Makes a count.
        public init(label: String, count: Int) {
            self.label = label
            self.count = count
        }
    }

    /// The state of the project at the end of one day.
    public struct ProgressPoint: Hashable, Sendable {
        /// The day, `YYYY-MM-DD` (UTC).
        public var day: String
        /// Items (not gold) with at least the project's overlap of annotations by the end of the day.
        public var complete: Int
        /// Items (not gold) still short of their overlap at the end of the day.
        public var short: Int
        /// Annotations submitted that day.
        public var submissions: Int

        /// Makes a point.
        public init(day: String, complete: Int, short: Int, submissions: Int) {
            self.day = day
            self.complete = complete
            self.short = short
            self.submissions = submissions
        }
    }

    /// One annotator's row: the store's statistics plus near-duplicates found among their own answers.
    public struct AnnotatorRow: Hashable, Sendable {
        /// The store's figures for the annotator.
        public var statistics: AnnotatorStatistics
        /// Current annotations that are exact or near duplicates of another of the same annotator's answers
        /// (the project's near-duplicate threshold, as the review session flags them).
        public var nearDuplicates: Int

        /// Makes a row.
        public init(statistics: AnnotatorStatistics, nearDuplicates: Int) {
            self.statistics = statistics
            self.nearDuplicates = nearDuplicates
        }
    }

    /// One reviewer's workload.
    public struct ReviewerRow: Hashable, Sendable {
        /// The reviewer's id.
        public var reviewer: String
        /// Verdicts "accepted".
        public var accepted: Int
        /// Verdicts "rejected".
        public var rejected: Int

        /// All verdicts given.
        public var total: Int { accepted + rejected }

        /// Makes a row.
        public init(reviewer: String, accepted: Int, rejected: Int) {
            self.reviewer = reviewer
            self.accepted = accepted
            self.rejected = rejected
        }
    }

    /// The project.
    public var project: Project
    /// When the report was made (ISO 8601, UTC).
    public var generatedAt: String
    /// The store's progress and quality figures.
    public var statistics: ProjectStatistics
    /// Items and submissions per day, from the first submission to the last.
    public var progress: [ProgressPoint]
    /// Submissions per hour of the day (UTC), 24 entries, `00` to `23`.
    public var hourlySubmissions: [Count]
    /// Per-annotator rows, in the store's order (annotator id).
    public var annotators: [AnnotatorRow]
    /// Rejection reasons over every rejecting review, most frequent first (`(none)` when a rejection gave none).
    public var rejectionReasons: [Count]
    /// Reviewers, busiest first.
    public var reviewers: [ReviewerRow]
    /// The scorer's agreement per task, with bootstrap intervals; nil when the kind gives no records.
    public var agreement: AgreementSummary?
    /// Why agreement is missing, when it is.
    public var agreementNote: String?
    /// The task kind's own figures (`TaskModule.taskAgreement`), e.g. QA EM/F1, ROUGE, morpheme F1.
    public var taskFigures: JSONObject?
    /// What annotators did with the machine drafts they were shown (the stored outcome of each annotation).
    public var drafts = DraftOutcomeCounts()
    /// Model–human agreement figures (`ModelAgreement.projectFigures`'s `"model"`), when the caller has a model.
    public var modelFigures: JSONObject?

    /// Makes a report from figures already gathered (tests, other front ends).
    public init(project: Project, generatedAt: String, statistics: ProjectStatistics, progress: [ProgressPoint],
                hourlySubmissions: [Count], annotators: [AnnotatorRow], rejectionReasons: [Count],
                reviewers: [ReviewerRow], agreement: AgreementSummary?, agreementNote: String?, taskFigures: JSONObject?) {
        self.project = project
        self.generatedAt = generatedAt
        self.statistics = statistics
        self.progress = progress
        self.hourlySubmissions = hourlySubmissions
        self.annotators = annotators
        self.rejectionReasons = rejectionReasons
        self.reviewers = reviewers
        self.agreement = agreement
        self.agreementNote = agreementNote
        self.taskFigures = taskFigures
    }
}

extension ProjectReport {
    /// Gathers a project's report from a store.
    ///
    /// Reads the store's statistics and streams every item with its current annotations and reviews once;
    /// the annotations are kept (the agreement scorer needs them all), nothing else grows with the project.
    /// - Parameters:
    ///   - store: Any store.
    ///   - project: The project.
    ///   - module: The project's task module (turns annotations into agreement records and duplicate texts).
    ///   - options: Agreement options; by default 1,000 bootstrap resamples at 95 % with seed 1.
    ///   - now: The report's time stamp (seconds since 1970, UTC).
    /// - Throws: ``StoreError`` from the store, ``AgreementError`` from the scorer.
    public static func gather(from store: any AnnotationStore, project: Project, module: any TaskModule,
                              options: AgreementOptions = ProjectReport.defaultAgreementOptions,
                              now: Double = Timestamp.now()) throws -> ProjectReport {
        let statistics = try store.statistics(for: project)
        var completedOn: [String: Int] = [:]
        var submissionsOn: [String: Int] = [:]
        var hours = [Int](repeating: 0, count: 24)
        var ordinaryItems = 0
        var reasons: [String: Int] = [:]
        var reviewers: [String: ReviewerRow] = [:]
        var annotations: [Annotation] = []
        try store.forEachExportItem(in: project, includeAll: true) { exported in
            var times: [String] = []
            for entry in exported.annotations {
                let at = entry.annotation.submittedAt
                times.append(at)
                submissionsOn[String(at.prefix(10)), default: 0] += 1
                if let hour = Int(at.dropFirst(11).prefix(2)), (0..<24).contains(hour) { hours[hour] += 1 }
                annotations.append(entry.annotation)
                for (review, _) in entry.reviews {
                    var row = reviewers[review.reviewer] ?? ReviewerRow(reviewer: review.reviewer, accepted: 0, rejected: 0)
                    if review.isAccepted {
                        row.accepted += 1
                    } else {
                        row.rejected += 1
                        for reason in review.reasons.isEmpty ? ["(none)"] : review.reasons { reasons[reason, default: 0] += 1 }
                    }
                    reviewers[review.reviewer] = row
                }
            }
            guard exported.gold == nil else { return }
            ordinaryItems += 1
            if times.count >= project.overlap {
                times.sort()
                completedOn[String(times[project.overlap - 1].prefix(10)), default: 0] += 1
            }
        }
        var progress: [ProgressPoint] = []
        var complete = 0
        for day in Self.days(from: submissionsOn.keys.min(), to: submissionsOn.keys.max()) {
            complete += completedOn[day] ?? 0
            progress.append(ProgressPoint(day: day, complete: complete, short: ordinaryItems - complete,
                                          submissions: submissionsOn[day] ?? 0))
        }
        let duplicates = Self.nearDuplicates(in: annotations, module: module, threshold: project.nearDuplicateThreshold)
        let rows = statistics.annotators.map { AnnotatorRow(statistics: $0, nearDuplicates: duplicates[$0.annotator] ?? 0) }

        let records = module.agreementRecords(for: annotations).map { record in
            var named = record
            named.task = record.task.map { "\(project.name)/\($0)" } ?? project.name
            return named
        }
        var agreement: AgreementSummary?
        var note: String?
        if records.isEmpty {
            note = annotations.isEmpty ? "no annotations yet" : "the \(project.kind) kind gives no agreement records; see the kind's own figures"
        } else {
            do {
                agreement = try AgreementScorer.report(for: records, options: options)
            } catch let error as InputError {
                note = error.description
            }
        }
        var report = ProjectReport(
            project: project, generatedAt: Timestamp.iso8601(now), statistics: statistics, progress: progress,
            hourlySubmissions: hours.enumerated().map { Count(label: ($0.offset < 10 ? "0" : "") + String($0.offset), count: $0.element) },
            annotators: rows,
            rejectionReasons: reasons.map { Count(label: $0.key, count: $0.value) }
                .sorted { ($0.count, $1.label) > ($1.count, $0.label) },
            reviewers: reviewers.values.sorted { ($0.total, $1.reviewer) > ($1.total, $0.reviewer) },
            agreement: agreement, agreementNote: note,
            taskFigures: module.taskAgreement(for: annotations))
        report.drafts = DraftOutcomeCounts(annotations)
        return report
    }

    /// The report's default agreement options: every coefficient with 1,000 bootstrap resamples over items
    /// at 95 % and a fixed seed (the same store gives the same page).
    public static var defaultAgreementOptions: AgreementOptions {
        var options = AgreementOptions()
        options.bootstrapResamples = 1000
        options.confidence = 0.95
        options.seed = 1
        return options
    }

    /// Per annotator, how many of their current annotations duplicate another of their own answers.
    static func nearDuplicates(in annotations: [Annotation], module: any TaskModule, threshold: Double) -> [String: Int] {
        var texts: [String: [(id: Int64, text: String)]] = [:]
        for annotation in annotations {
            if let text = module.duplicateText(of: annotation.payload) { texts[annotation.annotator, default: []].append((annotation.id, text)) }
        }
        let finder = DuplicateFinder(threshold: threshold)
        return texts.mapValues { finder.matches(in: $0).values.filter { !$0.isEmpty }.count }
    }

    /// Every calendar day from `first` to `last` (`YYYY-MM-DD`), inclusive; empty when either is nil.
    static func days(from first: String?, to last: String?) -> [String] {
        guard let first, let last, var day = CalendarDay(first), let end = CalendarDay(last), day <= end else { return [] }
        var days: [String] = []
        while day <= end, days.count < 36_600 {
            days.append(day.description)
            day = day.next
        }
        return days
    }
}

/// A proleptic Gregorian calendar day, enough to walk from one day to the next.
struct CalendarDay: Comparable, CustomStringConvertible {
    var year: Int
    var month: Int
    var day: Int

    init?(_ text: String) {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), parts[2] >= 1 else { return nil }
        (year, month, day) = (parts[0], parts[1], parts[2])
    }

    init(year: Int, month: Int, day: Int) {
        (self.year, self.month, self.day) = (year, month, day)
    }

    var next: CalendarDay {
        let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        if day < lengths[month - 1] { return CalendarDay(year: year, month: month, day: day + 1) }
        return month == 12 ? CalendarDay(year: year + 1, month: 1, day: 1) : CalendarDay(year: year, month: month + 1, day: 1)
    }

    var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
