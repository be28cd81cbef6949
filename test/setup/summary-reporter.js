// Prints the plain closing line CI tools read ("N passed, N failed, N skipped") as the very last line of the run,
// after jest's own summary (hence on exit: reporters' onRunComplete runs before jest prints its summary).
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests + results.numTodoTests} skipped\n`;
    process.once('exit', () => process.stderr.write(line));
  }
}
module.exports = SummaryReporter;
