import MalmoiAgreement

extension AgreementInput {
    /// Scores every task read from files, in order, into one summary.
    /// - Parameters:
    ///   - tasks: The tasks, as ``readJSONL(paths:level:normalization:onRecord:)`` or ``readCSV(paths:level:normalization:)`` give them.
    ///   - options: What to compute.
    ///   - onTask: Called with the index of each task before it is scored (progress).
    /// - Returns: The summary of the tasks' reports.
    public static func summary(of tasks: [Task], options: AgreementOptions, onTask: (Int) -> Void = { _ in }) -> AgreementSummary {
        var reports: [AgreementReport] = []
        for (index, task) in tasks.enumerated() {
            onTask(index)
            reports.append(AgreementScorer.score(task.data, options: options, task: task.task))
        }
        return AgreementSummary(reports: reports)
    }
}
