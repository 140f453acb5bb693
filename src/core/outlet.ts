// Outlets: who ran a report, as a reader would name them.

/** Who ran a report: the name it came with, else its link's host; unknown when it has neither. */
export function outletOf(report: { source?: string; url?: string }): string | undefined {
  return report.source ?? (report.url ? new URL(report.url).hostname.replace(/^www\./, "") : undefined);
}
